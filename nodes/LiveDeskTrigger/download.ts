import type { IBinaryData, IBinaryKeyData, IHttpRequestOptions, IN8nHttpFullResponse, IWebhookFunctions } from 'n8n-workflow';
import type { AttachmentEntry } from '../LiveDesk/resources/message/attachmentEntries';
import * as reasons from './download-errors';
import { isRecord } from '../LiveDesk/shared/hooks';

const CREDENTIAL_TYPE = 'liveDeskApi';
/** Chatwoot-family file links redirect to the storage service (S3 and the like): one or two hops. */
const MAX_REDIRECTS = 5;
/** n8n's client gives up on a file host that sends nothing for this long. */
const IDLE_TIMEOUT_MS = 60_000;
const GENERIC_MIME_TYPE = /^(application|binary)\/octet-stream$/;

export interface DownloadSettings {
	/** The credential's Base URL: only files on its origin are fetched with the credential. */
	readonly baseUrl: string;
	readonly maxBytes: number;
}

export interface DownloadResult {
	/** The entries in order, each with `binary_property` or `download_error`. */
	readonly entries: AttachmentEntry[];
	readonly binary: IBinaryKeyData;
}

type Fetched = { readonly ok: true; readonly data: Buffer; readonly contentType?: string } | { readonly ok: false; readonly reason: string };

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

/** Redirects are followed here, not by n8n's client: it re-sends the credential to any host it is redirected to. */
function requestOptions(url: string): IHttpRequestOptions {
	return {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: IDLE_TIMEOUT_MS,
	};
}

async function requestWithCredential(context: IWebhookFunctions, url: string): Promise<IN8nHttpFullResponse> {
	return asResponse(await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, requestOptions(url)));
}

async function requestWithoutCredential(context: IWebhookFunctions, url: string): Promise<IN8nHttpFullResponse> {
	return asResponse(await context.helpers.httpRequest(requestOptions(url)));
}

function failure(error: unknown): string {
	const record = isRecord(error) ? error : {};
	const cause = isRecord(record.cause) ? record.cause : {};
	const code = [record.code, cause.code].find((value): value is string => typeof value === 'string');
	const message = error instanceof Error ? error.message : String(error);
	return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

function statusReason(response: IN8nHttpFullResponse, withCredential: boolean, host: string): string {
	const status = response.statusCode;
	const answer = reasons.statusLabel(status, response.statusMessage);
	if (status === 404 || status === 410) return reasons.gone(answer);
	if (status === 401 || status === 403) {
		return withCredential ? reasons.refusedWithCredential(answer) : reasons.refusedWithoutCredential(answer, host);
	}
	return reasons.failedStatus(answer);
}

/** Each hop gets the credential only if it is on the Base URL's origin. */
async function fetchFile(context: IWebhookFunctions, url: URL, settings: DownloadSettings): Promise<Fetched> {
	const credentialOrigin = httpUrl(settings.baseUrl)?.origin;
	let target = url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const withCredential = target.origin === credentialOrigin;
		let response: IN8nHttpFullResponse;
		try {
			response = withCredential
				? await requestWithCredential(context, target.href)
				: await requestWithoutCredential(context, target.href);
		} catch (error) {
			return { ok: false, reason: reasons.unreachable(target.host, failure(error)) };
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			const location = header(response, 'location');
			const next = location === undefined ? undefined : httpUrl(location, target.href);
			if (next === undefined) {
				return { ok: false, reason: reasons.badRedirect(`answered ${status} without an http(s) Location to go to`) };
			}
			target = next;
			continue;
		}
		if (status < 200 || status >= 300) return { ok: false, reason: statusReason(response, withCredential, target.host) };
		const data = bodyBytes(response.body);
		if (data.length > settings.maxBytes) {
			return { ok: false, reason: reasons.tooLarge(data.length, settings.maxBytes, false) };
		}
		return { ok: true, data, contentType: header(response, 'content-type') };
	}
	return { ok: false, reason: reasons.badRedirect(`redirected more than ${MAX_REDIRECTS} times`) };
}

/**
 * The host's Content-Type unless it is only "octet-stream", else the MIME type LiveDesk named;
 * without either, n8n decides from the file name's extension (or, lacking one, the bytes).
 */
function mimeTypeFor(entry: AttachmentEntry, contentType: string | undefined): string | undefined {
	const fromHost = contentType?.split(';')[0].trim().toLowerCase();
	if (fromHost !== undefined && fromHost !== '' && !GENERIC_MIME_TYPE.test(fromHost)) return fromHost;
	if (entry.mime_type !== undefined) return entry.mime_type;
	return entry.file_name.includes('.') ? undefined : fromHost;
}

async function downloadEntry(
	context: IWebhookFunctions,
	entry: AttachmentEntry,
	key: string,
	settings: DownloadSettings,
): Promise<{ entry: AttachmentEntry; binary?: IBinaryData }> {
	const fail = (reason: string) => ({ entry: { ...entry, download_error: reason } });
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
		binary = await context.helpers.prepareBinaryData(fetched.data, entry.file_name, mimeTypeFor(entry, fetched.contentType));
	} catch (error) {
		return fail(reasons.notStored(failure(error)));
	}
	return {
		entry: { ...entry, file_size: fetched.data.length, mime_type: binary.mimeType, binary_property: key },
		binary,
	};
}

/**
 * Fetches each file, one after the other, into `attachment_<index>`. A file that cannot be
 * fetched is never an error of the event: its entry says why, and the workflow still starts.
 */
export async function downloadAttachments(
	context: IWebhookFunctions,
	entries: readonly AttachmentEntry[],
	settings: DownloadSettings,
): Promise<DownloadResult> {
	const result: DownloadResult = { entries: [], binary: {} };
	for (const [index, entry] of entries.entries()) {
		const key = `attachment_${index}`;
		const downloaded = await downloadEntry(context, entry, key, settings);
		result.entries.push(downloaded.entry);
		if (downloaded.binary) result.binary[key] = downloaded.binary;
	}
	return result;
}
