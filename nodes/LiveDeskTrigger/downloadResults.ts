import type { IDataObject } from 'n8n-workflow';
import type { AttachmentEntry } from '../shared/attachmentEntries';
import { isRecord } from '../shared/utilities';

/**
 * Simplify off: the event as LiveDesk sent it, each of its attachments with the download's
 * `binary_property` or `download_error` added, so a failed file shows there too.
 */
export function withDownloadResults(
	body: IDataObject,
	entries: readonly AttachmentEntry[],
): IDataObject {
	const list = Array.isArray(body.attachments) ? body.attachments : [];
	const attachments = list.map((raw: unknown, index): IDataObject => {
		const entry = entries[index];
		const notes: IDataObject = {};
		if (entry?.binary_property !== undefined) notes.binary_property = entry.binary_property;
		if (entry?.download_error !== undefined) notes.download_error = entry.download_error;
		return { ...(isRecord(raw) ? raw : {}), ...notes };
	});
	return { ...body, attachments };
}
