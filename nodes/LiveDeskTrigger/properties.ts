import type { INodeProperties } from 'n8n-workflow';
import { ALL_EVENTS } from './filter';

/** The trigger's parameters: which events start the workflow, and the filters. */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Paste this node’s Production URL into LiveDesk: Project Settings → Channels → your API channel → Settings → Webhook URL. If the credential has a Webhook Token, end the URL with ?token= followed by that token.',
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
				description: 'A message was posted; by default only agent replies start the workflow',
			},
			{
				name: 'Message Updated',
				value: 'message_updated',
				description: 'A message was edited or its delivery status changed',
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
					'Whether messages from the contact also start the workflow. Leave off in a bridge that posts the contact’s messages into LiveDesk, or each one comes straight back.',
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
