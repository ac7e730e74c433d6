import type { INodeProperties } from 'n8n-workflow';
import { inboxIdField, simplifyField } from '../../shared/descriptions';
import { conversationPolicyOptions } from '../conversation/remembered';
import { maxAttachmentSizeField } from './outgoingAttachments';

const showOnlyForSendToContact = {
	resource: ['message'],
	operation: ['sendToContact'],
};

function matchValueField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
		displayOptions: { show: { ...showOnlyForSendToContact, matchBy: [name] } },
	};
}

/** Content, Message Type and Additional Fields are Send's own (send.ts), shown for both operations. */
export const messageSendToContactDescription: INodeProperties[] = [
	inboxIdField(showOnlyForSendToContact),
	{
		displayName: 'Find Contact By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		default: 'phoneNumber',
		description: 'How the customer is recognised; a customer not found is created with this value',
		displayOptions: { show: showOnlyForSendToContact },
		options: [
			{
				name: 'Phone Number',
				value: 'phoneNumber',
				description: 'The customer’s phone number, e.g. from WhatsApp or SMS',
			},
			{ name: 'Email', value: 'email', description: 'The customer’s email address (any case)' },
			{
				name: 'Identifier',
				value: 'identifier',
				description: 'Your own ID for the customer (CRM ID, chat user ID)',
			},
		],
	},
	matchValueField(
		'Phone Number',
		'phoneNumber',
		'e.g. +4915112345678',
		'The customer’s phone number in international format, with the leading +; compared exactly',
	),
	matchValueField('Email', 'email', 'e.g. alice@example.com', 'The customer’s email address'),
	matchValueField(
		'Identifier',
		'identifier',
		'e.g. tg-123456789',
		'Your own ID for the customer; compared exactly',
	),
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Alice Smith',
		description:
			'The customer’s name, used when the contact is created; an existing contact keeps its name',
		displayOptions: { show: showOnlyForSendToContact },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForSendToContact },
		options: [...conversationPolicyOptions, maxAttachmentSizeField],
	},
	simplifyField(showOnlyForSendToContact),
];
