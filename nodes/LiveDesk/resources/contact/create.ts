import type { INodeProperties } from 'n8n-workflow';
import { inboxIdField, simplifyField } from '../../shared/descriptions';
import { simplifyWith } from '../../shared/hooks';
import { contactFieldOptions } from './fields';
import { simplifyContact } from './simplify';

const showOnlyForContactCreate = {
	resource: ['contact'],
	operation: ['create'],
};

export const contactCreateDescription: INodeProperties[] = [
	inboxIdField(showOnlyForContactCreate),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForContactCreate },
		options: contactFieldOptions,
	},
	simplifyField(showOnlyForContactCreate, simplifyWith(simplifyContact)),
];
