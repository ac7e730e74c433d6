import type { INodeProperties } from 'n8n-workflow';
import { requireTitle, ticketCreateDescription } from './create';
import { sendTicketBody } from './body';
import { rejectFailedCode, unwrapTicket } from './envelope';
import { ticketGetDescription } from './get';
import { sendTicketWithRetries } from './ticketPath';
import { routeToTicket } from './ticketId';
import { ticketUpdateDescription } from './update';

const showOnlyForTickets = { resource: ['ticket'] };

/** Every ticket answer is checked for its code first, then unwrapped to the ticket. */
const ticketAnswer = { postReceive: [rejectFailedCode, unwrapTicket] };

/**
 * n8n calls it pagination: the hook that sends each routed ticket request, retries a 429 like every
 * call, and tries the docs' other ticket prefix once when the first is no route (ticketPath.ts).
 */
const ticketSending = { pagination: sendTicketWithRetries };

export const ticketDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForTickets },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a support ticket with a title and requester',
				description:
					'File a support ticket with a title (required), description, priority, type, team, requester, attachments and custom fields. Returns the new ticket’s ID, a text such as tk_20251104_789abc.',
				routing: {
					request: { method: 'POST', url: '/tickets' },
					send: { preSend: [sendTicketBody('additionalFields'), requireTitle] },
					output: ticketAnswer,
					operations: ticketSending,
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a ticket and its conversation by ticket ID',
				description: 'Read a ticket by its ID, with its status, requester and conversation list',
				routing: {
					request: { method: 'GET' },
					send: { preSend: [routeToTicket] },
					output: ticketAnswer,
					operations: ticketSending,
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update the fields or tags of a ticket',
				description:
					'Change a ticket’s title, description, priority, type, team, tags, attachments or custom fields by its ID; only the fields added are sent',
				routing: {
					request: { method: 'PUT' },
					send: { preSend: [routeToTicket, sendTicketBody('updateFields')] },
					output: ticketAnswer,
					operations: ticketSending,
				},
			},
		],
		default: 'create',
	},
	...ticketCreateDescription,
	...ticketGetDescription,
	...ticketUpdateDescription,
];
