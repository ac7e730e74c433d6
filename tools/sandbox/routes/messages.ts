import { invalid, isObject, optionalBoolean, parseId } from '../errors';
import { contactCore, messageJson, requireContact } from '../shapes';
import type { ConversationRecord, JsonObject, MessageType } from '../types';
import { route, type Route, type RouteContext, type RouteResult } from '../router';
import { requireConversation } from './common';

function readMessageType(value: unknown): MessageType {
	if (value === undefined || value === null) return 'outgoing';
	if (value === 'outgoing' || value === 'incoming') return value;
	throw invalid('Message type must be outgoing or incoming', 'message_type');
}

/** The docs type content_attributes as a string, so a JSON-encoded object is accepted too. */
function readContentAttributes(
	context: RouteContext,
	conversation: ConversationRecord,
): JsonObject {
	let raw = context.body.content_attributes;
	if (raw === undefined || raw === null || raw === '') return {};
	if (typeof raw === 'string') {
		try {
			raw = JSON.parse(raw);
		} catch {
			raw = undefined;
		}
	}
	if (!isObject(raw)) throw invalid('Content attributes must be an object', 'content_attributes');
	const attributes: JsonObject = { ...raw };
	if (attributes.in_reply_to !== undefined && attributes.in_reply_to !== null) {
		const id = parseId(attributes.in_reply_to);
		const target = id === null ? undefined : context.store.getMessage(id);
		if (id === null || target?.conversationId !== conversation.id) {
			throw invalid(
				`in_reply_to must be the id of a message in conversation ${conversation.id}`,
				'content_attributes',
			);
		}
		attributes.in_reply_to = id;
	}
	return attributes;
}

// Chatwoot's form names the files `attachments[]`; a file under another name is not an attachment.
const ATTACHMENT_PART = 'attachments[]';

function create(context: RouteContext): RouteResult {
	const { store, body } = context;
	const conversation = requireConversation(store, context.params[0]);
	const files = context.files.filter((file) => file.name === ATTACHMENT_PART);
	const content =
		typeof body.content === 'string' && body.content.trim() !== '' ? body.content : null;
	if (body.content !== undefined && typeof body.content !== 'string')
		throw invalid('Content must be text', 'content');
	if (content === null && files.length === 0) throw invalid("Content can't be blank", 'content');
	if (files.some((file) => file.data.length === 0))
		throw invalid('Attachment is empty', 'attachments');
	const attachments = files.map((file) => ({
		fileName: file.fileName ?? 'file',
		mimeType: file.mimeType ?? 'application/octet-stream',
		data: file.data,
	}));
	const previous = { status: conversation.status, snoozedUntil: conversation.snoozedUntil };
	const message = store.conversations.addMessage(
		conversation,
		store.getContact(conversation.contactId),
		{
			content,
			messageType: readMessageType(body.message_type),
			private: optionalBoolean(body, 'private') ?? false,
			contentAttributes: readContentAttributes(context, conversation),
			attachments,
		},
		context.origin,
	);
	context.events.messageCreated(message);
	if (conversation.status !== previous.status)
		context.events.conversationStatusChanged(conversation, previous);
	return { status: 200, body: messageJson(store, message) };
}

function list({ store, params }: RouteContext): RouteResult {
	const conversation = requireConversation(store, params[0]);
	const meta = {
		labels: [],
		additional_attributes: {},
		contact: contactCore(requireContact(store, conversation.contactId)),
		assignee: null,
		agent_last_seen_at: 0,
		assignee_last_seen_at: 0,
	};
	const payload = store.listMessages(conversation.id).map((message) => messageJson(store, message));
	return { status: 200, body: { meta, payload } };
}

export const messageRoutes: readonly Route[] = [
	route('POST', '/conversations/:id/messages', create),
	route('GET', '/conversations/:id/messages', list),
];
