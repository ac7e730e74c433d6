import type { INodeProperties } from 'n8n-workflow';
import { sendAttributeLists } from '../../shared/conversions';
import { routeToContact } from '../../shared/paths';
import { normalizeBody, requireSearchTerm } from '../../shared/preSend';
import { unwrapContact } from '../../shared/postReceive';
import { markCreated, resolveUpsertTarget } from '../../shared/upsert';
import { contactCreateDescription } from './create';
import { contactGetManyDescription } from './getAll';
import { contactSearchDescription } from './search';
import { contactUpdateDescription } from './update';
import { contactUpsertDescription } from './upsert';

const showOnlyForContacts = { resource: ['contact'] };

const splitPayload = { type: 'rootProperty', properties: { property: 'payload' } } as const;

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForContacts },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Create a contact in an API channel, the first step before a conversation',
				routing: {
					request: { method: 'POST', url: '/contacts' },
					send: { preSend: [normalizeBody] },
					output: { postReceive: [unwrapContact] },
				},
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				routing: {
					request: { method: 'POST', url: '/contacts' },
					send: { preSend: [normalizeBody, resolveUpsertTarget] },
					output: { postReceive: [unwrapContact, markCreated] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List the contacts of the project, page by page',
				routing: {
					request: { method: 'GET', url: '/contacts' },
					output: { postReceive: [splitPayload] },
				},
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search contacts',
				description: 'Find contacts by name, email, phone number or identifier',
				routing: {
					request: { method: 'GET', url: '/contacts/search' },
					send: { preSend: [requireSearchTerm] },
					output: { postReceive: [splitPayload] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change a contact’s details and attributes',
				routing: {
					request: { method: 'PATCH' },
					send: { preSend: [routeToContact, normalizeBody, sendAttributeLists] },
					output: { postReceive: [unwrapContact] },
				},
			},
		],
		default: 'create',
	},
	...contactCreateDescription,
	...contactUpsertDescription,
	...contactGetManyDescription,
	...contactSearchDescription,
	...contactUpdateDescription,
];
