import { invalid, notFound, parseId } from '../errors';
import { conversationJson, requireContact } from '../shapes';
import {
	CONVERSATION_STATUSES,
	type ContactInboxRecord,
	type ContactRecord,
	type ConversationStatus,
} from '../types';
import { route, type Route, type RouteContext, type RouteResult } from '../router';
import { requireConversation, requireInbox } from './common';

function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function isStatus(value: unknown): value is ConversationStatus {
	return CONVERSATION_STATUSES.some((status) => status === value);
}

/** source_id wins when both are sent, as it names the contact and the inbox at once. */
function resolveSender(
	{ store, body }: RouteContext,
	inboxId: number,
): { contact: ContactRecord; link: ContactInboxRecord } {
	const hasContactId = isPresent(body.contact_id);
	if (!hasContactId && !isPresent(body.source_id)) {
		throw invalid('contact_id or source_id is required', 'contact_id');
	}
	if (isPresent(body.source_id)) {
		const found = store.contacts.findBySourceId(String(body.source_id));
		if (!found || found.inboxId !== inboxId) {
			throw invalid(`source_id does not belong to a contact of inbox ${inboxId}`, 'source_id');
		}
		if (hasContactId && parseId(body.contact_id) !== found.contactId) {
			throw invalid('contact_id does not match the contact of source_id', 'contact_id');
		}
		return { contact: requireContact(store, found.contactId), link: found };
	}
	const contactId = parseId(body.contact_id);
	if (contactId === null) throw invalid('contact_id must be a number', 'contact_id');
	const contact = store.getContact(contactId);
	if (!contact) throw notFound();
	return { contact, link: store.contacts.ensureContactInbox(contact, inboxId) };
}

function create(context: RouteContext): RouteResult {
	const inbox = requireInbox(context.store, context.body);
	const { contact, link } = resolveSender(context, inbox.id);
	const conversation = context.store.conversations.create(contact, link);
	context.events.conversationCreated(conversation);
	return { status: 200, body: conversationJson(context.store, conversation) };
}

function readSnoozedUntil(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const seconds = typeof value === 'string' ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
		throw invalid('Snoozed until must be a Unix timestamp in seconds', 'snoozed_until');
	}
	return Math.floor(seconds);
}

function toggleStatus({ store, events, params, body }: RouteContext): RouteResult {
	const conversation = requireConversation(store, params[0]);
	const status = body.status;
	if (!isStatus(status)) {
		throw invalid(`Status must be one of ${CONVERSATION_STATUSES.join(', ')}`, 'status');
	}
	const snoozedUntil = status === 'snoozed' ? readSnoozedUntil(body.snoozed_until) : null;
	const previous = { status: conversation.status, snoozedUntil: conversation.snoozedUntil };
	if (store.conversations.setStatus(conversation, status, snoozedUntil)) {
		events.conversationStatusChanged(conversation, previous);
	}
	return {
		status: 200,
		body: {
			meta: {},
			payload: {
				success: true,
				current_status: status,
				conversation_id: conversation.id,
				snoozed_until: snoozedUntil,
			},
		},
	};
}

export const conversationRoutes: readonly Route[] = [
	route('POST', '/conversations', create),
	route('GET', '/conversations/:id', ({ store, params }) => ({
		status: 200,
		body: conversationJson(store, requireConversation(store, params[0])),
	})),
	route('POST', '/conversations/:id/toggle_status', toggleStatus),
];
