import { STATUS_CODES, type ServerResponse } from 'node:http';
import { isObject } from './errors';
import type { JsonObject } from './types';

/**
 * A scripted failure for the next matching /api/v2/accounts request(s).
 * Without `status` and `destroy`, the request is only delayed and then answered normally.
 */
export interface Fault {
	method?: string;
	/** Matched against the pathname: as a substring, or as a regular expression. */
	path?: string | RegExp;
	status?: number;
	/** A string is sent as is; anything else as JSON. Defaults to {"error": <status text>}. */
	body?: string | JsonObject | readonly unknown[];
	contentType?: string;
	headers?: Record<string, string>;
	/** How many requests this fault answers; default 1. */
	times?: number;
	delayMs?: number;
	/** Close the connection without answering (after delayMs, if given). */
	destroy?: boolean;
}

interface QueuedFault {
	readonly fault: Fault;
	remaining: number;
	readonly matches: (method: string, path: string) => boolean;
}

function matcher(fault: Fault): (method: string, path: string) => boolean {
	const method = fault.method?.toUpperCase();
	let pattern: RegExp | undefined;
	if (fault.path instanceof RegExp) pattern = fault.path;
	else if (fault.path !== undefined) {
		try {
			pattern = new RegExp(fault.path);
		} catch {
			pattern = undefined;
		}
	}
	const text = typeof fault.path === 'string' ? fault.path : undefined;
	return (requestMethod, path) =>
		(method === undefined || method === requestMethod) &&
		(fault.path === undefined ||
			(text !== undefined && path.includes(text)) ||
			(pattern?.test(path) ?? false));
}

/** Validates input from the control endpoint or from tests; throws a TypeError naming the bad field. */
export function normalizeFault(value: unknown): Fault {
	if (!isObject(value)) throw new TypeError('A fault must be a JSON object');
	const { method, path, status, body, contentType, headers, times, delayMs, destroy } = value;
	const fault: Fault = {};
	if (method !== undefined) {
		if (typeof method !== 'string') throw new TypeError('fault.method must be a string');
		fault.method = method;
	}
	if (path !== undefined) {
		if (typeof path !== 'string' && !(path instanceof RegExp))
			throw new TypeError('fault.path must be a string');
		fault.path = path;
	}
	if (status !== undefined) {
		if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
			throw new TypeError('fault.status must be an HTTP status code (100-599)');
		}
		fault.status = status;
	}
	if (body !== undefined) {
		if (typeof body !== 'string' && !isObject(body) && !Array.isArray(body)) {
			throw new TypeError('fault.body must be a string, an object or an array');
		}
		fault.body = body;
	}
	if (contentType !== undefined) {
		if (typeof contentType !== 'string') throw new TypeError('fault.contentType must be a string');
		fault.contentType = contentType;
	}
	if (headers !== undefined) {
		if (!isObject(headers)) throw new TypeError('fault.headers must be an object');
		fault.headers = Object.fromEntries(
			Object.entries(headers).map(([name, header]) => [name.toLowerCase(), String(header)]),
		);
	}
	for (const [key, number] of [
		['times', times],
		['delayMs', delayMs],
	] as const) {
		if (number === undefined) continue;
		if (typeof number !== 'number' || !(number >= 0))
			throw new TypeError(`fault.${key} must be a number >= 0`);
		fault[key] = number;
	}
	if (destroy !== undefined) fault.destroy = destroy === true;
	return fault;
}

export class FaultQueue {
	private queue: QueuedFault[] = [];

	get size(): number {
		return this.queue.length;
	}

	add(fault: Fault): void {
		const normalized = normalizeFault(fault);
		const remaining = normalized.times ?? 1;
		if (remaining > 0)
			this.queue.push({ fault: normalized, remaining, matches: matcher(normalized) });
	}

	clear(): void {
		this.queue = [];
	}

	list(): JsonObject[] {
		return this.queue.map(({ fault, remaining }) => ({
			...fault,
			path: fault.path instanceof RegExp ? fault.path.source : fault.path,
			remaining,
		}));
	}

	/** Consumes one use of the oldest fault matching this request. */
	take(method: string, path: string): Fault | undefined {
		if (this.queue.length === 0) return undefined;
		const index = this.queue.findIndex((queued) => queued.matches(method, path));
		const queued = this.queue[index];
		if (!queued) return undefined;
		queued.remaining--;
		if (queued.remaining <= 0) this.queue.splice(index, 1);
		return queued.fault;
	}
}

export function writeFault(res: ServerResponse, fault: Fault, status: number): void {
	const body = fault.body ?? { error: STATUS_CODES[status] ?? `HTTP ${status}` };
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const defaultType =
		typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
	res.writeHead(status, {
		'content-type': defaultType,
		...fault.headers,
		...(fault.contentType === undefined ? {} : { 'content-type': fault.contentType }),
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}
