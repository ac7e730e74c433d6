import { ContactStore } from './contact-store';
import { ConversationStore } from './conversation-store';
import { TicketStore } from './ticket-store';
import type {
	ContactRecord,
	ConversationRecord,
	InboxRecord,
	MessageRecord,
	SandboxStoreView,
	TicketRecord,
} from './types';

export const DEFAULT_INBOXES: readonly InboxRecord[] = [{ id: 407, name: 'Sandbox API' }];

/** All sandbox state; the seeded state is just the configured inboxes. */
export class SandboxStore implements SandboxStoreView {
	readonly contacts = new ContactStore();
	readonly conversations = new ConversationStore();
	readonly tickets = new TicketStore();

	constructor(readonly inboxes: readonly InboxRecord[] = DEFAULT_INBOXES) {}

	reset(): void {
		this.contacts.reset();
		this.conversations.reset();
		this.tickets.reset();
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

	listTickets(): readonly TicketRecord[] {
		return this.tickets.list();
	}

	getTicket(id: string): TicketRecord | undefined {
		return this.tickets.get(id);
	}
}
