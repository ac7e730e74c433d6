import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { API_BASE_URL_EXPRESSION } from '../nodes/LiveDesk/shared/transport';

export class LiveDeskApi implements ICredentialType {
	name = 'liveDeskApi';

	displayName = 'LiveDesk API';

	icon: Icon = {
		light: 'file:../icons/livedesk.svg',
		dark: 'file:../icons/livedesk.dark.svg',
	};

	documentationUrl = 'https://github.com/engagelab/n8n-nodes-engagelab-livedesk#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'In the LiveDesk console: Project Settings → API Management → API Key',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Shown next to the API key. It is sent only in the Authorization header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://livedesk-api.engagelab.com',
			placeholder: 'e.g. https://livedesk-api.engagelab.com',
			description:
				'The host of the LiveDesk API, without /api/v2/accounts. Change it only for another data centre or the local sandbox (e.g. http://127.0.0.1:8787).',
		},
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Used by the LiveDesk Trigger only; optional, but strongly recommended. A secret you make up (a long random string). LiveDesk does not sign its webhooks, so without a token anyone who learns the trigger’s URL can forge an event, e.g. an agent reply that a bridge then delivers to a customer. When set, the trigger answers 401 to every request whose URL does not end with ?token= followed by this value: add that to the Webhook URL in LiveDesk.',
		},
	];

	// LiveDesk expects HTTP Basic with the key as user name and the secret as password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.apiKey}}',
				password: '={{$credentials.apiSecret}}',
			},
		},
	};

	// Listing one page of contacts is the cheapest call that needs a valid key and secret.
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_BASE_URL_EXPRESSION,
			url: '/contacts',
			method: 'GET',
			qs: { page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'LiveDesk rejected the API key or secret. Copy both again from Project Settings → API Management → API Key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No LiveDesk API at this Base URL. Use the host only, e.g. https://livedesk-api.engagelab.com, without /api/v2/accounts.',
				},
			},
		],
	};
}
