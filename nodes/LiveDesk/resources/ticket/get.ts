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
			'Whether to return only ID, title, status, priority, ticket type, requester, assignment team and timestamps instead of the whole ticket with its conversation list',
	},
];
