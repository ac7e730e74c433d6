import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, routeToConversation } from '../../shared/hooks';
import { conversationCreateDescription, requireContactOrSource } from './create';
import { conversationGetOrCreateDescription, getOrCreateRouting } from './getOrCreate';
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
				action: 'Create a conversation with a contact',
				description:
					'Open a conversation with a contact in an API channel. Returns the conversation with its numeric ID, which Send Message and Update Status need.',
				routing: {
					request: { method: 'POST', url: '/conversations' },
					send: { preSend: [normalizeBody, requireContactOrSource] },
				},
			},
			{
				// A program (getOrCreate.ts): read what the contact remembers, open one if needed. n8n's engine
				// runs it as the custom operation; where n8n runs only the routing (a tool), this hook does.
				name: 'Get or Create',
				value: 'getOrCreate',
				action: 'Get or create the conversation with a contact',
				description:
					'Return the contact’s current conversation in the inbox, or open one and remember it on the contact (custom attribute n8n_conversation_ followed by the inbox ID). Returns the conversation with its numeric ID and whether it was created.',
				routing: { operations: { pagination: getOrCreateRouting } },
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Hand over or resolve a conversation by setting its status',
				description:
					'Set the status of a conversation, given by its numeric ID. Open hands it to people (agents); Pending gives it back to the bot; Resolved closes it; Snoozed puts it aside.',
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
	...conversationGetOrCreateDescription,
	...conversationUpdateStatusDescription,
];
