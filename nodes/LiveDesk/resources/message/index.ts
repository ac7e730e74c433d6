import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, routeToConversation } from '../../shared/hooks';
import { attachFiles } from './attachments';
import { messageSendDescription } from './send';

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
				action: 'Send a message or private note into a conversation',
				description:
					'Post a message into a conversation, given by its numeric ID: Outgoing is an agent’s or bot’s reply to the customer, Incoming is the customer’s own message, and a private note is for agents only. Returns the message with its numeric ID.',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [routeToConversation('messages'), normalizeBody, attachFiles] },
				},
			},
		],
		default: 'send',
	},
	...messageSendDescription,
];
