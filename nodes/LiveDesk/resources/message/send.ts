import type { INodeProperties } from 'n8n-workflow';
import { conversationIdField, simplifyField } from '../../shared/descriptions';
import { simplifyWith } from '../../shared/hooks';
import { attachmentsField, maxAttachmentSizeField } from './outgoingAttachments';
import { simplifyMessage } from './simplify';

const showOnlyForMessageSend = {
	resource: ['message'],
	operation: ['send'],
};

/** What the message says and how it is sent: the same fields for Send and Send to Contact. */
const showForBothSends = {
	resource: ['message'],
	operation: ['send', 'sendToContact'],
};

export const messageSendDescription: INodeProperties[] = [
	conversationIdField(showOnlyForMessageSend, 'post into'),
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Hello, my order has not arrived yet.',
		description:
			'The text of the message, as plain text. Required unless Additional Fields → Attachments sends a file; with a file it is the caption.',
		displayOptions: { show: showForBothSends },
		routing: { send: { type: 'body', property: 'content' } },
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'incoming',
		description:
			'Who the message is from. A bot or agent answering the customer sends Outgoing; a bridge posting what the customer wrote sends Incoming.',
		displayOptions: { show: showForBothSends },
		options: [
			{
				name: 'Incoming (From the Contact)',
				value: 'incoming',
				description:
					'The customer wrote it; it shows up in the inbox for agents (or a bot) to answer',
			},
			{
				name: 'Outgoing (From an Agent)',
				value: 'outgoing',
				description:
					'An agent or bot answers the customer; LiveDesk hands it to the channel to deliver',
			},
		],
		routing: { send: { type: 'body', property: 'message_type' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showForBothSends },
		options: [
			attachmentsField,
			{
				displayName: 'In Reply To',
				name: 'inReplyTo',
				type: 'number',
				default: 0,
				placeholder: 'e.g. 29',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'ID of the message in this conversation that this message answers',
				routing: { send: { type: 'body', property: 'content_attributes.in_reply_to' } },
			},
			{
				displayName: 'Private Note',
				name: 'private',
				type: 'boolean',
				default: false,
				description:
					'Whether the message is a private note: visible to agents only, never sent to the customer. A bot leaves the agent a summary this way when it hands a conversation over.',
				routing: { send: { type: 'body', property: 'private' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForMessageSend },
		options: [maxAttachmentSizeField],
	},
	simplifyField(showOnlyForMessageSend, simplifyWith(simplifyMessage)),
];
