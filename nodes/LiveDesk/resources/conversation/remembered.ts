import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * Where the package remembers a customer's conversation: a custom attribute of the contact, one
 * per inbox, `n8n_conversation_<inbox id>`, holding "<conversation id>|<last used, ISO 8601 UTC>",
 * e.g. "41|2026-12-07T06:20:00Z". Text, so the console shows it readably; one attribute, so
 * the id and its time are written together by one PATCH, which merges custom attributes
 * (documented) and leaves the user's own attributes alone.
 */
export const REMEMBERED_ATTRIBUTE_PREFIX = 'n8n_conversation_';

export function rememberedKey(inboxId: number): string {
	return `${REMEMBERED_ATTRIBUTE_PREFIX}${inboxId}`;
}

export interface Remembered {
	id: number;
	/** Milliseconds since the epoch. */
	lastUsedAt: number;
}

export function readRemembered(
	contact: IDataObject | undefined,
	inboxId: number,
): Remembered | undefined {
	const attributes = contact?.custom_attributes;
	if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes))
		return undefined;
	const value = (attributes as IDataObject)[rememberedKey(inboxId)];
	const match = typeof value === 'string' ? /^\s*(\d+)\s*\|\s*(\S+)\s*$/.exec(value) : null;
	if (match === null) return undefined;
	const lastUsedAt = Date.parse(match[2]);
	return Number.isNaN(lastUsedAt) ? undefined : { id: Number(match[1]), lastUsedAt };
}

export function rememberedValue(id: number, at: number): string {
	return `${id}|${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

export type ConversationPolicy = 'reuse' | 'reuseWithinWindow' | 'alwaysNew';

export interface PolicyOptions {
	policy: ConversationPolicy;
	windowHours: number;
}

export const DEFAULT_WINDOW_HOURS = 24;

export function readPolicy(options: IDataObject): PolicyOptions {
	const policy = options.conversationPolicy;
	const hours = Number(options.reuseWindowHours);
	return {
		policy: policy === 'reuseWithinWindow' || policy === 'alwaysNew' ? policy : 'reuse',
		windowHours: Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_WINDOW_HOURS,
	};
}

export function mayReuse(
	remembered: Remembered,
	{ policy, windowHours }: PolicyOptions,
	now: number,
): boolean {
	if (policy === 'alwaysNew') return false;
	return policy === 'reuse' || now - remembered.lastUsedAt <= windowHours * 3_600_000;
}

/** Get or Create and Send to Contact offer the same choice, under Options. */
export const conversationPolicyOptions: INodeProperties[] = [
	{
		displayName: 'Conversation Policy',
		name: 'conversationPolicy',
		type: 'options',
		default: 'reuse',
		description: 'Which conversation the customer’s message goes into',
		options: [
			{
				name: 'Reuse the Customer’s Conversation',
				value: 'reuse',
				description:
					'One conversation per customer and inbox; LiveDesk reopens it when it was resolved and the customer writes again',
			},
			{
				name: 'New After Inactivity',
				value: 'reuseWithinWindow',
				description:
					'Reuse it while it was used within the Reuse Window; after a longer pause, start a new one',
			},
			{
				name: 'Always Start a New One',
				value: 'alwaysNew',
				description: 'A new conversation every time, e.g. one per form submission',
			},
		],
	},
	{
		displayName: 'Reuse Window (Hours)',
		name: 'reuseWindowHours',
		type: 'number',
		default: DEFAULT_WINDOW_HOURS,
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		description:
			'With Conversation Policy New After Inactivity: how long after its last use the conversation is still reused (24 h is WhatsApp’s customer-care window)',
	},
];
