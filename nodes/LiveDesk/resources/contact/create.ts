import type { INodeProperties } from 'n8n-workflow';
import { contactFieldOptions } from '../../shared/contactFields';
import { inboxIdField, simplifyField } from '../../shared/fields';

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
	simplifyField(showOnlyForContactCreate),
];
