import type { INodeProperties } from 'n8n-workflow';

/** The contact's own fields, as Create, Update and Create or Update offer them. */
export const contactFieldOptions: INodeProperties[] = [
	{
		displayName: 'Avatar URL',
		name: 'avatarUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/avatar.png',
		description: 'Public link to the contact’s picture',
		routing: { send: { type: 'body', property: 'avatar_url' } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. alice@example.com',
		default: '',
		routing: { send: { type: 'body', property: 'email' } },
	},
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		default: '',
		placeholder: 'e.g. crm-1234567890',
		description:
			'Your own ID for this person (CRM ID, WhatsApp number, user ID), to find the contact again later',
		routing: { send: { type: 'body', property: 'identifier' } },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Alice Smith',
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +4915112345678',
		description: 'In international format, with the leading +',
		routing: { send: { type: 'body', property: 'phone_number' } },
	},
];
