import { BYTES_PER_MB } from '../shared/attachmentEntries';
/**
 * Why an attachment is not in the item's binary data, as `download_error` says it: what happened
 * and what to do. The README's troubleshooting table has one row per reason.
 */

/** "404 (Not Found)", or just the number when the host sent no reason phrase. */
export function statusLabel(status: number, statusMessage: string | undefined): string {
	return statusMessage ? `${status} (${statusMessage})` : String(status);
}

/** 1234567 → "1,234,567", without Intl (whose first use starts ICU). */
function grouped(whole: number): string {
	return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function megabytes(bytes: number): string {
	return `${Number((bytes / BYTES_PER_MB).toFixed(1))} MB`;
}

export const noUrl = (): string =>
	'LiveDesk sent no file URL for this attachment, so there was nothing to download. Open the message in LiveDesk to get the file.';

export const notHttpUrl = (url: string): string =>
	`The attachment's URL "${url}" is not an http(s) URL, so it was not downloaded. Open the message in LiveDesk to get the file.`;

export const tooLarge = (bytes: number, maxBytes: number, declared: boolean): string =>
	`The file is ${megabytes(bytes)} (${grouped(bytes)} bytes${declared ? ', as LiveDesk reports it' : ''}), more than Max Attachment Size (${megabytes(maxBytes)}), so it was not kept. Raise Max Attachment Size to download it; its address is in url.`;

export const gone = (answer: string): string =>
	`The file host answered ${answer}: the file was deleted or its link has expired. Open the message in LiveDesk to get the file.`;

export const refusedWithCredential = (answer: string): string =>
	`LiveDesk answered ${answer} for the file although the LiveDesk API credential was sent. Check the credential's API Key and API Secret.`;

export const refusedWithoutCredential = (answer: string, host: string): string =>
	`The file host ${host} answered ${answer}. The LiveDesk API credential is sent only to the host of its Base URL, not to ${host}; the link may have expired. Open the message in LiveDesk to get the file.`;

export const failedStatus = (answer: string): string =>
	`The file host answered ${answer}. Try again later: the file's address is in url, so a later step (e.g. HTTP Request) can fetch it.`;

export const badRedirect = (detail: string): string =>
	`The file host ${detail}, so the file was not downloaded. The file's address is in url; open the message in LiveDesk to get the file.`;

export const unreachable = (host: string, detail: string): string =>
	`n8n could not fetch the file from ${host}: ${detail}. Check that this n8n can reach that host; the file's address is in url, so a later step (e.g. HTTP Request) can fetch it again.`;

export const notStored = (detail: string): string =>
	`The file was downloaded but n8n could not store it as binary data: ${detail}. Check n8n's binary data storage (N8N_DEFAULT_BINARY_DATA_MODE and its folder or bucket).`;

export const tooLargeStopped = (received: number, maxBytes: number): string =>
	`The file is larger than Max Attachment Size (${megabytes(maxBytes)}): n8n stopped reading it after ${grouped(received)} bytes, so it was not kept. Raise Max Attachment Size to download it; its address is in url.`;

export const timedOut = (timeoutMs: number, received: number): string =>
	`The file did not arrive within Download Timeout (${Math.round(timeoutMs / 100) / 10} s; ${grouped(received)} bytes had come), so n8n stopped and did not keep it. Raise Download Timeout for slow hosts; its address is in url.`;

export const interrupted = (detail: string): string =>
	`The file host stopped sending before the file was complete: ${detail}. Try again later: the file's address is in url, so a later step (e.g. HTTP Request) can fetch it.`;

export const apiPath = (path: string, redirected: boolean): string =>
	`The attachment's URL${redirected ? ' redirected to' : ' is'} ${path} on the Base URL's host, which is LiveDesk's API, not a file, so it was not downloaded: the LiveDesk API credential is never sent to the API for a download. A genuine attachment is never there; treat the event as forged.`;

export const refusedDestination = (host: string, why: string, redirected: boolean): string =>
	`The attachment's URL${redirected ? ' redirected to' : ' points at'} ${host}, which the trigger does not fetch from: ${why}. Files are fetched from public hosts and from the Base URL's own host only; treat the event as forged, or set the credential's Base URL to that host if LiveDesk really runs there.`;

export const tooManyAttachments = (max: number): string =>
	`The event lists more than ${max} attachments, and the trigger downloads the first ${max} only, so this one was not downloaded. Its address is in url, so a later step (e.g. HTTP Request) can fetch it.`;

export const blockedByN8n = (host: string, detail: string): string =>
	`n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused to fetch the file from ${host}: ${detail}. If that host really holds LiveDesk's files, allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES; otherwise treat the event as forged.`;
