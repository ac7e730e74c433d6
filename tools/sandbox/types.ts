export type JsonObject = Record<string, unknown>;

export interface InboxRecord {
	readonly id: number;
	readonly name: string;
}

export interface ContactInboxRecord {
	readonly inboxId: number;
	readonly sourceId: string;
}

export interface ContactRecord {
	readonly id: number;
	name: string;
	/** null when unset; independent of `name` (how LiveDesk relates them is not documented). */
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	phoneNumber: string | null;
	identifier: string | null;
	avatarUrl: string | null;
	blocked: boolean;
	additionalAttributes: JsonObject;
	customAttributes: JsonObject;
	readonly createdAt: number;
	lastActivityAt: number | null;
	readonly contactInboxes: ContactInboxRecord[];
}

export const CONVERSATION_STATUSES = ['open', 'resolved', 'pending', 'snoozed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export interface ConversationRecord {
	readonly id: number;
	readonly uuid: string;
	readonly inboxId: number;
	readonly contactId: number;
	readonly sourceId: string;
	status: ConversationStatus;
	snoozedUntil: number | null;
	readonly createdAt: number;
	/** Fractional seconds, as LiveDesk sends it. */
	updatedAt: number;
	lastActivityAt: number;
	waitingSince: number | null;
	firstReplyCreatedAt: number;
	unreadCount: number;
}

export type MessageType = 'incoming' | 'outgoing';

/** A file posted with a message (multipart `attachments[]`), kept so the sandbox can serve it. */
export interface AttachmentRecord {
	readonly id: number;
	readonly messageId: number;
	readonly fileName: string;
	readonly mimeType: string;
	readonly data: Buffer;
	/** The absolute URL the sandbox serves the file at, on its own origin (as Chatwoot's data_url). */
	readonly dataUrl: string;
}

export interface MessageRecord {
	readonly id: number;
	readonly conversationId: number;
	readonly inboxId: number;
	/** null for a message that carries only attachments, as Chatwoot stores it. */
	readonly content: string | null;
	readonly messageType: MessageType;
	readonly private: boolean;
	readonly contentAttributes: JsonObject;
	readonly createdAt: number;
	readonly attachments: readonly AttachmentRecord[];
}

/** A ticket as stored; ids are text (tk_20251104_789abc), nested objects as the request sent them. */
export interface TicketRecord {
	readonly ticketId: string;
	title: string;
	description: string;
	attachments: JsonObject[];
	status: string;
	priority: string | null;
	ticketType: string | null;
	requester: JsonObject;
	submitter: JsonObject;
	/** The team's name, as Create sends it; the answer shows it as {id, name}. */
	assignmentTeam: string | null;
	customFields: JsonObject;
	tags: string[];
	readonly createdAt: number;
	updatedAt: number;
}

/** Read-only view handed to tests, so they can assert on state without going through HTTP. */
export interface SandboxStoreView {
	readonly inboxes: readonly InboxRecord[];
	listContacts(): readonly Readonly<ContactRecord>[];
	getContact(id: number): Readonly<ContactRecord> | undefined;
	listConversations(): readonly Readonly<ConversationRecord>[];
	getConversation(id: number): Readonly<ConversationRecord> | undefined;
	listMessages(conversationId?: number): readonly Readonly<MessageRecord>[];
	getMessage(id: number): Readonly<MessageRecord> | undefined;
	listTickets(): readonly Readonly<TicketRecord>[];
	getTicket(id: string): Readonly<TicketRecord> | undefined;
}

export interface StatusSnapshot {
	readonly status: ConversationStatus;
	readonly snoozedUntil: number | null;
}

/** Hooks the routes call after a state change; the webhook dispatcher implements them. */
export interface SandboxEvents {
	conversationCreated(conversation: ConversationRecord): void;
	messageCreated(message: MessageRecord): void;
	conversationStatusChanged(conversation: ConversationRecord, previous: StatusSnapshot): void;
}
