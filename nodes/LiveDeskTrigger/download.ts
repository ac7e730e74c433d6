import type {
	IBinaryData,
	IBinaryKeyData,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import * as reasons from './download-errors';
import { isApiPath, refusedHost } from './destinations';
import type { AttachmentEntry } from '../shared/attachmentEntries';
import { isRecord } from '../shared/utilities';
import { maskText } from '../shared/masking';
import { MAX_PAUSE_SECONDS, retryAfterSeconds, sendPaced } from '../shared/pacer';

const CREDENTIAL_TYPE = 'liveDeskApi';
/** Chatwoot-family file links redirect to the storage service (S3 and the like): one or two hops. */
const MAX_REDIRECTS = 5;
/**
 * One forged event may list any number of links; the trigger fetches this many, one after the
 * other, and reports the rest. Chatwoot's composer sends at most 15 files in one message, but
 * each of its messages is split per file for most channels (assumed for LiveDesk).
 */
export const MAX_ATTACHMENTS_PER_EVENT = 10;
export const DEFAULT_DOWNLOAD_TIMEOUT_SECONDS = 60;
const GENERIC_MIME_TYPE = /^(application|binary)\/octet-stream$/;
/** A file on LiveDesk's host refused with 429 is asked for again up to 10 times, as an API call is. */
const MAX_RATE_LIMITED_TRIES = 11;

export interface DownloadSettings {
	/** The credential's Base URL: only files on its origin are fetched with the credential. */
	readonly baseUrl: string;
	readonly maxBytes: number;
	/** The whole download of one file, all redirects and every byte, must finish within this. */
	readonly timeoutMs: number;
	/** The credential's values, masked in every download_error (see secretsOf). */
	readonly secrets: readonly string[];
	/** The credential's API Key: with the Base URL's origin, the LiveDesk account the pacer paces. */
	readonly apiKey: unknown;
}

/** What n8n's client hands back with encoding "stream": the answer's body as it arrives. */
interface BodyStream {
	on(event: 'data', listener: (chunk: unknown) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: unknown) => void): unknown;
	destroy(): unknown;
}

function isStream(value: unknown): value is BodyStream {
	return isRecord(value) && typeof value.on === 'function' && typeof value.destroy === 'function';
}

/** Ends an answer that will not be read, so its connection does not stay open. */
function discard(body: unknown): void {
	if (isStream(body)) {
		// An error after destroy() must not become an unhandled one.
		body.on('error', () => undefined);
		body.destroy();
	}
}

export interface DownloadResult {
	/** The entries in order, each with `binary_property` or `download_error`. */
	readonly entries: AttachmentEntry[];
	readonly binary: IBinaryKeyData;
}

type Fetched =
	| { readonly ok: true; readonly data: Buffer; readonly contentType?: string }
	| { readonly ok: false; readonly reason: string };

function httpUrl(url: string, base?: string): URL | undefined {
	try {
		const parsed = new URL(url, base);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

function asResponse(value: unknown): IN8nHttpFullResponse {
	if (!isRecord(value) || typeof value.statusCode !== 'number' || !isRecord(value.headers)) {
		throw new TypeError('the HTTP client returned no response');
	}
	return value as unknown as IN8nHttpFullResponse;
}

function bodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.alloc(0);
}

/**
 * Redirects are followed here, not by n8n's client: it re-sends the credential to any host it is
 * redirected to, and each hop must be checked like the first. The body comes as a stream, so a
 * file over Max Attachment Size is never held whole in memory.
 */
function requestOptions(url: string, timeoutMs: number, signal: AbortSignal): IHttpRequestOptions {
	return {
		method: 'GET',
		url,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: Math.max(1, timeoutMs),
		abortSignal: signal,
	};
}

/**
 * n8n's helpers, whatever the credential: they are what honours N8N_SSRF_PROTECTION_ENABLED
 * (n8n 2.x checks the address each host name resolves to before connecting). A file on the Base
 * URL's origin comes from LiveDesk's host, which limits the credential's requests as its API does:
 * it goes through the account's pacer, shared with the LiveDesk node, and a 429 is waited out and
 * asked again (a GET of a file, safe to repeat) within the download's deadline. Other hosts are
 * not LiveDesk's and are fetched once, unpaced.
 */
async function request(
	context: IWebhookFunctions,
	url: string,
	withCredential: boolean,
	settings: DownloadSettings,
	signal: AbortSignal,
): Promise<IN8nHttpFullResponse> {
	const options = requestOptions(url, settings.timeoutMs, signal);
	if (!withCredential) return asResponse(await context.helpers.httpRequest(options));
	const send = async () =>
		asResponse(
			await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options),
		);
	const apiKey = async () => settings.apiKey;
	for (let tries = 1; ; tries++) {
		const response = await sendPaced(url, apiKey, send, { signal });
		const asked = response.statusCode === 429 ? retryAfterSeconds(response.headers) : undefined;
		const retry =
			response.statusCode === 429 &&
			tries < MAX_RATE_LIMITED_TRIES &&
			(asked ?? 0) <= MAX_PAUSE_SECONDS;
		if (!retry) return response;
		discard(response.body);
	}
}

interface Deadline {
	/** Aborts the requests when the deadline passes. */
	readonly signal: AbortSignal;
	/** Settles with undefined when the deadline passes. */
	readonly passed: Promise<undefined>;
	/** Whether it has passed: an abort surfaces as a connection error, which is the deadline's doing. */
	isPast(): boolean;
}

function deadlineOf(timeoutMs: number): Deadline {
	const signal = AbortSignal.timeout(timeoutMs);
	const passed = new Promise<undefined>((resolve) => {
		signal.addEventListener('abort', () => resolve(undefined), { once: true });
	});
	return { signal, passed, isPast: () => signal.aborted };
}

type Read =
	| { readonly ok: true; readonly data: Buffer }
	| { readonly ok: false; readonly reason: string };

/** Reads the body, counting bytes: past maxBytes or past the deadline it stops and lets go of the connection. */
async function readCapped(
	body: unknown,
	maxBytes: number,
	deadline: Deadline,
	timeoutMs: number,
): Promise<Read> {
	if (!isStream(body)) {
		const data = bodyBytes(body);
		return data.length > maxBytes
			? { ok: false, reason: reasons.tooLarge(data.length, maxBytes, false) }
			: { ok: true, data };
	}
	return await new Promise<Read>((resolve) => {
		const chunks: Buffer[] = [];
		let received = 0;
		let settled = false;
		const settle = (read: Read) => {
			if (settled) return;
			settled = true;
			if (!read.ok) discard(body);
			resolve(read);
		};
		body.on('data', (chunk: unknown) => {
			if (settled) return;
			const bytes = bodyBytes(chunk);
			received += bytes.length;
			if (received > maxBytes)
				settle({ ok: false, reason: reasons.tooLargeStopped(received, maxBytes) });
			else chunks.push(bytes);
		});
		const cut = (detail: string) =>
			settle({
				ok: false,
				reason: deadline.isPast()
					? reasons.timedOut(timeoutMs, received)
					: reasons.interrupted(detail),
			});
		body.on('end', () => settle({ ok: true, data: Buffer.concat(chunks, received) }));
		body.on('error', (error: unknown) => cut(failure(error)));
		body.on('close', () => cut('the connection closed before the file ended'));
		void deadline.passed.then(() =>
			settle({ ok: false, reason: reasons.timedOut(timeoutMs, received) }),
		);
	});
}

/**
 * n8n 2.x's refusal under N8N_SSRF_PROTECTION_ENABLED (SsrfBlockedIpError, SsrfBlockedHostnameError),
 * which its client may hand back wrapped: its message, or undefined for any other failure.
 */
function ssrfRefusal(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && isRecord(current); depth++) {
		if (
			typeof current.name === 'string' &&
			current.name.startsWith('SsrfBlocked') &&
			typeof current.message === 'string'
		) {
			return current.message;
		}
		current = current.cause;
	}
	return undefined;
}

function failure(error: unknown): string {
	const record = isRecord(error) ? error : {};
	const cause = isRecord(record.cause) ? record.cause : {};
	const code = [record.code, cause.code].find(
		(value): value is string => typeof value === 'string',
	);
	const message = error instanceof Error ? error.message : String(error);
	return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

function statusReason(
	response: IN8nHttpFullResponse,
	withCredential: boolean,
	host: string,
): string {
	const status = response.statusCode;
	const answer = reasons.statusLabel(status, response.statusMessage);
	if (status === 404 || status === 410) return reasons.gone(answer);
	if (status === 401 || status === 403) {
		return withCredential
			? reasons.refusedWithCredential(answer)
			: reasons.refusedWithoutCredential(answer, host);
	}
	return reasons.failedStatus(answer);
}

/**
 * Each hop is decided the same way: refused when its host is this machine, a private network or
 * a metadata service (unless it is the Base URL's own host), refused when it is an API path on the
 * Base URL's origin, and sent with the credential only when it is on that origin. Within one
 * deadline for the file, redirects and every byte included.
 */
async function fetchFile(
	context: IWebhookFunctions,
	url: URL,
	settings: DownloadSettings,
): Promise<Fetched> {
	const base = httpUrl(settings.baseUrl);
	const deadline = deadlineOf(settings.timeoutMs);
	let target = url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const refused = target.hostname === base?.hostname ? undefined : refusedHost(target);
		if (refused !== undefined)
			return { ok: false, reason: reasons.refusedDestination(target.host, refused, hop > 0) };
		const withCredential = target.origin === base?.origin;
		if (withCredential && isApiPath(target))
			return { ok: false, reason: reasons.apiPath(target.pathname, hop > 0) };

		const started = request(context, target.href, withCredential, settings, deadline.signal);
		let response: IN8nHttpFullResponse | undefined;
		try {
			response = await Promise.race([started, deadline.passed]);
		} catch (error) {
			if (deadline.isPast()) return { ok: false, reason: reasons.timedOut(settings.timeoutMs, 0) };
			const blocked = ssrfRefusal(error);
			if (blocked !== undefined)
				return { ok: false, reason: reasons.blockedByN8n(target.host, blocked) };
			return { ok: false, reason: reasons.unreachable(target.host, failure(error)) };
		}
		if (response === undefined) {
			// An answer that arrives after all is dropped unread.
			void started.then(
				(late) => discard(late.body),
				() => undefined,
			);
			return { ok: false, reason: reasons.timedOut(settings.timeoutMs, 0) };
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			discard(response.body);
			const location = header(response, 'location');
			const next = location === undefined ? undefined : httpUrl(location, target.href);
			if (next === undefined) {
				return {
					ok: false,
					reason: reasons.badRedirect(`answered ${status} without an http(s) Location to go to`),
				};
			}
			target = next;
			continue;
		}
		if (status < 200 || status >= 300) {
			discard(response.body);
			return { ok: false, reason: statusReason(response, withCredential, target.host) };
		}
		const declared = Number(header(response, 'content-length'));
		if (Number.isSafeInteger(declared) && declared > settings.maxBytes) {
			discard(response.body);
			return { ok: false, reason: reasons.tooLarge(declared, settings.maxBytes, false) };
		}
		const read = await readCapped(response.body, settings.maxBytes, deadline, settings.timeoutMs);
		if (!read.ok) return read;
		return { ok: true, data: read.data, contentType: header(response, 'content-type') };
	}
	return { ok: false, reason: reasons.badRedirect(`redirected more than ${MAX_REDIRECTS} times`) };
}

/**
 * The host's Content-Type unless it is only "octet-stream", else the MIME type LiveDesk named;
 * without either, n8n decides from the file name's extension (or, lacking one, the bytes).
 */
function mimeTypeFor(entry: AttachmentEntry, contentType: string | undefined): string | undefined {
	const fromHost = contentType?.split(';')[0].trim().toLowerCase();
	if (fromHost !== undefined && fromHost !== '' && !GENERIC_MIME_TYPE.test(fromHost))
		return fromHost;
	if (entry.mime_type !== undefined) return entry.mime_type;
	return entry.file_name.includes('.') ? undefined : fromHost;
}

async function downloadEntry(
	context: IWebhookFunctions,
	entry: AttachmentEntry,
	key: string,
	settings: DownloadSettings,
): Promise<{ entry: AttachmentEntry; binary?: IBinaryData }> {
	// A host's reason phrase or n8n's error text may echo what was sent: the credential is masked.
	const fail = (reason: string) => ({
		entry: { ...entry, download_error: maskText(reason, settings.secrets) },
	});
	if (entry.url === null) return fail(reasons.noUrl());
	const url = httpUrl(entry.url);
	if (url === undefined) return fail(reasons.notHttpUrl(entry.url));
	if (entry.file_size !== undefined && entry.file_size > settings.maxBytes) {
		return fail(reasons.tooLarge(entry.file_size, settings.maxBytes, true));
	}
	const fetched = await fetchFile(context, url, settings);
	if (!fetched.ok) return fail(fetched.reason);
	let binary: IBinaryData;
	try {
		binary = await context.helpers.prepareBinaryData(
			fetched.data,
			entry.file_name,
			mimeTypeFor(entry, fetched.contentType),
		);
	} catch (error) {
		return fail(reasons.notStored(failure(error)));
	}
	return {
		entry: {
			...entry,
			file_size: fetched.data.length,
			mime_type: binary.mimeType,
			binary_property: key,
		},
		binary,
	};
}

/**
 * Fetches each file, one after the other, into `attachment_<index>`, the first
 * MAX_ATTACHMENTS_PER_EVENT only. A file that cannot be fetched is never an error of the event:
 * its entry says why, and the workflow still starts.
 */
export async function downloadAttachments(
	context: IWebhookFunctions,
	entries: readonly AttachmentEntry[],
	settings: DownloadSettings,
): Promise<DownloadResult> {
	const result: DownloadResult = { entries: [], binary: {} };
	for (const [index, entry] of entries.entries()) {
		if (index >= MAX_ATTACHMENTS_PER_EVENT) {
			result.entries.push({
				...entry,
				download_error: reasons.tooManyAttachments(MAX_ATTACHMENTS_PER_EVENT),
			});
			continue;
		}
		const key = `attachment_${index}`;
		const downloaded = await downloadEntry(context, entry, key, settings);
		result.entries.push(downloaded.entry);
		if (downloaded.binary) result.binary[key] = downloaded.binary;
	}
	return result;
}
