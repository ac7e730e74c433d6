import type { INodeProperties } from 'n8n-workflow';
import { sortedByLabel, textField } from '../../shared/descriptions';

/*
 * The ticket's fields, shared by Create (Additional Fields) and Update (Update Fields). Scalars are
 * routed into the body as the docs nest them; the lists (attachments, custom fields, followers, tags)
 * are shaped by sendTicketBody in body.ts.
 */

/** A key/value list or a list of one value per entry; never routed, read by body.ts. */
function entryList(
	displayName: string,
	name: string,
	entry: { name: string; displayName: string },
	values: INodeProperties[],
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: `Add ${entry.displayName}`,
		default: {},
		description,
		typeOptions: { multipleValues: true },
		options: [{ name: entry.name, displayName: entry.displayName, values }],
	};
}

const channelContact = (key: string) => `requester.channel_contacts.${key}`;

/** Create shows these two on top (Title required); Update offers them among its Update Fields. */
export function titleField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return textField('Title', 'title', 'title', {
		placeholder: 'e.g. Printer paper jam, unable to print',
		description: 'A short summary of the issue, shown as the ticket’s title',
		...extra,
	});
}

export function descriptionField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return textField('Description', 'description', 'description', {
		placeholder: 'e.g. Customer reported A4 paper jammed at the output tray.',
		description: 'The ticket’s content; LiveDesk accepts Markdown',
		typeOptions: { rows: 4 },
		...extra,
	});
}

/** Every documented field of Create Ticket except Title and Description, which Create shows on top. */
const ticketFieldOptions: INodeProperties[] = [
	textField('Assignment Team', 'assignmentTeam', 'assignment_team', {
		placeholder: 'e.g. IT Support',
		description: 'Name of the LiveDesk team the ticket is assigned to',
	}),
	entryList(
		'Attachments',
		'attachments',
		{ name: 'attachment', displayName: 'Attachment' },
		[
			{
				displayName: 'File URL',
				name: 'fileUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/files/error.jpg',
				description:
					'Public link to the file. An expression may also give a list of links, one attachment each.',
			},
		],
		'Files attached to the ticket, by URL',
	),
	entryList(
		'Custom Fields',
		'customFields',
		{ name: 'field', displayName: 'Field' },
		[
			{
				displayName: 'Key',
				name: 'key',
				type: 'string',
				default: '',
				placeholder: 'e.g. device_sn',
			},
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				placeholder: 'e.g. PRN-2024-001',
			},
		],
		'Your ticket fields as defined in LiveDesk, as key and value',
	),
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		// The values the older ticket pages publish (rest-api/ticket-apis/*), in rising order. A saved
		// workflow's free text (e.g. "normal", which the same pages' Update example sends) is still sent
		// as it is; an expression may give any text LiveDesk accepts.
		options: [
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'High', value: 'high' },
			{ name: 'Urgent', value: 'urgent' },
		],
		default: 'medium',
		description:
			'The ticket’s priority: low, medium, high or urgent, as LiveDesk’s ticket pages list them. To send another value LiveDesk uses, switch the field to an expression.',
		routing: { send: { type: 'body', property: 'priority' } },
	},
	textField('Requester Channel ID', 'requesterChannelId', channelContact('channel_id'), {
		placeholder: 'e.g. inbox_100',
		description: 'The channel (inbox) through which the requester reached you',
	}),
	textField('Requester Contact ID', 'requesterContactId', channelContact('contact_id'), {
		placeholder: 'e.g. -1001234567890',
		description: 'The requester’s ID within that channel (text, sent as given)',
	}),
	textField('Requester EUID', 'requesterEuid', 'requester.euid', {
		placeholder: 'e.g. contact_12345',
		description: 'The requester’s end-user ID in LiveDesk (text, sent as given)',
	}),
	entryList(
		'Requester Followers',
		'requesterFollowers',
		{ name: 'follower', displayName: 'Follower' },
		[
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7562646527',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Zhang San',
			},
		],
		'People in the requester’s channel who follow the ticket',
	),
	textField('Requester Sub Contact ID', 'requesterSubContactId', channelContact('sub_contact_id'), {
		placeholder: 'e.g. 23232323',
		description: 'The requester’s ID below the channel contact, e.g. a member of a group chat',
	}),
	textField('Submitter ID', 'submitterId', 'submitter.id', {
		placeholder: 'e.g. u_12345',
		description: 'The LiveDesk user (agent) who files the ticket',
	}),
	textField('Ticket Type', 'ticketType', 'ticket_type', {
		placeholder: 'e.g. incident',
		description: 'The ticket’s type as LiveDesk names it; the docs’ examples use "incident"',
	}),
];

export const ticketCreateOptions: INodeProperties[] = ticketFieldOptions;

/** Update offers the same fields, Title and Description included, plus Tags (documented for Update only). */
const tags: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. printer, hardware',
	description: 'The ticket’s tags, separated by commas (or an expression that gives a list)',
};

export const ticketUpdateOptions: INodeProperties[] = sortedByLabel([
	titleField(),
	descriptionField(),
	...ticketFieldOptions,
	tags,
]);
