import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody } from '../../shared/preSend';
import { unwrapContact } from '../../shared/postReceive';
import { contactCreateDescription } from './create';

const showOnlyForContacts = { resource: ['contact'] };

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
		],
		default: 'create',
	},
	...contactCreateDescription,
];
