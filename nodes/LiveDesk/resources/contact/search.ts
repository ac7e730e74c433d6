import type { INodeProperties } from 'n8n-workflow';
import { simplifyField } from '../../shared/descriptions';
import { contactListOptions } from './fields';
import { returnAllAndLimitFields } from './pages';

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
		description:
			'Text matched against name, email, phone number and identifier; part of a value is enough (e.g. "acme" finds bob@acme.com)',
		displayOptions: { show: showOnlyForContactSearch },
		routing: { send: { type: 'query', property: 'q' } },
	},
	...returnAllAndLimitFields(showOnlyForContactSearch),
	contactListOptions(showOnlyForContactSearch),
	simplifyField(showOnlyForContactSearch),
];
