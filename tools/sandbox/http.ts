import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string };

/** Resolves with null when the body is too large; the rest is drained so the socket stays usable. */
export function readBody(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** An empty body counts as "no body" (value undefined), as GET requests have none. */
export function parseBody(text: string): ParsedBody {
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		const value: unknown = JSON.parse(text);
		return { ok: true, value };
	} catch {
		return { ok: false, text };
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: OutgoingHttpHeaders): void {
	// The client may have given up (timeouts under test); writing then would only raise noise.
	if (res.destroyed || res.headersSent) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}
