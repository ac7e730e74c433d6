import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { ContactRequests } from '../contact/lookup';
import {
	mayReuse,
	readRemembered,
	rememberedKey,
	rememberedValue,
	type PolicyOptions,
	type Remembered,
} from './remembered';

/**
 * The last-used time is refreshed at most once a minute, so a burst of messages costs no PATCH each;
 * a reuse window is measured to the minute.
 */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Before the second re-read, so that a conversation another process opened at the same moment has
 * been remembered by the time this one looks (bench:bridge measured the split rate with and without).
 */
const SETTLE_MS = 300;

export interface KeptConversation {
	/** The conversation as LiveDesk answered its creation, or {id, inbox_id, contact_id} when reused. */
	conversation: IDataObject;
	created: boolean;
}

/**
 * Gets or opens a customer's conversation in one inbox, remembered in the contact's custom attributes.
 * `reread` reads the contact again (a search where the locator is known).
 */
export class ConversationKeeper {
	constructor(
		private readonly requests: ContactRequests,
		private readonly inboxId: number,
		private readonly options: PolicyOptions,
		private readonly reread: (contactId: number) => Promise<IDataObject | undefined>,
	) {}

	/** `contact` as the look-up returned it, custom attributes included: no extra call when one is remembered. */
	async current(contact: IDataObject): Promise<KeptConversation> {
		const contactId = Number(contact.id);
		const now = Date.now();
		const remembered = readRemembered(contact, this.inboxId);
		if (remembered !== undefined && mayReuse(remembered, this.options, now)) {
			if (now - remembered.lastUsedAt >= TOUCH_INTERVAL_MS)
				await this.remember(contactId, remembered.id, now);
			return { conversation: this.reused(remembered.id, contactId), created: false };
		}
		return await this.open(contactId, remembered?.id);
	}

	/** After a 404 on the remembered conversation (deleted in LiveDesk): a new one, remembered instead. */
	async replace(contactId: number, goneId: number): Promise<KeptConversation> {
		return await this.open(contactId, goneId);
	}

	/**
	 * Opens a conversation and remembers it. Another n8n process (a queue-mode worker) may open one for
	 * the same customer at the same moment; the contact is read again before and after writing, and
	 * whoever finds another new conversation remembered moves to it and resolves its own, still
	 * empty, one, so the customer's messages converge in one conversation.
	 */
	private async open(contactId: number, staleId: number | undefined): Promise<KeptConversation> {
		const conversation = await this.requests.send('POST', '/conversations', {
			body: { inbox_id: this.inboxId, contact_id: contactId },
		});
		const ownId = Number(conversation.id);
		const converge = this.options.policy !== 'alwaysNew';
		const isOther = (found: Remembered | undefined): found is Remembered =>
			found !== undefined && found.id !== ownId && found.id !== staleId;

		if (converge) {
			const other = readRemembered(await this.reread(contactId), this.inboxId);
			if (isOther(other)) return await this.moveTo(other.id, ownId, contactId);
		}
		await this.remember(contactId, ownId, Date.now());
		if (converge) {
			await sleep(SETTLE_MS);
			const other = readRemembered(await this.reread(contactId), this.inboxId);
			if (isOther(other)) return await this.moveTo(other.id, ownId, contactId);
		}
		return { conversation, created: true };
	}

	private async moveTo(
		otherId: number,
		ownId: number,
		contactId: number,
	): Promise<KeptConversation> {
		try {
			await this.requests.send('POST', `/conversations/${ownId}/toggle_status`, {
				body: { status: 'resolved' },
			});
		} catch {
			// The empty conversation staying open is an agent's click; failing the customer's message is worse.
		}
		return { conversation: this.reused(otherId, contactId), created: false };
	}

	private async remember(contactId: number, conversationId: number, at: number): Promise<void> {
		await this.requests.update(contactId, {
			custom_attributes: { [rememberedKey(this.inboxId)]: rememberedValue(conversationId, at) },
		});
	}

	private reused(id: number, contactId: number): IDataObject {
		return { id, inbox_id: this.inboxId, contact_id: contactId };
	}
}
