import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, routeToConversation } from '../../shared/hooks';
import { conversationCreateDescription, requireContactOrSource } from './create';
import { unwrapStatusChange } from './simplify';
import { sendSnoozedUntil } from './snoozedUntil';
import { conversationUpdateStatusDescription } from './updateStatus';

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
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Update the status of a conversation',
				description: 'Open, resolve, set pending or snooze a conversation',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [routeToConversation('toggle_status'), sendSnoozedUntil] },
					output: { postReceive: [unwrapStatusChange] },
				},
			},
		],
		default: 'create',
	},
	...conversationCreateDescription,
	...conversationUpdateStatusDescription,
];
