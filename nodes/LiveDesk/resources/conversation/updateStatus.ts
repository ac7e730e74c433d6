import type { INodeProperties } from 'n8n-workflow';
import { conversationIdField } from '../../shared/descriptions';

const showOnlyForStatusUpdate = {
	resource: ['conversation'],
	operation: ['updateStatus'],
};

export const conversationUpdateStatusDescription: INodeProperties[] = [
	conversationIdField(showOnlyForStatusUpdate, 'change'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'resolved',
		description:
			'The new status. Open hands the conversation to people; Pending gives it back to the bot, which owns pending conversations.',
		displayOptions: { show: showOnlyForStatusUpdate },
		options: [
			{
				name: 'Open',
				value: 'open',
				description: 'Hand it to people: agents see it as theirs to answer',
			},
			{
				name: 'Pending',
				value: 'pending',
				description: 'Give it (back) to the bot: not yet handed over to people',
			},
			{
				name: 'Resolved',
				value: 'resolved',
				description: 'Done; a new customer message reopens it',
			},
			{
				name: 'Snoozed',
				value: 'snoozed',
				description: 'Hidden until Snoozed Until or the next customer message',
			},
		],
		routing: { send: { type: 'body', property: 'status' } },
	},
	{
		displayName: 'Snoozed Until',
		name: 'snoozedUntil',
		type: 'dateTime',
		default: '',
		description:
			'When the conversation reopens by itself; empty snoozes it until the customer writes again',
		displayOptions: { show: { ...showOnlyForStatusUpdate, status: ['snoozed'] } },
	},
];
