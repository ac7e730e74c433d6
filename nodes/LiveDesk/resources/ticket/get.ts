import type { INodeProperties } from 'n8n-workflow';
import { simplifyField } from '../../shared/descriptions';
import { simplifyWith } from '../../shared/hooks';
import { simplifyTicket } from './simplify';
import { ticketIdField } from './ticketId';

const showOnlyForTicketGet = {
	resource: ['ticket'],
	operation: ['get'],
};

export const ticketGetDescription: INodeProperties[] = [
	ticketIdField(showOnlyForTicketGet, 'read'),
	{
		...simplifyField(showOnlyForTicketGet, simplifyWith(simplifyTicket)),
		description:
			'Whether to return only ID, title, status, priority, ticket type, requester (followers as ID and name), assignment team, status changes, timestamps and the messages in brief, each marked is_internal when it is an agents’ internal note, instead of the whole ticket as LiveDesk sends it',
	},
];
