import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, routeToConversation } from '../../shared/hooks';
import { messageSendDescription, requireContent } from './send';

const showOnlyForMessages = { resource: ['message'] };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description: 'Post a message into a conversation, as the contact or as an agent',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [routeToConversation('messages'), normalizeBody, requireContent] },
				},
			},
		],
		default: 'send',
	},
	...messageSendDescription,
];
