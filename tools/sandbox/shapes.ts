import type { SandboxStore } from './store';
import type {
	AttachmentRecord,
	ContactRecord,
	ConversationRecord,
	InboxRecord,
	JsonObject,
	MessageRecord,
} from './types';

export const ACCOUNT = { id: 17623000010928, name: 'Sandbox Account' } as const;
export const CHANNEL_TYPE = 'Channel::Api';
/** LiveDesk attributes API-sent outgoing messages to the key's agent; the sandbox has one fixed agent. */
export const AGENT = {
	id: 1,
	name: 'Sandbox Agent',
	email: 'agent@sandbox.example',
	type: 'user',
} as const;

const MESSAGE_TYPE_CODES = { incoming: 0, outgoing: 1 } as const;

export function inboxJson(inbox: InboxRecord): JsonObject {
	return { id: inbox.id, name: inbox.name, channel_type: CHANNEL_TYPE };
}

/** The contact as `meta.sender` shows it: the documented fields, without contact_inboxes. */
export function contactCore(contact: ContactRecord): JsonObject {
	return {
		additional_attributes: contact.additionalAttributes,
		availability_status: 'offline',
		email: contact.email,
		id: contact.id,
		name: contact.name,
		phone_number: contact.phoneNumber,
		blocked: contact.blocked,
		identifier: contact.identifier,
		thumbnail: contact.avatarUrl ?? '',
		custom_attributes: contact.customAttributes,
		created_at: contact.createdAt,
	};
}

export function contactInboxesJson(store: SandboxStore, contact: ContactRecord): JsonObject[] {
	return contact.contactInboxes.map((link) => {
		const inbox = store.getInbox(link.inboxId);
		return { source_id: link.sourceId, inbox: inbox ? inboxJson(inbox) : null };
	});
}

/** The contact as Create answers it: the fields of the docs' example (create-contact.response.json). */
export function contactJson(store: SandboxStore, contact: ContactRecord): JsonObject {
	return { ...contactCore(contact), contact_inboxes: contactInboxesJson(store, contact) };
}

/**
 * The contact as List, Search, Update and Get answer it: Create's fields plus the ones the docs' Update
 * example carries (last_activity_at, first_name, last_name; null when unset); contact_inboxes optional.
 */
export function contactDetailJson(
	store: SandboxStore,
	contact: ContactRecord,
	withInboxes = true,
): JsonObject {
	const detail = {
		...contactCore(contact),
		last_activity_at: contact.lastActivityAt,
		first_name: contact.firstName,
		last_name: contact.lastName,
	};
	return withInboxes ? { ...detail, contact_inboxes: contactInboxesJson(store, contact) } : detail;
}

export function requireContact(store: SandboxStore, id: number): ContactRecord {
	const contact = store.getContact(id);
	// Contacts are never deleted, so a dangling id is a sandbox bug rather than a client error.
	if (!contact) throw new Error(`Sandbox invariant broken: contact ${id} is missing`);
	return contact;
}

export function messageSender(store: SandboxStore, message: MessageRecord): JsonObject {
	if (message.messageType === 'outgoing')
		return { id: AGENT.id, name: AGENT.name, type: AGENT.type };
	const conversation = store.getConversation(message.conversationId);
	const contact = conversation ? store.getContact(conversation.contactId) : undefined;
	return contact ? { ...contactCore(contact), type: 'contact' } : { type: 'contact' };
}

// Chatwoot's file_type is a kind, not a MIME type (LiveDesk's ticket answer shows MIME types: the
// node reads both).
function fileKind(mimeType: string): string {
	const kind = mimeType.split('/')[0];
	return kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
}

/** Chatwoot's attachment push_event_data. */
export function attachmentJson(attachment: AttachmentRecord): JsonObject {
	const dot = attachment.fileName.lastIndexOf('.');
	const kind = fileKind(attachment.mimeType);
	return {
		id: attachment.id,
		message_id: attachment.messageId,
		file_type: kind,
		account_id: ACCOUNT.id,
		extension: dot > 0 ? attachment.fileName.slice(dot + 1) : null,
		data_url: attachment.dataUrl,
		thumb_url: kind === 'image' ? attachment.dataUrl : '',
		file_size: attachment.data.length,
	};
}

/** Chatwoot leaves `attachments` out of a message that has none. */
export function withAttachments(json: JsonObject, message: MessageRecord): JsonObject {
	return message.attachments.length === 0
		? json
		: { ...json, attachments: message.attachments.map(attachmentJson) };
}

export function messageJson(store: SandboxStore, message: MessageRecord): JsonObject {
	return withAttachments(
		{
			id: message.id,
			content: message.content,
			inbox_id: message.inboxId,
			conversation_id: message.conversationId,
			message_type: MESSAGE_TYPE_CODES[message.messageType],
			content_type: 'text',
			content_attributes: message.contentAttributes,
			private: message.private,
			created_at: message.createdAt,
			source_id: null,
			sender: messageSender(store, message),
		},
		message,
	);
}

export function conversationJson(
	store: SandboxStore,
	conversation: ConversationRecord,
): JsonObject {
	const contact = requireContact(store, conversation.contactId);
	const last = store.conversations.lastMessage(conversation.id);
	const lastJson = last ? messageJson(store, last) : null;
	return {
		meta: { sender: contactCore(contact), channel: CHANNEL_TYPE, hmac_verified: false },
		id: conversation.id,
		messages: lastJson ? [lastJson] : [],
		account_id: ACCOUNT.id,
		uuid: conversation.uuid,
		inbox_id: conversation.inboxId,
		additional_attributes: {},
		agent_last_seen_at: 0,
		assignee_last_seen_at: 0,
		can_reply: true,
		contact_last_seen_at: 0,
		custom_attributes: {},
		labels: [],
		muted: false,
		snoozed_until: conversation.snoozedUntil,
		status: conversation.status,
		priority: null,
		conversation_category: 'chat',
		chat_mode: 'private_chat',
		is_forum: false,
		created_at: conversation.createdAt,
		updated_at: conversation.updatedAt,
		timestamp: conversation.lastActivityAt,
		first_reply_created_at: conversation.firstReplyCreatedAt,
		unread_count: conversation.unreadCount,
		last_non_activity_message: lastJson,
		last_activity_at: conversation.lastActivityAt,
		// LiveDesk serialises a missing time as 0 (Ruby nil.to_i), never null.
		waiting_since: conversation.waitingSince ?? 0,
		sla_policy_id: null,
		ticket_id: null,
		over_limit: false,
		content_preview: {
			content: last ? last.content : null,
			message_type: last ? MESSAGE_TYPE_CODES[last.messageType] : null,
			created_at: last ? last.createdAt : null,
		},
		platform: {
			channel_type: CHANNEL_TYPE,
			inbox_name: store.getInbox(conversation.inboxId)?.name ?? '',
			inbox_id: conversation.inboxId,
		},
		account_info: {
			contact_name: contact.name,
			contact_email: contact.email,
			contact_phone: contact.phoneNumber,
			contact_id: contact.id,
			contact_avatar: contact.avatarUrl ?? '',
		},
		assignment: {
			assignee_id: null,
			assignee_name: null,
			assignee_email: null,
			team_id: null,
			team_name: null,
		},
	};
}
