import { randomUUID } from 'node:crypto';
import { nowSeconds } from './contact-store';
import type {
	AttachmentRecord,
	ContactInboxRecord,
	ContactRecord,
	ConversationRecord,
	ConversationStatus,
	JsonObject,
	MessageRecord,
	MessageType,
} from './types';

export interface NewAttachment {
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface NewMessage {
	content: string | null;
	messageType: MessageType;
	private: boolean;
	contentAttributes: JsonObject;
	attachments?: readonly NewAttachment[];
}

// Chatwoot serves attachments from Active Storage on the app's own origin; the sandbox does the same.
export const ATTACHMENT_PATH_PREFIX = '/rails/active_storage/blobs/';

// Mirrors the documented example ids so sandbox output looks like the real thing.
const FIRST_CONVERSATION_ID = 40;
const FIRST_MESSAGE_ID = 3030;
const FIRST_ATTACHMENT_ID = 911;

export class ConversationStore {
	private conversations = new Map<number, ConversationRecord>();
	private messages = new Map<number, MessageRecord>();
	private byConversation = new Map<number, MessageRecord[]>();
	private nextConversationId = FIRST_CONVERSATION_ID;
	private nextMessageId = FIRST_MESSAGE_ID;
	private attachments = new Map<number, AttachmentRecord>();
	private nextAttachmentId = FIRST_ATTACHMENT_ID;

	reset(): void {
		this.attachments.clear();
		this.nextAttachmentId = FIRST_ATTACHMENT_ID;
		this.conversations.clear();
		this.messages.clear();
		this.byConversation.clear();
		this.nextConversationId = FIRST_CONVERSATION_ID;
		this.nextMessageId = FIRST_MESSAGE_ID;
	}

	list(): readonly ConversationRecord[] {
		return [...this.conversations.values()];
	}

	get(id: number): ConversationRecord | undefined {
		return this.conversations.get(id);
	}

	create(contact: ContactRecord, link: ContactInboxRecord): ConversationRecord {
		const now = Date.now() / 1000;
		const seconds = Math.floor(now);
		const conversation: ConversationRecord = {
			id: this.nextConversationId++,
			uuid: randomUUID(),
			inboxId: link.inboxId,
			contactId: contact.id,
			sourceId: link.sourceId,
			status: 'open',
			snoozedUntil: null,
			createdAt: seconds,
			updatedAt: now,
			lastActivityAt: seconds,
			waitingSince: seconds,
			firstReplyCreatedAt: 0,
			unreadCount: 0,
		};
		this.conversations.set(conversation.id, conversation);
		this.byConversation.set(conversation.id, []);
		return conversation;
	}

	/**
	 * A conversation deleted in the console (LiveDesk documents no delete call): the test stand-in for
	 * a conversation a workflow remembered and that is gone; its id then answers 404.
	 */
	delete(id: number): boolean {
		for (const message of this.byConversation.get(id) ?? []) this.messages.delete(message.id);
		this.byConversation.delete(id);
		return this.conversations.delete(id);
	}

	/** Returns false when nothing changed, so no status events are sent (as LiveDesk would not). */
	setStatus(
		conversation: ConversationRecord,
		status: ConversationStatus,
		snoozedUntil: number | null,
	): boolean {
		if (conversation.status === status && conversation.snoozedUntil === snoozedUntil) return false;
		conversation.status = status;
		conversation.snoozedUntil = snoozedUntil;
		conversation.updatedAt = Date.now() / 1000;
		return true;
	}

	listMessages(conversationId?: number): readonly MessageRecord[] {
		if (conversationId === undefined) return [...this.messages.values()];
		return this.byConversation.get(conversationId) ?? [];
	}

	getMessage(id: number): MessageRecord | undefined {
		return this.messages.get(id);
	}

	lastMessage(conversationId: number): MessageRecord | undefined {
		const list = this.byConversation.get(conversationId);
		return list === undefined ? undefined : list[list.length - 1];
	}

	getAttachment(id: number): AttachmentRecord | undefined {
		return this.attachments.get(id);
	}

	/** `origin` is where the sandbox was reached (http://host:port), so the file URLs work from there. */
	addMessage(
		conversation: ConversationRecord,
		contact: ContactRecord | undefined,
		input: NewMessage,
		origin = '',
	): MessageRecord {
		const id = this.nextMessageId++;
		const attachments = (input.attachments ?? []).map((file): AttachmentRecord => {
			const attachmentId = this.nextAttachmentId++;
			const attachment = {
				...file,
				id: attachmentId,
				messageId: id,
				dataUrl: `${origin}${ATTACHMENT_PATH_PREFIX}${attachmentId}/${encodeURIComponent(file.fileName)}`,
			};
			this.attachments.set(attachmentId, attachment);
			return attachment;
		});
		const message: MessageRecord = {
			id,
			conversationId: conversation.id,
			inboxId: conversation.inboxId,
			createdAt: nowSeconds(),
			content: input.content,
			messageType: input.messageType,
			private: input.private,
			contentAttributes: input.contentAttributes,
			attachments,
		};
		this.messages.set(message.id, message);
		this.byConversation.get(conversation.id)?.push(message);
		if (contact) contact.lastActivityAt = message.createdAt;
		this.trackActivity(conversation, message);
		return message;
	}

	// Mirrors Chatwoot: a contact's message makes the conversation wait; a public agent reply ends the wait.
	private trackActivity(conversation: ConversationRecord, message: MessageRecord): void {
		conversation.updatedAt = Date.now() / 1000;
		conversation.lastActivityAt = message.createdAt;
		if (message.messageType === 'incoming') {
			// Assumed (Chatwoot: a contact's message reopens a resolved conversation; LiveDesk's docs say
			// nothing): the customer writing again puts the conversation back in front of agents.
			if (conversation.status === 'resolved') conversation.status = 'open';
			conversation.unreadCount++;
			conversation.waitingSince ??= message.createdAt;
		} else if (!message.private) {
			conversation.unreadCount = 0;
			conversation.waitingSince = null;
			if (conversation.firstReplyCreatedAt === 0)
				conversation.firstReplyCreatedAt = message.createdAt;
		}
	}
}
