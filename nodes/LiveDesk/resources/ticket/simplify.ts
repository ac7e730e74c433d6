import type { IDataObject } from 'n8n-workflow';

/**
 * What Get keeps with Simplify: the fields the issue names, without the conversation list.
 * created_at / updated_at are not in the docs' example (assumed); null when LiveDesk leaves them out.
 */
export function simplifyTicket(ticket: IDataObject): IDataObject {
	return {
		id: ticket.id,
		title: ticket.title ?? null,
		status: ticket.status ?? null,
		priority: ticket.priority ?? null,
		ticket_type: ticket.ticket_type ?? null,
		requester: ticket.requester ?? null,
		assignment_team: ticket.assignment_team ?? null,
		created_at: ticket.created_at ?? null,
		updated_at: ticket.updated_at ?? null,
	};
}
