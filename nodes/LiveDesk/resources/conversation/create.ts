import type { INodeProperties } from 'n8n-workflow';
import { inboxIdField } from '../../shared/fields';

const showOnlyForConversationCreate = {
	resource: ['conversation'],
	operation: ['create'],
};

export const conversationCreateDescription: INodeProperties[] = [
	inboxIdField(showOnlyForConversationCreate),
	{
		displayName: 'Identify Contact By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'contactId',
		displayOptions: { show: showOnlyForConversationCreate },
		options: [
			{
				name: 'Contact ID',
				value: 'contactId',
				description: 'The ID returned by Contact → Create',
			},
			{
				name: 'Source ID',
				value: 'sourceId',
				description: 'The contact’s source ID in this channel (contact_inbox.source_id)',
			},
		],
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 2219259',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			'The contact who writes in. In a chain, drag the ID from the Create Contact step’s output into this field.',
		displayOptions: { show: { ...showOnlyForConversationCreate, identifyBy: ['contactId'] } },
		routing: { send: { type: 'body', property: 'contact_id' } },
	},
	{
		displayName: 'Source ID',
		name: 'sourceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9a1b7c2e-55d1-4f0a-9d6e-0c1f2b3a4d5e',
		description: 'The contact’s source ID in this channel, from contact_inbox.source_id of Create Contact',
		displayOptions: { show: { ...showOnlyForConversationCreate, identifyBy: ['sourceId'] } },
		routing: { send: { type: 'body', property: 'source_id' } },
	},
];
