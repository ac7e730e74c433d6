import type { LiveDeskEvent } from './payload';
import { isMessageEvent, messageKind, recordAt } from './payload';

export const ALL_EVENTS = '*';

export interface FilterSettings {
	readonly events: readonly string[];
	readonly includeIncoming: boolean;
	readonly includePrivateNotes: boolean;
	readonly ignoredAgentIds: readonly number[];
}

export type Verdict = { readonly start: true } | { readonly start: false; readonly reason: string };

const START: Verdict = { start: true };
const ignore = (reason: string): Verdict => ({ start: false, reason });

/**
 * Decides whether an event starts the workflow. The defaults make a two-way bridge safe:
 * the bridge posts the customer's messages into LiveDesk as incoming, and incoming messages
 * never start the workflow, so nothing it sends in comes back out.
 */
export function checkEvent(event: LiveDeskEvent, settings: FilterSettings): Verdict {
	if (!settings.events.includes(ALL_EVENTS) && !settings.events.includes(event.name)) {
		return ignore(`event ${event.name} is not selected`);
	}
	if (!isMessageEvent(event)) return START;

	const kind = messageKind(event.body);
	// Activity messages are LiveDesk's own log lines ("Conversation was resolved"), not something anyone wrote.
	if (kind === 'activity' || kind === 'other') return ignore(`${kind} message`);
	if (kind === 'incoming' && !settings.includeIncoming) return ignore('incoming message (from the contact)');
	if (event.body.private === true && !settings.includePrivateNotes) return ignore('private note');

	const sender = recordAt(event.body, 'sender');
	// Contact and agent ids are separate number ranges, so only agent-side senders are matched.
	if (kind !== 'incoming' && sender && sender.type !== 'contact' && typeof sender.id === 'number') {
		if (settings.ignoredAgentIds.includes(sender.id)) return ignore(`sender ${sender.id} is ignored`);
	}
	return START;
}

/** "12, 15" → [12, 15]; anything that is not a whole number is dropped. */
export function parseIdList(value: string): number[] {
	return value
		.split(/[\s,;]+/)
		.filter((part) => /^\d+$/.test(part))
		.map(Number);
}
