import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../../tools/sandbox';

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	json: unknown;
}

export interface CallOptions {
	body?: unknown;
	/** Raw body text, sent as is (for malformed JSON). */
	rawBody?: string;
	/** Override the Authorization header; null sends none. */
	auth?: string | null;
	signal?: AbortSignal;
}

export function basicAuth(key: string, secret: string): string {
	return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

/** `path` is relative to /api/v2/accounts unless it starts with /__sandbox. */
export async function call(
	sandbox: Sandbox,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<ApiResponse> {
	const url = path.startsWith('/__sandbox')
		? `${sandbox.url}${path}`
		: `${sandbox.url}/api/v2/accounts${path}`;
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const auth =
		options.auth === undefined ? basicAuth(sandbox.apiKey, sandbox.apiSecret) : options.auth;
	if (auth !== null) headers.authorization = auth;
	const body =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await fetch(url, { method, headers, body, signal: options.signal });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows unknown JSON for assertions; fails the test with the actual value otherwise. */
export function obj(value: unknown): Record<string, unknown> {
	if (!isRecord(value)) throw new Error(`Expected a JSON object, got ${JSON.stringify(value)}`);
	return value;
}

export function arr(value: unknown): unknown[] {
	if (!Array.isArray(value)) throw new Error(`Expected a JSON array, got ${JSON.stringify(value)}`);
	return value;
}

export async function createContact(
	sandbox: Sandbox,
	fields: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
	const response = await call(sandbox, 'POST', '/contacts', { body: { inbox_id: 407, ...fields } });
	if (response.status !== 200)
		throw new Error(`createContact: ${response.status} ${response.text}`);
	return obj(obj(obj(response.json).payload).contact);
}

export async function createConversation(
	sandbox: Sandbox,
	name = 'Alice',
): Promise<Record<string, unknown>> {
	const contact = await createContact(sandbox, { name });
	const response = await call(sandbox, 'POST', '/conversations', {
		body: { inbox_id: 407, contact_id: contact.id },
	});
	if (response.status !== 200)
		throw new Error(`createConversation: ${response.status} ${response.text}`);
	return obj(response.json);
}

export interface ReceivedHook {
	headers: IncomingHttpHeaders;
	body: Record<string, unknown>;
}

export interface Receiver {
	url: string;
	received: ReceivedHook[];
	/** The status (and body) the receiver answers every later event with. */
	respondWith(status: number, body?: string): void;
	close(): Promise<void>;
}

/** A local webhook target, standing in for an n8n Webhook node. */
export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedHook[] = [];
	let status = 200;
	let answer = '';
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				headers: req.headers,
				body: obj(JSON.parse(Buffer.concat(chunks).toString('utf8'))),
			});
			res.writeHead(status).end(answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('receiver has no port');
	return {
		url: `http://127.0.0.1:${address.port}/webhook`,
		received,
		respondWith: (next, body = '') => {
			status = next;
			answer = body;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
