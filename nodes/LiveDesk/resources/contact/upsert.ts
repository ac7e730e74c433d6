import type { INodeProperties } from 'n8n-workflow';
import { inboxIdField, simplifyField, sortedByLabel } from '../../shared/descriptions';
import { attributeListOptions, contactDetailOptions, contactFieldOptions } from './fields';

const showOnlyForContactUpsert = {
	resource: ['contact'],
	operation: ['upsert'],
};

/**
 * What Create or Update may write besides the field it matches by. The field
 * matched by is set above; offering it here too would let two values compete.
 */
export const upsertFieldOptions: INodeProperties[] = sortedByLabel([
	...contactFieldOptions.map((option) =>
		option.name === 'identifier' || option.name === 'email' || option.name === 'phoneNumber'
			? { ...option, displayOptions: { hide: { '/matchBy': [option.name] } } }
			: option,
	),
	...contactDetailOptions,
	...attributeListOptions,
]);

export const contactUpsertDescription: INodeProperties[] = [
	inboxIdField(showOnlyForContactUpsert),
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		default: 'identifier',
		description: 'The field that tells whether the contact already exists',
		displayOptions: { show: showOnlyForContactUpsert },
		options: [
			{
				name: 'Identifier',
				value: 'identifier',
				description: 'Your own ID for the person (CRM ID, WhatsApp number)',
			},
			{ name: 'Email', value: 'email', description: 'The contact’s email address' },
			{
				name: 'Phone Number',
				value: 'phoneNumber',
				description: 'The contact’s phone number, exactly as stored',
			},
		],
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm-1234567890',
		description:
			'The contact with exactly this identifier is updated; without one, a contact is created',
		displayOptions: { show: { ...showOnlyForContactUpsert, matchBy: ['identifier'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. alice@example.com',
		description:
			'The contact with this email address (any case) is updated; without one, a contact is created',
		displayOptions: { show: { ...showOnlyForContactUpsert, matchBy: ['email'] } },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +4915112345678',
		description:
			'The contact with exactly this phone number is updated; without one, a contact is created. In international format, with the leading +.',
		displayOptions: { show: { ...showOnlyForContactUpsert, matchBy: ['phoneNumber'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForContactUpsert },
		options: upsertFieldOptions,
	},
	simplifyField(showOnlyForContactUpsert),
];
