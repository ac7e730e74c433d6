import type { INodeProperties } from 'n8n-workflow';
import { simplifyField } from '../../shared/fields';
import { returnAllAndLimitFields } from '../../shared/pagination';

const showOnlyForContactSearch = {
	resource: ['contact'],
	operation: ['search'],
};

export const contactSearchDescription: INodeProperties[] = [
	{
		displayName: 'Search Term',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice@example.com',
		description: 'Matched against name, email, phone number and identifier; part of a value is enough',
		displayOptions: { show: showOnlyForContactSearch },
		routing: { send: { type: 'query', property: 'q' } },
	},
	...returnAllAndLimitFields(showOnlyForContactSearch),
	simplifyField(showOnlyForContactSearch),
];
