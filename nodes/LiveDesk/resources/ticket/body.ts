import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { isBlank, keyValueObject, setAtPath, withoutBlanks } from '../../../shared/utilities';
import { invalidInput } from '../../shared/validation';

/*
 * The ticket body: the routed scalars as the docs nest them, plus the lists built here. Ids stay
 * text (a requester's contact_id such as "-1001234567890" is no number), and only what the user set
 * is sent.
 */

interface Entries<T> {
	[entryName: string]: T[] | undefined;
}

function entries<T>(fields: IDataObject, name: string, entryName: string): T[] {
	return ((fields[name] as Entries<T> | undefined)?.[entryName] ?? []).filter(Boolean);
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : String(value ?? '').trim();

/** One attachment per link; an entry may hold several (an expression giving a list). */
export function attachmentList(fields: IDataObject): IDataObject[] {
	return entries<{ fileUrl?: unknown }>(fields, 'attachments', 'attachment')
		.flatMap((entry) => (Array.isArray(entry.fileUrl) ? entry.fileUrl : [entry.fileUrl]))
		.filter((url) => !isBlank(url))
		.map((url) => ({ file_url: text(url) }));
}

export function customFieldObject(fields: IDataObject): IDataObject {
	return keyValueObject(
		entries<{ key?: string; value?: unknown }>(fields, 'customFields', 'field'),
	);
}

export function followerList(fields: IDataObject): IDataObject[] {
	return entries<{ id?: unknown; name?: unknown }>(fields, 'requesterFollowers', 'follower')
		.filter((entry) => !isBlank(entry.id))
		.map((entry) => ({
			id: text(entry.id),
			...(isBlank(entry.name) ? {} : { name: text(entry.name) }),
		}));
}

/** "a, b" or an expression's list, as the array of strings the docs show. */
export function tagList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map(text).filter((tag) => tag !== '');
}

/** Expressions often give ids as numbers (a contact's id); the ticket API types them as strings. */
function idsAsText(body: IDataObject): void {
	const requester = body.requester as IDataObject | undefined;
	const channel = requester?.channel_contacts as IDataObject | undefined;
	for (const [object, keys] of [
		[requester, ['euid']],
		[channel, ['channel_id', 'contact_id', 'sub_contact_id']],
		[body.submitter as IDataObject | undefined, ['id']],
	] as const) {
		for (const key of keys) {
			if (object && typeof object[key] === 'number') object[key] = String(object[key]);
		}
	}
}

/** Lists join the body only when they hold something, so an untouched field sends nothing. */
function setList(
	body: IDataObject,
	path: string,
	list: IDataObject[] | string[] | IDataObject,
): void {
	const empty = Array.isArray(list) ? list.length === 0 : Object.keys(list).length === 0;
	if (!empty) setAtPath(body, path, list);
}

/** preSend of Create (Additional Fields) and Update (Update Fields, which must change something). */
export function sendTicketBody(collection: 'additionalFields' | 'updateFields') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const fields = this.getNodeParameter(collection, {}) as IDataObject;
		const body = (requestOptions.body ?? {}) as IDataObject;
		setList(body, 'attachments', attachmentList(fields));
		setList(body, 'custom_fields', customFieldObject(fields));
		setList(body, 'requester.channel_contacts.followers', followerList(fields));
		if (collection === 'updateFields') setList(body, 'tags', tagList(fields.tags));
		idsAsText(body);
		requestOptions.body = withoutBlanks(body);
		if (collection === 'updateFields' && Object.keys(requestOptions.body).length === 0) {
			throw invalidInput(
				this.getNode(),
				this.getItemIndex(),
				'Nothing to update: Update Fields is empty',
				'Add at least one field under Update Fields, with a value.',
			);
		}
		return requestOptions;
	};
}
