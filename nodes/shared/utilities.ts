import type { IDataObject } from 'n8n-workflow';

/* Pure helpers for JSON-like data, used by both nodes: no n8n context, no I/O. */

/** A JSON object from an answer or an event: not null, not an array. */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
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
	if (unsafe !== undefined)
		throw new TypeError(
			`The field path "${path}" has the step "${unsafe}", which no LiveDesk field has`,
		);
	const last = keys.pop() as string;
	let target = body;
	for (const key of keys) target = (target[key] ??= {}) as IDataObject;
	target[last] = value as IDataObject[keyof IDataObject];
}

/** A key/value list from the editor as an object; entries without a key are skipped, a missing value is "". */
export function keyValueObject(
	entries: ReadonlyArray<{ key?: string; value?: unknown }>,
): IDataObject {
	const named = entries.flatMap((entry) => {
		const key = entry.key?.trim();
		return key ? [[key, entry.value ?? ''] as const] : [];
	});
	return Object.fromEntries(named) as IDataObject;
}
