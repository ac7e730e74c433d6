import type { IDataObject } from 'n8n-workflow';
import type { LiveDeskEvent } from './payload';
import { isPrivate } from './filter';
import { conversationOf, isMessageEvent, messageKind, recordAt } from './payload';
import type { AttachmentEntry } from '../shared/attachmentEntries';

type Scalar = string | number | boolean | null;

function scalar(value: unknown): Scalar {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
		? value
		: null;
}

function firstScalar(...values: unknown[]): Scalar {
	for (const value of values) {
		const found = scalar(value);
		if (found !== null) return found;
	}
	return null;
}

/** Webhooks send ISO dates for messages but Unix seconds for conversations; hand out ISO for both. */
function isoDate(value: unknown): string | null {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		return new Date(value * 1000).toISOString();
	}
	return null;
}

function previousStatus(body: IDataObject): Scalar {
	const changes = body.changed_attributes;
	if (!Array.isArray(changes)) return null;
	for (const change of changes) {
		const status = recordAt(change, 'status');
		if (status) return scalar(status.previous_value);
	}
	return null;
}

/**
 * One flat item with the same keys for every event, so a following step (e.g. Send to
 * WhatsApp) can map `content` and `contact_phone_number` without digging into the event.
 * Keys that do not apply to the event are null rather than missing; `attachments` is always
 * a list (empty for conversation events and for messages without files).
 */
export function simplifyEvent(
	event: LiveDeskEvent,
	attachments: readonly AttachmentEntry[],
): IDataObject {
	const { body } = event;
	const isMessage = isMessageEvent(event);
	const conversation = conversationOf(event) ?? {};
	const contact = recordAt(recordAt(conversation, 'meta'), 'sender') ?? {};
	const contactInbox = recordAt(conversation, 'contact_inbox') ?? {};
	const accountInfo = recordAt(conversation, 'account_info') ?? {};
	const sender = isMessage ? recordAt(body, 'sender') : undefined;
	const inbox = recordAt(body, 'inbox');

	return {
		event: event.name,
		conversation_id: scalar(conversation.id),
		contact_id: firstScalar(contact.id, contactInbox.contact_id, accountInfo.contact_id),
		source_id: scalar(contactInbox.source_id),
		inbox_id: firstScalar(conversation.inbox_id, inbox?.id),
		message_id: isMessage ? scalar(body.id) : null,
		content: isMessage ? scalar(body.content) : null,
		attachments: [...attachments],
		message_type: isMessage ? messageKind(body) : null,
		private: isMessage ? isPrivate(body.private) : null,
		sender_id: sender ? scalar(sender.id) : null,
		sender_name: sender ? scalar(sender.name) : null,
		sender_type: sender ? scalar(sender.type) : null,
		contact_name: firstScalar(contact.name, accountInfo.contact_name),
		contact_email: firstScalar(contact.email, accountInfo.contact_email),
		contact_phone_number: firstScalar(contact.phone_number, accountInfo.contact_phone),
		contact_identifier: scalar(contact.identifier),
		status: scalar(conversation.status),
		previous_status: isMessage ? null : previousStatus(body),
		created_at: isoDate(isMessage ? body.created_at : conversation.created_at),
	};
}
