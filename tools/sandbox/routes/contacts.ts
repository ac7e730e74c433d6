import { ApiError, invalid, notFound, optionalBoolean, optionalObject, optionalString, parseId } from '../errors';
import type { ContactChanges } from '../contact-store';
import { contactJson, inboxJson } from '../shapes';
import type { ContactRecord, JsonObject } from '../types';
import { route, type Route, type RouteContext, type RouteResult } from '../router';
import { paginate, requireInbox } from './common';

type SortValue = string | number | null;

const SORT_KEYS = new Map<string, (contact: ContactRecord) => SortValue>([
	['name', (contact) => contact.name.toLowerCase() || null],
	['email', (contact) => contact.email?.toLowerCase() ?? null],
	['phone_number', (contact) => contact.phoneNumber],
	['last_activity_at', (contact) => contact.lastActivityAt],
	['created_at', (contact) => contact.createdAt],
]);

function readChanges(body: JsonObject): ContactChanges {
	const email = optionalString(body, 'email');
	if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid('Email is invalid', 'email');
	const name = optionalString(body, 'name');
	return {
		name: name === null ? '' : name,
		email,
		phoneNumber: optionalString(body, 'phone_number'),
		identifier: optionalString(body, 'identifier'),
		avatarUrl: optionalString(body, 'avatar_url'),
		blocked: optionalBoolean(body, 'blocked'),
		additionalAttributes: optionalObject(body, 'additional_attributes'),
		customAttributes: optionalObject(body, 'custom_attributes'),
	};
}

function requireContact({ store, params }: RouteContext): ContactRecord {
	const id = parseId(params[0]);
	const contact = id === null ? undefined : store.getContact(id);
	if (!contact) throw notFound();
	return contact;
}

/** Unknown sort keys are ignored, like unknown query parameters; missing values sort last. */
function sortContacts(contacts: readonly ContactRecord[], query: URLSearchParams): readonly ContactRecord[] {
	const raw = query.get('sort');
	const pick = raw ? SORT_KEYS.get(raw.replace(/^-/, '')) : undefined;
	if (!raw || !pick) return contacts;
	const sign = raw.startsWith('-') || query.get('direction')?.toLowerCase() === 'desc' ? -1 : 1;
	return [...contacts].sort((a, b) => {
		const left = pick(a);
		const right = pick(b);
		if (left === right) return a.id - b.id;
		if (left === null) return 1;
		if (right === null) return -1;
		return (left < right ? -1 : 1) * sign;
	});
}

function list(context: RouteContext, contacts: readonly ContactRecord[]): RouteResult {
	const { meta, items } = paginate(sortContacts(contacts, context.query), context.query);
	// As Chatwoot: contact_inboxes are listed unless the caller asks for "false".
	const withInboxes = context.query.get('include_contact_inboxes') !== 'false';
	const payload = items.map((contact) => {
		const { contact_inboxes: contactInboxes, ...core } = contactJson(context.store, contact);
		return withInboxes ? { ...core, contact_inboxes: contactInboxes } : core;
	});
	return { status: 200, body: { meta, payload } };
}

function create({ store, body }: RouteContext): RouteResult {
	const inbox = requireInbox(store, body);
	const contact = store.contacts.create(inbox.id, readChanges(body));
	const link = contact.contactInboxes[0];
	return {
		status: 200,
		body: {
			payload: {
				contact: contactJson(store, contact),
				contact_inbox: { inbox: inboxJson(inbox), source_id: link ? link.sourceId : null },
			},
		},
	};
}

function search(context: RouteContext): RouteResult {
	const q = context.query.get('q')?.trim().toLowerCase();
	// Chatwoot answers a missing q with this exact body rather than the usual {message, attributes}.
	if (!q) throw new ApiError(422, { error: 'Specify search string with parameter q' });
	const matches = context.store.listContacts().filter((contact) =>
		[contact.name, contact.email, contact.phoneNumber, contact.identifier].some(
			(field) => field !== null && field.toLowerCase().includes(q),
		),
	);
	return list(context, matches);
}

function update(context: RouteContext): RouteResult {
	const contact = requireContact(context);
	context.store.contacts.update(contact, readChanges(context.body));
	return { status: 200, body: { payload: contactJson(context.store, contact) } };
}

export const contactRoutes: readonly Route[] = [
	route('POST', '/contacts', create),
	route('GET', '/contacts', (context) => list(context, context.store.listContacts())),
	route('GET', '/contacts/search', search),
	route('GET', '/contacts/:id', (context) => ({
		status: 200,
		body: { payload: contactJson(context.store, requireContact(context)) },
	})),
	route('PATCH', '/contacts/:id', update),
	route('PUT', '/contacts/:id', update),
];
