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
		displayOptions: { show: showOnlyForStatusUpdate },
		options: [
			{ name: 'Open', value: 'open', description: 'Agents should answer it' },
			{ name: 'Pending', value: 'pending', description: 'Waiting, e.g. for a bot to hand over' },
			{ name: 'Resolved', value: 'resolved', description: 'Done; a new customer message reopens it' },
			{ name: 'Snoozed', value: 'snoozed', description: 'Hidden until Snoozed Until or the next customer message' },
		],
		routing: { send: { type: 'body', property: 'status' } },
	},
	{
		displayName: 'Snoozed Until',
		name: 'snoozedUntil',
		type: 'dateTime',
		default: '',
		description: 'When the conversation reopens by itself; empty snoozes it until the customer writes again',
		displayOptions: { show: { ...showOnlyForStatusUpdate, status: ['snoozed'] } },
	},
];
