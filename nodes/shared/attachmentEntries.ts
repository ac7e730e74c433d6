import type { IDataObject } from 'n8n-workflow';
import { isRecord } from './utilities';

/** Chatwoot's upload limit (40 MB in Rails, 1 MB = 1,048,576 bytes), assumed for LiveDesk: Send's and the trigger's default. */
export const DEFAULT_MAX_ATTACHMENT_MB = 40;
export const BYTES_PER_MB = 1024 * 1024;

/**
 * One file of a message, the same keys whichever shape LiveDesk sent it in: its ticket answer
 * documents `{file_type: "image/jpeg", file_url}`, Chatwoot's webhooks (assumed for LiveDesk's)
 * `{id, message_id, file_type: "image", extension, data_url, thumb_url, file_size}`.
 */
export interface AttachmentEntry extends IDataObject {
	/** As sent: a MIME type (LiveDesk) or a kind such as `image` or `file` (Chatwoot). */
	file_type: string | null;
	url: string | null;
	file_name: string;
	/** Bytes, where the event says (or once downloaded). */
	file_size?: number;
	/** Where known: from a MIME-type file_type, or from the download. */
	mime_type?: string;
	/** With Download Attachments: the binary key the file is in, or why it is not. */
	binary_property?: string;
	download_error?: string;
}

const NAME_KEYS = ['file_name', 'filename', 'fileName', 'name'];
// LiveDesk's name first: where both are sent, it is the one LiveDesk documents.
const URL_KEYS = ['file_url', 'data_url'];
const MIME_KEYS = ['mime_type', 'content_type', 'file_type'];

function firstText(record: IDataObject, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

function isMimeType(value: string | undefined): value is string {
	return value !== undefined && /^[\w.+-]+\/[\w.+-]+/.test(value);
}

/** The URL path's last segment, decoded: Chatwoot's and S3's links end with the file's name. */
function nameFromUrl(url: string | undefined): string | undefined {
	if (url === undefined) return undefined;
	let segment: string | undefined;
	try {
		segment = new URL(url).pathname
			.split('/')
			.filter((part) => part !== '')
			.pop();
	} catch {
		return undefined;
	}
	if (segment === undefined) return undefined;
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Binary data keeps a file name, not a path: a decoded `%2F` must not start a directory. */
function safeFileName(name: string): string {
	return name.replace(/[/\\]/g, '_');
}

function fileName(record: IDataObject, url: string | undefined, index: number): string {
	const name = firstText(record, NAME_KEYS) ?? nameFromUrl(url) ?? `attachment_${index}`;
	const extension = firstText(record, ['extension']);
	const withExtension =
		extension !== undefined && !name.includes('.') ? `${name}.${extension}` : name;
	return safeFileName(withExtension);
}

function fileSize(value: unknown): number | undefined {
	const size = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : undefined;
}

function readEntry(value: unknown, index: number): AttachmentEntry {
	const record = isRecord(value) ? value : {};
	const url = firstText(record, URL_KEYS);
	const fileType = record.file_type;
	const mimeType = MIME_KEYS.map((key) => firstText(record, [key])).find(isMimeType);
	const size = fileSize(record.file_size);
	return {
		file_type: typeof fileType === 'string' ? fileType : null,
		url: url ?? null,
		file_name: fileName(record, url, index),
		...(size !== undefined ? { file_size: size } : {}),
		...(mimeType !== undefined ? { mime_type: mimeType } : {}),
	};
}

/** One entry per element of a message's `attachments` (Send's answer, a webhook event), in order. */
export function readAttachments(body: IDataObject): AttachmentEntry[] {
	const list = body.attachments;
	return Array.isArray(list) ? list.map(readEntry) : [];
}
