import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const MAX_JSON_BYTES = 1024 * 1024;
// Above the node's default attachment limit (40 MB), so the node's own check is what a test meets.
const MAX_MULTIPART_BYTES = 64 * 1024 * 1024;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string };

/** One part of a multipart/form-data body, as received. */
export interface FormPart {
	readonly name: string;
	/** Set for file parts only. */
	readonly fileName?: string;
	readonly mimeType?: string;
	readonly data: Buffer;
}

export function isMultipart(req: IncomingMessage): boolean {
	return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

/** Resolves with null when the body is too large; the rest is drained so the socket stays usable. */
export function readBody(req: IncomingMessage): Promise<Buffer | null> {
	const limit = isMultipart(req) ? MAX_MULTIPART_BYTES : MAX_JSON_BYTES;
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Parsed with the platform's own multipart reader (undici's), so the sandbox needs no dependency. */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<FormPart[] | null> {
	let form: FormData;
	try {
		form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return null;
	}
	const parts: FormPart[] = [];
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') {
			parts.push({ name, data: Buffer.from(value, 'utf8') });
		} else {
			parts.push({
				name,
				fileName: value.name,
				mimeType: value.type,
				data: Buffer.from(await value.arrayBuffer()),
			});
		}
	}
	return parts;
}

export function sendFile(
	res: ServerResponse,
	mimeType: string,
	fileName: string,
	data: Buffer,
): void {
	if (res.destroyed || res.headersSent) return;
	res.writeHead(200, {
		'content-type': mimeType || 'application/octet-stream',
		'content-length': data.length,
		'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
	});
	res.end(data);
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

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers?: OutgoingHttpHeaders,
): void {
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
