import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { contactDescription } from './resources/contact';
import { conversationDescription } from './resources/conversation';
import { messageDescription } from './resources/message';
import { searchContacts } from './listSearch/searchContacts';
import { throwOnErrorStatus } from './shared/postReceive';
import { checkCredentialAndRemember } from './shared/preSend';
import { API_BASE_URL_EXPRESSION } from './shared/transport';

export class LiveDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiveDesk',
		name: 'liveDesk',
		icon: { light: 'file:livedesk.svg', dark: 'file:livedesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Bring conversations into EngageLab LiveDesk through its API channel',
		defaults: { name: 'LiveDesk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'liveDeskApi', required: true }],
		requestDefaults: {
			baseURL: API_BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// Failed calls reach throwOnErrorStatus with LiveDesk's body instead of a bare status.
			ignoreHttpStatusErrors: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
				// Declared once here so that every operation runs these first, before its own hooks.
				routing: {
					send: { preSend: [checkCredentialAndRemember] },
					output: { postReceive: [throwOnErrorStatus] },
				},
			},
			...contactDescription,
			...conversationDescription,
			...messageDescription,
		],
	};

	methods = {
		listSearch: { searchContacts },
	};
}
