import type { SandboxStore } from './store';
import {
	ACCOUNT,
	AGENT,
	contactCore,
	conversationJson,
	requireContact,
	withAttachments,
} from './shapes';
import type { ConversationRecord, JsonObject, MessageRecord, StatusSnapshot } from './types';

// Chatwoot-family webhooks differ from the REST answers: message_type is a string, created_at an ISO date,
// and the conversation carries contact_inbox.source_id so a receiver can answer through the API channel.

export function conversationWebhookJson(
	store: SandboxStore,
	conversation: ConversationRecord,
): JsonObject {
	return {
		...conversationJson(store, conversation),
		contact_inbox: { source_id: conversation.sourceId },
	};
}

export function messageCreatedPayload(store: SandboxStore, message: MessageRecord): JsonObject {
	const conversation = store.getConversation(message.conversationId);
	if (!conversation)
		throw new Error(`Sandbox invariant broken: conversation ${message.conversationId} is missing`);
	const sender =
		message.messageType === 'outgoing'
			? { id: AGENT.id, name: AGENT.name, email: AGENT.email, type: AGENT.type }
			: { ...contactCore(requireContact(store, conversation.contactId)), type: 'contact' };
	return withAttachments(
		{
			event: 'message_created',
			id: message.id,
			content: message.content,
			message_type: message.messageType,
			content_type: 'text',
			content_attributes: message.contentAttributes,
			private: message.private,
			source_id: null,
			created_at: new Date(message.createdAt * 1000).toISOString(),
			sender,
			conversation: conversationWebhookJson(store, conversation),
			inbox: { id: conversation.inboxId, name: store.getInbox(conversation.inboxId)?.name ?? '' },
			account: { id: ACCOUNT.id, name: ACCOUNT.name },
		},
		message,
	);
}

export function conversationPayload(
	event: string,
	store: SandboxStore,
	conversation: ConversationRecord,
	previous?: StatusSnapshot,
): JsonObject {
	const payload: JsonObject = { event, ...conversationWebhookJson(store, conversation) };
	if (previous) {
		const changed: JsonObject[] = [];
		if (previous.status !== conversation.status) {
			changed.push({
				status: { previous_value: previous.status, current_value: conversation.status },
			});
		}
		if (previous.snoozedUntil !== conversation.snoozedUntil) {
			changed.push({
				snoozed_until: {
					previous_value: previous.snoozedUntil,
					current_value: conversation.snoozedUntil,
				},
			});
		}
		payload.changed_attributes = changed;
	}
	return payload;
}
