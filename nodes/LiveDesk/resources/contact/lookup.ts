import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { asNodeError } from '../../shared/errors';
import type { ItemFunctions } from '../../shared/perItem';
import { liveDeskRequest, type RequestBase } from '../../shared/transport';
import { readContactPages } from './pages';
import { contactFromAnswer } from './simplify';
import { isBlank } from '../../../shared/utilities';
import { checkEmail, invalidInput, labelOf } from '../../shared/validation';

/** The fields a contact can be matched by: the Match By value (a parameter's name) and its API field. */
export const MATCH_FIELDS = {
	identifier: 'identifier',
	email: 'email',
	phoneNumber: 'phone_number',
} as const;
export type MatchBy = keyof typeof MATCH_FIELDS;
type MatchField = (typeof MATCH_FIELDS)[MatchBy];

/** What POST /contacts documents; everything else of the item is written with the PATCH that Update documents. */
const CREATE_FIELDS = new Set(['name', 'email', 'phone_number', 'avatar_url', 'identifier']);

/**
 * Search matches parts of several fields, so a common value can have many
 * partial matches. Beyond this many pages the node cannot be sure the contact
 * does not exist, and says so instead of creating a duplicate.
 */
const MAX_SEARCH_PAGES = 40;

/** LiveDesk's answer to a create whose email, identifier or phone number another contact has (Chatwoot's 422, assumed). */
export function isTakenError(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '422' &&
		/already been taken/i.test(error.message)
	);
}

export function isNotFoundError(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** The value an item matches by, checked and trimmed, with the API field it is compared with. */
export interface ContactMatch {
	field: MatchField;
	value: string;
}

export function readMatch(context: ItemFunctions, itemIndex: number): ContactMatch {
	const node = context.getNode();
	const matchBy = context.getNodeParameter('matchBy', itemIndex) as MatchBy;
	const field = MATCH_FIELDS[matchBy];
	const raw = context.getNodeParameter(matchBy, itemIndex, '');
	if (typeof raw !== 'string' || isBlank(raw)) {
		const label = labelOf(field);
		throw invalidInput(
			node,
			itemIndex,
			`${label} is empty, so there is nothing to match an existing contact by`,
			`Fill in ${label}, or set Match By to the field your data has.`,
		);
	}
	return { field, value: field === 'email' ? checkEmail(node, itemIndex, raw) : raw.trim() };
}

function isSameValue({ field, value }: ContactMatch, candidate: unknown): boolean {
	if (typeof candidate !== 'string') return false;
	return field === 'email' ? candidate.toLowerCase() === value.toLowerCase() : candidate === value;
}

/** The contact calls that Create or Update and Send to Contact make, per item, with the node's Request Options. */
export class ContactRequests {
	constructor(
		readonly context: ItemFunctions,
		readonly itemIndex: number,
		private readonly base: RequestBase,
	) {}

	async send(
		method: IHttpRequestMethods,
		url: string,
		extra: Partial<IHttpRequestOptions> = {},
	): Promise<IDataObject> {
		return await liveDeskRequest(this.context, this.itemIndex, {
			...this.base,
			method,
			url,
			...extra,
		});
	}

	/** Search's answer carries each contact's custom attributes, so no other call is needed to read them. */
	async findExactMatches(match: ContactMatch): Promise<IDataObject[]> {
		const label = labelOf(match.field);
		const candidates = await readContactPages(
			async (page) => await this.send('GET', '/contacts', { qs: { q: match.value, page } }),
			Infinity,
			{
				maxPages: MAX_SEARCH_PAGES,
				tooMany: (seen) =>
					invalidInput(
						this.context.getNode(),
						this.itemIndex,
						`More than ${seen} contacts partly match the ${label} "${match.value}", too many to be sure none is exactly this one`,
						`Use a more distinctive ${label}, or look the contact up with Contact → Search and use Contact → Update.`,
					),
			},
		);
		return candidates.filter((contact) => isSameValue(match, contact[match.field]));
	}

	/** The one contact matching, or undefined; several are an error the user must resolve in LiveDesk. */
	async findOne(match: ContactMatch): Promise<IDataObject | undefined> {
		const matches = await this.findExactMatches(match);
		if (matches.length > 1) {
			throw invalidInput(
				this.context.getNode(),
				this.itemIndex,
				`${matches.length} contacts have the ${labelOf(match.field)} "${match.value}", so it is unclear which one to update`,
				`Merge the duplicates in LiveDesk (IDs ${matches.map((contact) => String(contact.id)).join(', ')}), or match by a field that is unique.`,
			);
		}
		return matches[0];
	}

	async update(id: unknown, body: IDataObject): Promise<IDataObject> {
		return contactFromAnswer(await this.send('PATCH', `/contacts/${String(id)}`, { body }));
	}

	/**
	 * Creates the contact; when LiveDesk refuses because another execution (or process) created it a
	 * moment ago ("has already been taken"), the contact is looked up again and returned with
	 * `created: false` instead of failing the item. `body` holds the field matched by.
	 */
	async createOrFind(
		match: ContactMatch,
		inboxId: number,
		body: IDataObject,
	): Promise<IDataObject> {
		const created: IDataObject = { inbox_id: inboxId };
		const details: IDataObject = {};
		for (const [key, value] of Object.entries(body))
			(CREATE_FIELDS.has(key) ? created : details)[key] = value;
		let contact: IDataObject;
		try {
			contact = contactFromAnswer(await this.send('POST', '/contacts', { body: created }));
		} catch (error) {
			const refused = asNodeError(this.context.getNode(), error);
			if (!isTakenError(refused)) throw refused;
			const found = await this.findOne(match);
			if (found === undefined) throw refused;
			return { ...(await this.update(found.id, body)), created: false };
		}
		if (Object.keys(details).length > 0) {
			contact = {
				...(await this.update(contact.id, details)),
				contact_inbox: contact.contact_inbox,
			};
		}
		return { ...contact, created: true };
	}
}
