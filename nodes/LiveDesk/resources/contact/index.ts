import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody } from '../../shared/hooks';
import { contactCreateDescription } from './create';
import { contactGetManyDescription } from './getAll';
import { pageThroughContacts } from './pages';
import { contactSearchDescription } from './search';
import { unwrapContact } from './simplify';
import { contactUpdateDescription, routeToContact, sendAttributeLists } from './update';
import { upsertContactRouting } from './upsertExecute';
import { contactUpsertDescription } from './upsert';

const showOnlyForContacts = { resource: ['contact'] };

/**
 * Get Many and Search replace the node's 429 retry (requestOperations.pagination, see
 * LiveDesk.node.ts) with pageThroughContacts: it asks for page after page, each sent with the
 * same retry, until Return All or Limit is satisfied.
 */
const listSending = { pagination: pageThroughContacts };

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
				action: 'Create a contact in an inbox',
				description:
					'Create a contact (the person who writes in) in an API channel; the first step before a conversation. Returns the contact with its numeric ID.',
				routing: {
					request: { method: 'POST', url: '/contacts' },
					send: { preSend: [normalizeBody] },
					output: { postReceive: [unwrapContact] },
				},
			},
			{
				// A program rather than one request (upsertExecute.ts): a look-up, then an update or a create.
				// n8n's engine runs it as the custom operation (LiveDesk.node.ts); where n8n runs only the
				// routing (a tool), this hook runs the same program.
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact by identifier or email or phone',
				// n8n's lint rule (node-param-description-wrong-for-upsert) requires this exact text; the action says more.
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				routing: { operations: { pagination: upsertContactRouting } },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description:
					'List the contacts of the project, optionally filtered by labels and sorted. Returns contacts with their numeric IDs.',
				routing: { request: { method: 'GET', url: '/contacts' }, operations: listSending },
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search contacts by name or email or phone number',
				description:
					'Find contacts whose name, email, phone number or identifier contains the search term. Returns the matching contacts with their numeric IDs; none is an empty result.',
				routing: { request: { method: 'GET', url: '/contacts' }, operations: listSending },
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the details of a contact',
				description:
					'Change a contact’s details and attributes by its numeric ID; only the fields added are changed',
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
