import { ApiError, isObject } from '../errors';
import type { SandboxStore } from '../store';
import type { TicketChanges } from '../ticket-store';
import type { JsonObject, TicketRecord } from '../types';
import { route, type Route, type RouteContext, type RouteResult } from '../router';

/*
 * The ticket calls answer LiveDesk's documented envelope {code, message, data}, code 0 being success.
 * Assumed (the docs publish no error answers): bad input is HTTP 200 with code 40001 and a message
 * naming the field; an unknown ticket is HTTP 404 with code 40401 and data null.
 */
const INVALID_CODE = 40001;
const NOT_FOUND_CODE = 40401;

const success = (data: unknown): RouteResult => ({
	status: 200,
	body: { code: 0, message: 'Success', data },
});

function invalidTicket(message: string): ApiError {
	return new ApiError(200, { code: INVALID_CODE, message, data: null });
}

function requireTicket(store: SandboxStore, id: string | undefined): TicketRecord {
	const ticket = id === undefined ? undefined : store.tickets.get(id);
	if (!ticket)
		throw new ApiError(404, {
			code: NOT_FOUND_CODE,
			message: `Ticket ${String(id)} not found`,
			data: null,
		});
	return ticket;
}

function optionalText(body: JsonObject, key: string): string | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalidTicket(`${key} must be a string`);
	return value;
}

function optionalObject(value: unknown, name: string): JsonObject | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw invalidTicket(`${name} must be an object`);
	return value;
}

/** Every id the request nests is text, as the docs type them (a number is refused, not converted). */
function requireTextIds(
	object: JsonObject | undefined,
	keys: readonly string[],
	name: string,
): void {
	for (const key of keys) {
		const value = object?.[key];
		if (value !== undefined && typeof value !== 'string')
			throw invalidTicket(`${name}.${key} must be a string`);
	}
}

function readAttachments(value: unknown): JsonObject[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw invalidTicket('attachments must be an array of {file_url}');
	return value.map((entry: unknown, index) => {
		const url = isObject(entry) ? entry.file_url : undefined;
		if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
			throw invalidTicket(`attachments[${index}].file_url must be an http(s) URL`);
		}
		return { file_url: url };
	});
}

function readRequester(value: unknown): JsonObject | undefined {
	const requester = optionalObject(value, 'requester');
	requireTextIds(requester, ['euid'], 'requester');
	const channel = optionalObject(requester?.channel_contacts, 'requester.channel_contacts');
	requireTextIds(
		channel,
		['channel_id', 'contact_id', 'sub_contact_id'],
		'requester.channel_contacts',
	);
	const followers = channel?.followers;
	if (
		followers !== undefined &&
		(!Array.isArray(followers) || !followers.every((f) => isObject(f) && typeof f.id === 'string'))
	) {
		throw invalidTicket('requester.channel_contacts.followers must be a list of {id, name}');
	}
	return requester;
}

function readTags(value: unknown): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string'))
		throw invalidTicket('tags must be a list of strings');
	return value;
}

function readChanges(body: JsonObject): TicketChanges {
	const submitter = optionalObject(body.submitter, 'submitter');
	requireTextIds(submitter, ['id'], 'submitter');
	return {
		title: optionalText(body, 'title'),
		description: optionalText(body, 'description'),
		attachments: readAttachments(body.attachments),
		requester: readRequester(body.requester),
		submitter,
		assignmentTeam: optionalText(body, 'assignment_team'),
		priority: optionalText(body, 'priority'),
		ticketType: optionalText(body, 'ticket_type'),
		customFields: optionalObject(body.custom_fields, 'custom_fields'),
	};
}

function requireTitle(title: string | undefined): string {
	if (title === undefined || title.trim() === '') throw invalidTicket('title is required');
	return title;
}

/**
 * The ticket as Get answers it (rest-api/ticket/get-tickets). The requester's name, email and phone
 * are the sandbox contact's whose id is the euid (how LiveDesk fills them is not documented);
 * followers come back as ids, as in the docs' answer. tags, created_at and updated_at are assumed.
 */
export function ticketJson(store: SandboxStore, ticket: TicketRecord): JsonObject {
	const { channel_contacts: channel, ...requester } = ticket.requester;
	const contact =
		typeof requester.euid === 'string' && /^\d+$/.test(requester.euid)
			? store.getContact(Number(requester.euid))
			: undefined;
	const followers =
		isObject(channel) && Array.isArray(channel.followers) ? channel.followers : undefined;
	return {
		ticket_id: ticket.ticketId,
		title: ticket.title,
		description: ticket.description,
		attachments: ticket.attachments,
		status: ticket.status,
		priority: ticket.priority,
		ticket_type: ticket.ticketType,
		requester: {
			euid: requester.euid ?? null,
			name: contact?.name ?? null,
			email: contact?.email ?? null,
			phone: contact?.phoneNumber ?? null,
			channel_contacts: isObject(channel)
				? { ...channel, followers: followers?.map((follower: JsonObject) => follower.id) ?? [] }
				: null,
		},
		submitter: ticket.submitter,
		assignment_team:
			ticket.assignmentTeam === null
				? null
				: { id: store.tickets.teamId(ticket.assignmentTeam), name: ticket.assignmentTeam },
		custom_fields: ticket.customFields,
		tags: ticket.tags,
		conversation_list: [],
		// Documented on Get; the sandbox has no status change for tickets, so the list stays empty.
		status_changes: [],
		created_at: ticket.createdAt,
		updated_at: ticket.updatedAt,
	};
}

/** Create answers the new ticket's id ("the ticket ID will be returned"; the data shape is assumed). */
function create({ store, body }: RouteContext): RouteResult {
	const changes = readChanges(body);
	const ticket = store.tickets.create({ ...changes, title: requireTitle(changes.title) });
	return success({ ticket_id: ticket.ticketId });
}

/** Update takes the same fields plus tags; its answer's data is not documented (assumed: the id). */
function update({ store, params, body }: RouteContext): RouteResult {
	const ticket = requireTicket(store, params[0]);
	const changes = { ...readChanges(body), tags: readTags(body.tags) };
	if (changes.title !== undefined) requireTitle(changes.title);
	store.tickets.update(ticket, changes);
	return success({ ticket_id: ticket.ticketId });
}

export const ticketRoutes: readonly Route[] = [
	route('POST', '/tickets', create),
	route('PUT', '/tickets/:id', update),
	route('GET', '/tickets/:id', ({ store, params }) =>
		success(ticketJson(store, requireTicket(store, params[0]))),
	),
];
