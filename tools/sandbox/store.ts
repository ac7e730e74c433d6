import { ContactStore } from './contact-store';
import { ConversationStore } from './conversation-store';
import type {
	ContactRecord,
	ConversationRecord,
	InboxRecord,
	MessageRecord,
	SandboxStoreView,
} from './types';

export const DEFAULT_INBOXES: readonly InboxRecord[] = [{ id: 407, name: 'Sandbox API' }];

/** All sandbox state; the seeded state is just the configured inboxes. */
export class SandboxStore implements SandboxStoreView {
	readonly contacts = new ContactStore();
	readonly conversations = new ConversationStore();

	constructor(readonly inboxes: readonly InboxRecord[] = DEFAULT_INBOXES) {}

	reset(): void {
		this.contacts.reset();
		this.conversations.reset();
	}

	getInbox(id: number): InboxRecord | undefined {
		return this.inboxes.find((inbox) => inbox.id === id);
	}

	listContacts(): readonly ContactRecord[] {
		return this.contacts.list();
	}

	getContact(id: number): ContactRecord | undefined {
		return this.contacts.get(id);
	}

	listConversations(): readonly ConversationRecord[] {
		return this.conversations.list();
	}

	getConversation(id: number): ConversationRecord | undefined {
		return this.conversations.get(id);
	}

	listMessages(conversationId?: number): readonly MessageRecord[] {
		return this.conversations.listMessages(conversationId);
	}

	getMessage(id: number): MessageRecord | undefined {
		return this.conversations.getMessage(id);
	}
}
