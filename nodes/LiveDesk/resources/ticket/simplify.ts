import type { IDataObject } from 'n8n-workflow';
import { isRecord } from '../../../shared/utilities';

/*
 * What Get keeps with Simplify (rest-api/ticket/get-tickets). Fields LiveDesk leaves out come back
 * as null, lists as []. created_at / updated_at are not in the docs' example (assumed).
 */

/**
 * Followers as {id, name}: Create's request documents [{id, name}], Get's answer plain ids
 * (["u_12345"]); either is read, a bare id getting name null.
 */
export function followersOf(value: unknown): IDataObject[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((follower: unknown) => {
		if (typeof follower === 'string' || typeof follower === 'number')
			return [{ id: String(follower), name: null }];
		if (!isRecord(follower) || follower.id === undefined || follower.id === null) return [];
		return [{ id: String(follower.id), name: follower.name ?? null }];
	});
}

function requesterOf(requester: unknown): IDataObject | null {
	if (!isRecord(requester)) return null;
	const channel = requester.channel_contacts;
	if (!isRecord(channel)) return requester;
	return {
		...requester,
		channel_contacts: { ...channel, followers: followersOf(channel.followers) },
	};
}

/**
 * is_internal marks an agents' note the customer does not see; "true" and 1 count too, so that a
 * workflow (or an AI agent) can rely on a boolean before it quotes a message to the customer.
 */
const isInternal = (value: unknown): boolean => value === true || value === 1 || value === 'true';

function messageOf(message: IDataObject): IDataObject {
	const sender = isRecord(message.sender) ? message.sender : {};
	return {
		id: message.message_id ?? message.id ?? null,
		is_internal: isInternal(message.is_internal),
		sender_id: sender.id ?? null,
		sender_name: sender.name ?? null,
		sender_type: sender.type ?? null,
		content: message.content ?? null,
		content_type: message.content_type ?? null,
		sent_at: message.sent_at ?? null,
		attachments: Array.isArray(message.attachments) ? message.attachments : [],
	};
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function simplifyTicket(ticket: IDataObject): IDataObject {
	return {
		id: ticket.id,
		title: ticket.title ?? null,
		status: ticket.status ?? null,
		priority: ticket.priority ?? null,
		ticket_type: ticket.ticket_type ?? null,
		requester: requesterOf(ticket.requester),
		assignment_team: ticket.assignment_team ?? null,
		status_changes: listOf(ticket.status_changes),
		messages: listOf(ticket.conversation_list).filter(isRecord).map(messageOf),
		created_at: ticket.created_at ?? null,
		updated_at: ticket.updated_at ?? null,
	};
}
