import type { LiveDeskEvent, MessageKind } from './payload';
import { conversationOf, isMessageEvent, messageKind, recordAt } from './payload';

export const ALL_EVENTS = '*';

/** The message kinds a user can choose in Message Types; activity messages never start anything. */
export type SelectableMessageType = Extract<MessageKind, 'incoming' | 'outgoing' | 'template'>;

/** What a bridge that hands agent replies back to the customer needs, and what version 1 did. */
export const DEFAULT_MESSAGE_TYPES: readonly SelectableMessageType[] = ['outgoing', 'template'];

export interface FilterSettings {
	readonly events: readonly string[];
	readonly messageTypes: readonly string[];
	/** Empty: any status. */
	readonly conversationStatuses: readonly string[];
	readonly includePrivateNotes: boolean;
	readonly ignoredAgentIds: readonly number[];
}

export type Verdict = { readonly start: true } | { readonly start: false; readonly reason: string };

const START: Verdict = { start: true };
const ignore = (reason: string): Verdict => ({ start: false, reason });

const KIND_LABELS: Record<SelectableMessageType, string> = {
	incoming: 'incoming message (from the contact)',
	outgoing: 'outgoing message (an agent’s or bot’s reply)',
	template: 'template message',
};

/**
 * Anyone who knows the trigger URL can post an event, and other senders (proxies, tools) write
 * flags as text or numbers: a note flagged "true" or 1 is still private and must not reach a customer.
 */
export function isPrivate(flag: unknown): boolean {
	if (flag === true || flag === 1) return true;
	return typeof flag === 'string' && ['true', '1'].includes(flag.trim().toLowerCase());
}

function checkMessage(event: LiveDeskEvent, settings: FilterSettings): Verdict {
	const kind = messageKind(event.body);
	// Activity messages are LiveDesk's own log lines ("Conversation was resolved"), not something anyone wrote.
	if (kind === 'activity' || kind === 'other') return ignore(`${kind} message`);
	if (!settings.messageTypes.includes(kind)) return ignore(KIND_LABELS[kind]);
	if (isPrivate(event.body.private) && !settings.includePrivateNotes) return ignore('private note');

	const sender = recordAt(event.body, 'sender');
	// Contact and agent ids are separate number ranges, so only agent-side senders are matched.
	if (kind !== 'incoming' && sender && sender.type !== 'contact' && typeof sender.id === 'number') {
		if (settings.ignoredAgentIds.includes(sender.id))
			return ignore(`sender ${sender.id} is ignored`);
	}
	return START;
}

/**
 * The conversation's status as the event reports it (after the change, for status changes).
 * An event without one does not pass a status filter: a bot that may answer only while it owns
 * the conversation must not answer when it cannot tell.
 */
function checkStatus(event: LiveDeskEvent, statuses: readonly string[]): Verdict {
	if (statuses.length === 0) return START;
	const status = conversationOf(event)?.status;
	if (typeof status !== 'string') return ignore('the event carries no conversation status');
	return statuses.includes(status)
		? START
		: ignore(`conversation status ${status} is not selected`);
}

/**
 * Decides whether an event starts the workflow. The defaults make a two-way bridge safe:
 * the bridge posts the customer's messages into LiveDesk as incoming, and incoming messages
 * do not start the workflow, so nothing it sends in comes back out. A bot does the reverse
 * (Message Types = Incoming): its own outgoing replies do not start it.
 */
export function checkEvent(event: LiveDeskEvent, settings: FilterSettings): Verdict {
	if (!settings.events.includes(ALL_EVENTS) && !settings.events.includes(event.name)) {
		return ignore(`event ${event.name} is not selected`);
	}
	if (isMessageEvent(event)) {
		const verdict = checkMessage(event, settings);
		if (!verdict.start) return verdict;
	}
	return checkStatus(event, settings.conversationStatuses);
}

/** "12, 15" → [12, 15]; anything that is not a whole number is dropped. */
export function parseIdList(value: string): number[] {
	return value
		.split(/[\s,;]+/)
		.filter((part) => /^\d+$/.test(part))
		.map(Number);
}
