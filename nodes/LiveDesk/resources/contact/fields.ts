import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { keyValueObject } from '../../../shared/utilities';
import { textField } from '../../shared/descriptions';

/* The contact's fields, shared by the operations that write or list contacts. */

/** The fields Create Contact documents; Update and Create or Update offer them too. */
export const contactFieldOptions: INodeProperties[] = [
	textField('Avatar URL', 'avatarUrl', 'avatar_url', {
		placeholder: 'e.g. https://example.com/avatar.png',
		description: 'Public link to the contact’s picture',
	}),
	textField('Email', 'email', 'email', { placeholder: 'e.g. alice@example.com' }),
	textField('Identifier', 'identifier', 'identifier', {
		placeholder: 'e.g. crm-1234567890',
		description:
			'Your own ID for this person (CRM ID, WhatsApp number, user ID), to find the contact again later',
	}),
	textField('Name', 'name', 'name', { placeholder: 'e.g. Alice Smith' }),
	textField('Phone Number', 'phoneNumber', 'phone_number', {
		placeholder: 'e.g. +4915112345678',
		description: 'In international format, with the leading +',
	}),
];

const attribute = (key: string) => `additional_attributes.${key}`;
const socialProfile = (key: string) => `additional_attributes.social_profiles.${key}`;

/** What Update Contact documents beyond Create's fields; sent nested as the docs' example shows. */
export const contactDetailOptions: INodeProperties[] = [
	textField('City', 'city', attribute('city'), { placeholder: 'e.g. Berlin' }),
	textField('Company Name', 'companyName', attribute('company_name'), {
		placeholder: 'e.g. Acme Inc.',
	}),
	textField('Country', 'country', attribute('country'), { placeholder: 'e.g. Germany' }),
	textField('Country Code', 'countryCode', attribute('country_code'), { placeholder: 'e.g. DE' }),
	textField('Description', 'description', attribute('description'), {
		placeholder: 'e.g. Key account, prefers email',
		description: 'A note about the contact, shown to agents',
	}),
	textField('Facebook Profile', 'facebook', socialProfile('facebook'), {
		placeholder: 'e.g. alice.smith',
	}),
	textField('First Name', 'firstName', 'first_name', { placeholder: 'e.g. Alice' }),
	textField('GitHub Profile', 'github', socialProfile('github'), {
		placeholder: 'e.g. alicesmith',
	}),
	textField('Instagram Profile', 'instagram', socialProfile('instagram'), {
		placeholder: 'e.g. alice.smith',
	}),
	textField('Last Name', 'lastName', 'last_name', { placeholder: 'e.g. Smith' }),
	textField('LinkedIn Profile', 'linkedin', socialProfile('linkedin'), {
		placeholder: 'e.g. alice-smith',
	}),
	textField('Telegram', 'telegram', attribute('telegram'), { placeholder: 'e.g. @alice_smith' }),
	textField('Twitter Profile', 'twitter', socialProfile('twitter'), {
		placeholder: 'e.g. alice_smith',
	}),
];

function attributeList(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Attribute',
		default: {},
		description,
		typeOptions: { multipleValues: true },
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'e.g. plan',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. premium',
					},
				],
			},
		],
	};
}

/** Free key/value lists, turned into objects by attributeObjects. */
export const attributeListOptions: INodeProperties[] = [
	attributeList(
		'Custom Attributes',
		'customAttributes',
		'Your own attributes as defined in LiveDesk (key and value); merged into the contact’s existing ones',
	),
	attributeList(
		'Other Additional Attributes',
		'additionalAttributes',
		'Further built-in details not offered above, as key and value; merged into the existing ones',
	),
];

/** The key/value lists of a contact's fields as the objects LiveDesk merges into its attributes. */
export function attributeObjects(fields: IDataObject): IDataObject {
	const objects: IDataObject = {};
	for (const [name, key] of [
		['customAttributes', 'custom_attributes'],
		['additionalAttributes', 'additional_attributes'],
	] as const) {
		const attributes = keyValueObject(
			((fields[name] as IDataObject | undefined)?.attribute ?? []) as IDataObject[],
		);
		if (Object.keys(attributes).length) objects[key] = attributes;
	}
	return objects;
}

/** Options of Get Many and Search: the docs give both calls the same filters and sorting. */
export function contactListOptions(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Include Contact Inboxes',
				name: 'includeContactInboxes',
				type: 'boolean',
				default: true,
				description:
					'Whether each contact lists the inboxes it is in, with their source IDs. Turn off for smaller pages; Simplify’s source_id is then empty.',
				routing: {
					send: {
						type: 'query',
						property: 'include_contact_inboxes',
						value: '={{ String($value) }}',
					},
				},
			},
			{
				displayName: 'Labels',
				name: 'labels',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, lead',
				description: 'Only contacts with any of these labels, separated by commas',
				// Sent as typed: the docs allow a string, and LiveDesk's label filter reads a comma-separated list.
				routing: { send: { type: 'query', property: 'labels' } },
			},
			{
				displayName: 'Sort By',
				name: 'sort',
				type: 'options',
				default: 'last_activity_at',
				options: [
					{ name: 'City', value: 'city' },
					{ name: 'Company', value: 'company' },
					{ name: 'Country', value: 'country' },
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
	};
}
