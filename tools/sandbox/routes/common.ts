import { invalid, notFound, parseId } from '../errors';
import type { SandboxStore } from '../store';
import type { ConversationRecord, InboxRecord, JsonObject } from '../types';

export const PAGE_SIZE = 15;

export function requireInbox(store: SandboxStore, body: JsonObject): InboxRecord {
	const raw = body.inbox_id;
	if (raw === undefined || raw === null || raw === '') throw invalid("Inbox can't be blank", 'inbox_id');
	const id = parseId(raw);
	const inbox = id === null ? undefined : store.getInbox(id);
	if (!inbox) throw invalid(`Inbox ${String(raw)} not found`, 'inbox_id');
	return inbox;
}

export function requireConversation(store: SandboxStore, rawId: string | undefined): ConversationRecord {
	const id = parseId(rawId);
	const conversation = id === null ? undefined : store.getConversation(id);
	if (!conversation) throw notFound();
	return conversation;
}

/** Out-of-range or malformed pages behave like the real API: page 1, or an empty payload. */
export function paginate<T>(items: readonly T[], query: URLSearchParams): { meta: JsonObject; items: readonly T[] } {
	const raw = query.get('page');
	const page = raw !== null && /^\d+$/.test(raw) ? Math.max(1, Number(raw)) : 1;
	const start = (page - 1) * PAGE_SIZE;
	return { meta: { count: items.length, current_page: page }, items: items.slice(start, start + PAGE_SIZE) };
}
