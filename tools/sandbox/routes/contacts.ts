import {
	invalid,
	isObject,
	notFound,
	optionalBoolean,
	optionalObject,
	optionalString,
	parseId,
} from '../errors';
import type { ContactChanges } from '../contact-store';
import { contactDetailJson, contactJson, inboxJson } from '../shapes';
import type { ContactRecord, JsonObject } from '../types';
import { route, type Route, type RouteContext, type RouteResult } from '../router';
import { requireInbox } from './common';

type SortValue = string | number | null;

const lowerOrNull = (value: unknown): string | null =>
	typeof value === 'string' && value ? value.toLowerCase() : null;

/** The documented sort values; company, city and country are read from additional_attributes. */
const SORT_KEYS = new Map<string, (contact: ContactRecord) => SortValue>([
	['name', (contact) => lowerOrNull(contact.name)],
	['email', (contact) => lowerOrNull(contact.email)],
	['phone_number', (contact) => contact.phoneNumber],
	['last_activity_at', (contact) => contact.lastActivityAt],
	['created_at', (contact) => contact.createdAt],
	['company', (contact) => lowerOrNull(contact.additionalAttributes.company_name)],
	['city', (contact) => lowerOrNull(contact.additionalAttributes.city)],
	['country', (contact) => lowerOrNull(contact.additionalAttributes.country)],
]);

function readChanges(body: JsonObject): ContactChanges {
	const email = optionalString(body, 'email');
	if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid('Email is invalid', 'email');
	const name = optionalString(body, 'name');
	const additionalAttributes = optionalObject(body, 'additional_attributes');
	const profiles = additionalAttributes?.social_profiles;
	if (profiles !== undefined && profiles !== null && !isObject(profiles)) {
		throw invalid('Social profiles must be an object', 'additional_attributes');
	}
	return {
		name: name === null ? '' : name,
		firstName: optionalString(body, 'first_name'),
		lastName: optionalString(body, 'last_name'),
		email,
		phoneNumber: optionalString(body, 'phone_number'),
		identifier: optionalString(body, 'identifier'),
		// Documented for Create only; Update keeps accepting it (assumed (Chatwoot)).
		avatarUrl: optionalString(body, 'avatar_url'),
		blocked: optionalBoolean(body, 'blocked'),
		additionalAttributes,
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
function sortContacts(
	contacts: readonly ContactRecord[],
	query: URLSearchParams,
): readonly ContactRecord[] {
	const raw = query.get('sort');
	const pick = raw ? SORT_KEYS.get(raw.replace(/^-/, '')) : undefined;
	if (!raw || !pick) return contacts;
	// A leading "-" is Chatwoot's way to say desc (assumed (Chatwoot)); `direction` is LiveDesk's.
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

const matches =
	(q: string) =>
	(contact: ContactRecord): boolean =>
		[contact.email, contact.phoneNumber, contact.name, contact.identifier].some(
			(field) => field !== null && field.toLowerCase().includes(q),
		);

/**
 * List and Search are one documented call: GET /contacts, Search when `q` is given. `q` is a
 * case-insensitive substring of email, phone_number, name or identifier (exact or substring is not
 * documented: assumed (Chatwoot)); a missing or blank `q` is the plain list (assumed). `labels` is
 * accepted and ignored: sandbox contacts have no labels, as no documented call sets them.
 */
function list(context: RouteContext): RouteResult {
	const q = context.query.get('q')?.trim().toLowerCase() ?? '';
	const all = context.store.listContacts();
	const found = q ? all.filter(matches(q)) : all;
	const { meta, items } = context.paging.paginate(
		sortContacts(found, context.query),
		context.query,
	);
	// As Chatwoot: contact_inboxes are listed unless the caller asks for "false".
	const withInboxes = context.query.get('include_contact_inboxes') !== 'false';
	const payload = items.map((contact) => {
		const json = contactDetailJson(context.store, contact, withInboxes);
		// The docs' Search example has additional_attributes.source_id "email:…"; the sandbox gives it
		// to contacts with an email, as "email:<email>" (the example also puts a UUID before the address).
		if (!q || !contact.email) return json;
		return {
			...json,
			additional_attributes: {
				...contact.additionalAttributes,
				source_id: `email:${contact.email}`,
			},
		};
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

/** The answer wraps the contact in `payload` (assumed (Chatwoot): the docs show no Update answer). */
function update(context: RouteContext): RouteResult {
	const contact = requireContact(context);
	context.store.contacts.update(contact, readChanges(context.body));
	return { status: 200, body: { payload: contactDetailJson(context.store, contact) } };
}

// Ids are numbers, so a word after /contacts/ (Chatwoot's search path, not LiveDesk's) is an unknown route.
export const contactRoutes: readonly Route[] = [
	route('POST', '/contacts', create),
	route('GET', '/contacts', list),
	// Get one contact and PUT are not documented (assumed (Chatwoot)).
	route('GET', '/contacts/:id(\\d+)', (context) => ({
		status: 200,
		body: { payload: contactDetailJson(context.store, requireContact(context)) },
	})),
	route('PATCH', '/contacts/:id(\\d+)', update),
	route('PUT', '/contacts/:id(\\d+)', update),
];
