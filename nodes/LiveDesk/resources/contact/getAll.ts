import type { INodeProperties } from 'n8n-workflow';
import { simplifyField } from '../../shared/fields';
import { returnAllAndLimitFields } from '../../shared/pagination';

const showOnlyForContactGetMany = {
	resource: ['contact'],
	operation: ['getAll'],
};

export const contactGetManyDescription: INodeProperties[] = [
	...returnAllAndLimitFields(showOnlyForContactGetMany),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForContactGetMany },
		options: [
			{
				displayName: 'Include Contact Inboxes',
				name: 'includeContactInboxes',
				type: 'boolean',
				default: true,
				description:
					'Whether each contact lists the inboxes it is in, with their source IDs. Turn off for smaller pages; Simplify’s source_id is then empty.',
				routing: { send: { type: 'query', property: 'include_contact_inboxes', value: '={{ String($value) }}' } },
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, lead',
				description: 'Only contacts with any of these labels, separated by commas',
				// Sent as typed: LiveDesk's label filter reads a comma-separated list.
				routing: { send: { type: 'query', property: 'labels' } },
			},
			{
				displayName: 'Sort By',
				name: 'sort',
				type: 'options',
				default: 'last_activity_at',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Email', value: 'email' },
					{ name: 'Last Activity', value: 'last_activity_at' },
					{ name: 'Name', value: 'name' },
					{ name: 'Phone Number', value: 'phone_number' },
				],
				routing: { send: { type: 'query', property: 'sort' } },
			},
			{
				displayName: 'Sort Direction',
				name: 'direction',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				routing: { send: { type: 'query', property: 'direction' } },
			},
		],
	},
	simplifyField(showOnlyForContactGetMany),
];
