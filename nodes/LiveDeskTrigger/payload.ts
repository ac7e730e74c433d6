import type { IDataObject } from 'n8n-workflow';
import { isRecord } from '../shared/utilities';

/** One webhook call from LiveDesk: the event's name and the JSON object it came with. */
export interface LiveDeskEvent {
	readonly name: string;
	readonly body: IDataObject;
}

/** How LiveDesk labels a message; `other` covers kinds this node does not know. */
export type MessageKind = 'incoming' | 'outgoing' | 'activity' | 'template' | 'other';

// Webhooks send the kind as text, the REST API as Chatwoot's enum number; accept both.
const KIND_BY_CODE: readonly MessageKind[] = ['incoming', 'outgoing', 'activity', 'template'];

export function recordAt(value: unknown, key: string): IDataObject | undefined {
	if (!isRecord(value)) return undefined;
	const child = value[key];
	return isRecord(child) ? child : undefined;
}

function hasId(body: IDataObject): boolean {
	return typeof body.id === 'number' || (typeof body.id === 'string' && body.id !== '');
}

/**
 * Every LiveDesk (Chatwoot-family) webhook is a JSON object naming its event in `event`;
 * message and conversation events also carry the object's `id`. Anything else (a health
 * check, a form post, another product's webhook) is not one.
 */
export function readEvent(body: unknown): LiveDeskEvent | undefined {
	if (!isRecord(body)) return undefined;
	const name = body.event;
	if (typeof name !== 'string' || name.trim() === '') return undefined;
	if ((name.startsWith('message_') || name.startsWith('conversation_')) && !hasId(body))
		return undefined;
	return { name, body };
}

export function isMessageEvent(event: LiveDeskEvent): boolean {
	return event.name.startsWith('message_');
}

export function messageKind(body: IDataObject): MessageKind {
	const value = body.message_type;
	if (typeof value === 'number') return KIND_BY_CODE[value] ?? 'other';
	if (typeof value === 'string') {
		return KIND_BY_CODE.find((kind) => kind === value) ?? 'other';
	}
	return 'other';
}

/** Message events carry the conversation beside the message; conversation events are the conversation. */
export function conversationOf(event: LiveDeskEvent): IDataObject | undefined {
	return isMessageEvent(event) ? recordAt(event.body, 'conversation') : event.body;
}
