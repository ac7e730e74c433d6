import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { checkBaseUrl, checkEmail, parseId } from './errors';

/* preSend and postReceive hooks that several resources route through. */

const ID_KEYS = ['inbox_id', 'contact_id'] as const;

/** A JSON object from an answer or an event: not null, not an array. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Runs first for every operation: a Base URL that cannot work is reported plainly instead of as a failed request. */
export async function requireHttpBaseUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	checkBaseUrl(this.getNode(), this.getItemIndex(), requestOptions.baseURL);
	return requestOptions;
}

/**
 * Ids become validated JSON numbers, an email must look like one, and only
 * what the user filled in is sent: an optional field left empty must not
 * overwrite data in LiveDesk.
 */
export async function normalizeBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const body = (requestOptions.body ?? {}) as IDataObject;
	for (const key of ID_KEYS) {
		if (key in body) body[key] = parseId(node, itemIndex, body[key], key);
	}
	const attributes = body.content_attributes as IDataObject | undefined;
	// In Reply To starts at 0 when added: left there, it means "not a reply", as an empty field would.
	if (attributes && (attributes.in_reply_to === 0 || isBlank(attributes.in_reply_to))) {
		delete attributes.in_reply_to;
		if (Object.keys(attributes).length === 0) delete body.content_attributes;
	} else if (attributes && 'in_reply_to' in attributes) {
		attributes.in_reply_to = parseId(node, itemIndex, attributes.in_reply_to, 'in_reply_to');
	}
	requestOptions.body = withoutBlanks(body);
	if ('email' in body) body.email = checkEmail(node, itemIndex, body.email);
	return requestOptions;
}

/** The object without empty values, also inside nested objects (which go when nothing is left in them). */
export function withoutBlanks(body: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(body)) {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			withoutBlanks(value as IDataObject);
			if (Object.keys(value).length === 0) delete body[key];
		} else if (isBlank(value)) {
			delete body[key];
		}
	}
	return body;
}

/** Path steps that would reach an object's prototype instead of a field of the body. */
const UNSAFE_PATH_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Sets `value` at a dotted path such as `requester.channel_contacts.followers`, making the objects
 * on the way. Paths are the node's own today; the check keeps a path that ever comes from input
 * from writing into Object.prototype.
 */
export function setAtPath(body: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	const unsafe = keys.find((key) => UNSAFE_PATH_KEYS.has(key));
	if (unsafe !== undefined) throw new TypeError(`The field path "${path}" has the step "${unsafe}", which no LiveDesk field has`);
	const last = keys.pop() as string;
	let target = body;
	for (const key of keys) target = (target[key] ??= {}) as IDataObject;
	target[last] = value as IDataObject[keyof IDataObject];
}

/** A key/value list from the editor as an object; entries without a key are skipped, a missing value is "". */
export function keyValueObject(entries: ReadonlyArray<{ key?: string; value?: unknown }>): IDataObject {
	const named = entries.flatMap((entry) => {
		const key = entry.key?.trim();
		return key ? [[key, entry.value ?? ''] as const] : [];
	});
	return Object.fromEntries(named) as IDataObject;
}

/**
 * Ids that go into the path are validated here and the URL built in code
 * rather than by an expression, so a bad id never reaches LiveDesk and no
 * extra expression is evaluated for every item.
 */
export function routeToConversation(suffix: 'messages' | 'toggle_status'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const id = parseId(this.getNode(), this.getItemIndex(), this.getNodeParameter('conversationId'), 'conversation_id');
		requestOptions.url = `/conversations/${id}/${suffix}`;
		return requestOptions;
	};
}

/** LiveDesk objects carry dozens of fields; Simplify keeps those a workflow usually needs next. */
export type Simplifier = (json: IDataObject) => IDataObject;

export function simplifyWith(simplify: Simplifier): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
		return items.map((item) => ({ ...item, json: simplify(item.json) }));
	};
}
