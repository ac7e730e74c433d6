import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, requireContactOrSource } from '../../shared/preSend';
import { conversationCreateDescription } from './create';

const showOnlyForConversations = { resource: ['conversation'] };

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForConversations },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a conversation',
				description: 'Open a conversation with a contact in an API channel',
				routing: {
					request: { method: 'POST', url: '/conversations' },
					send: { preSend: [normalizeBody, requireContactOrSource] },
				},
			},
		],
		default: 'create',
	},
	...conversationCreateDescription,
];
