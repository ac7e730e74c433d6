import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_DOWNLOAD_TIMEOUT_SECONDS } from './download';
import { ALL_EVENTS, DEFAULT_MESSAGE_TYPES } from './filter';
import { DEFAULT_MAX_ATTACHMENT_MB } from '../shared/attachmentEntries';

/** The first version without Include Incoming Messages; see the node's `version`. */
export const MESSAGE_TYPES_VERSION = 1.1;

/** The trigger's parameters: which events start the workflow, and the filters. */
export const triggerProperties: INodeProperties[] = [
	// n8n cannot show a notice depending on what a credential holds, so this one is always shown.
	{
		displayName:
			'Strongly recommended: give the LiveDesk API credential a Webhook Token (any long random string). Without one, anyone who learns this URL can post a forged event, e.g. an agent reply that this workflow then delivers to a customer.',
		name: 'tokenNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Paste this node’s Production URL into LiveDesk: Project Settings → Channels → your API channel → Settings → Webhook URL, and end it with ?token= followed by the credential’s Webhook Token.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['message_created'],
		description: 'The LiveDesk events that start the workflow',
		options: [
			{ name: 'All Events', value: ALL_EVENTS, description: 'Every event LiveDesk sends' },
			{
				name: 'Conversation Created',
				value: 'conversation_created',
				description: 'A conversation was opened',
			},
			{
				name: 'Conversation Status Changed',
				value: 'conversation_status_changed',
				description: 'A conversation was resolved, reopened, set to pending or snoozed',
			},
			{
				name: 'Conversation Updated',
				value: 'conversation_updated',
				description: 'Any attribute of a conversation changed',
			},
			{
				name: 'Message Created',
				value: 'message_created',
				description:
					'A message was posted; Message Types decides whose messages start the workflow',
			},
			{
				name: 'Message Updated',
				value: 'message_updated',
				description: 'A message was edited or its delivery status changed',
			},
		],
	},
	{
		displayName: 'Message Types',
		name: 'messageTypes',
		type: 'multiOptions',
		required: true,
		default: [...DEFAULT_MESSAGE_TYPES],
		displayOptions: { show: { events: ['message_created', 'message_updated', ALL_EVENTS] } },
		description:
			'Which messages start the workflow. A bridge that hands agent replies back to the customer needs Outgoing and Template; a bot that answers the customer needs only Incoming, so its own replies never start it again.',
		options: [
			{
				name: 'Incoming',
				value: 'incoming',
				description: 'Messages from the contact (the customer)',
			},
			{
				name: 'Outgoing',
				value: 'outgoing',
				description: 'Replies from an agent or a bot, including those sent through the API',
			},
			{
				name: 'Template',
				value: 'template',
				description:
					'Messages LiveDesk sends on its own to the contact, e.g. a satisfaction survey',
			},
		],
	},
	{
		displayName: 'Conversation Status',
		name: 'conversationStatuses',
		type: 'multiOptions',
		default: [],
		description:
			'Start only for conversations in one of these statuses, as the event reports it (after the change, for status changes). Pending is the state a bot owns before it hands over to people; Open means people handle it. Leave empty for any status.',
		options: [
			{ name: 'Open', value: 'open', description: 'Handled by people (agents)' },
			{
				name: 'Pending',
				value: 'pending',
				description: 'Not yet handed over to people, e.g. while a bot answers',
			},
			{ name: 'Resolved', value: 'resolved', description: 'Closed as done' },
			{
				name: 'Snoozed',
				value: 'snoozed',
				description: 'Put aside until a set time, or until the contact writes again',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	},
	{
		displayName: 'Download Attachments',
		name: 'downloadAttachments',
		type: 'boolean',
		default: false,
		description:
			'Whether to download each attachment into the item’s binary data as attachment_0, attachment_1, …, for a next step such as WhatsApp → Send Image. A file that cannot be fetched still starts the workflow; its entry in attachments says why.',
	},
	{
		displayName: 'Max Attachment Size (MB)',
		name: 'maxAttachmentSize',
		type: 'number',
		default: DEFAULT_MAX_ATTACHMENT_MB,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { downloadAttachments: [true] } },
		description:
			'Larger files are not kept; their entry gets a download_error instead, and n8n stops reading them at this size. 40 MB is the Chatwoot family’s upload limit, assumed for LiveDesk.',
	},
	{
		displayName: 'Download Timeout (Seconds)',
		name: 'downloadTimeout',
		type: 'number',
		default: DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { downloadAttachments: [true] } },
		description:
			'The longest one file may take, redirects and every byte included; a slower one gets a download_error instead. At most 10 files of one event are downloaded.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Agent IDs',
				name: 'ignoredAgentIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12, 15',
				description:
					'Messages from these agents never start the workflow. Enter the agent your API key posts as, so that messages a workflow sends into LiveDesk as an agent do not come back out.',
			},
			{
				displayName: 'Include Incoming Messages',
				name: 'includeIncoming',
				type: 'boolean',
				default: false,
				description:
					'Whether messages from the contact also start the workflow, in addition to Message Types. Kept for workflows saved before Message Types existed; newer LiveDesk Trigger nodes select Incoming in Message Types instead.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Include Private Notes',
				name: 'includePrivateNotes',
				type: 'boolean',
				default: false,
				description: 'Whether private notes, which only agents see, also start the workflow',
			},
			{
				displayName: 'Token Header Name',
				name: 'headerName',
				type: 'string',
				default: '',
				placeholder: 'e.g. X-LiveDesk-Token',
				description:
					'Also accept the credential’s Webhook Token in this request header. LiveDesk itself can only send the token in the URL.',
			},
		],
	},
];
