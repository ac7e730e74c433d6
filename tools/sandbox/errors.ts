import type { JsonObject } from './types';

/** Thrown by route handlers; the server turns it into the HTTP answer LiveDesk would give. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: JsonObject,
	) {
		super(`HTTP ${status}`);
	}
}

export function notFound(): ApiError {
	return new ApiError(404, { error: 'Resource could not be found' });
}

export function invalid(message: string, attribute: string): ApiError {
	return new ApiError(422, { message, attributes: [attribute] });
}

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The docs type ids as strings in requests while responses use numbers, so accept both. */
export function parseId(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
	if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) {
		const id = Number(value);
		return id > 0 ? id : null;
	}
	return null;
}

/** undefined = not sent (leave unchanged); null or '' = clear the field. */
export function optionalString(body: JsonObject, key: string): string | null | undefined {
	const value = body[key];
	if (value === undefined) return undefined;
	if (value === null || value === '') return null;
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') throw invalid(`${humanize(key)} must be a string`, key);
	return value;
}

export function optionalObject(body: JsonObject, key: string): JsonObject | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (!isObject(value)) throw invalid(`${humanize(key)} must be an object`, key);
	return value;
}

/** The docs type booleans as strings too ("private: String"), so accept "true"/"false". */
export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
	const value = body[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalid(`${humanize(key)} must be true or false`, key);
}

export function humanize(key: string): string {
	const words = key.replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}
