import { invalid, notFound, parseId } from '../errors';
import type { SandboxStore } from '../store';
import type { ConversationRecord, InboxRecord, JsonObject } from '../types';

export function requireInbox(store: SandboxStore, body: JsonObject): InboxRecord {
	const raw = body.inbox_id;
	if (raw === undefined || raw === null || raw === '')
		throw invalid("Inbox can't be blank", 'inbox_id');
	const id = parseId(raw);
	const inbox = id === null ? undefined : store.getInbox(id);
	if (!inbox) throw invalid(`Inbox ${String(raw)} not found`, 'inbox_id');
	return inbox;
}

export function requireConversation(
	store: SandboxStore,
	rawId: string | undefined,
): ConversationRecord {
	const id = parseId(rawId);
	const conversation = id === null ? undefined : store.getConversation(id);
	if (!conversation) throw notFound();
	return conversation;
}
