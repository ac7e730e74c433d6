import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { labelOf } from './fieldLabels';
import { recallRequest } from './sentRequests';
import { liveDeskRequest } from './transport';
import { endUpsertTurn, waitForUpsertTurn } from './upsertTurns';
import { checkEmail, invalidInput } from './validation';

type MatchField = 'identifier' | 'email';

interface ContactPage {
	meta?: { count?: number };
	payload?: IDataObject[];
}

/** Search matches substrings of several fields; a few pages are enough to find the one exact match. */
const MAX_SEARCH_PAGES = 5;

function isSameValue(field: MatchField, candidate: unknown, wanted: string): boolean {
	if (typeof candidate !== 'string') return false;
	return field === 'email' ? candidate.toLowerCase() === wanted.toLowerCase() : candidate === wanted;
}

async function findExactMatches(
	context: IExecuteSingleFunctions,
	field: MatchField,
	value: string,
): Promise<IDataObject[]> {
	const matches: IDataObject[] = [];
	let seen = 0;
	for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
		const response = await liveDeskRequest<ContactPage>(context, 'GET', '/contacts/search', { q: value, page });
		const contacts = response.payload ?? [];
		matches.push(...contacts.filter((contact) => isSameValue(field, contact[field], value)));
		seen += contacts.length;
		if (contacts.length === 0 || seen >= (response.meta?.count ?? 0)) break;
	}
	return matches;
}

/**
 * Create or Update: the contact whose identifier (or email) equals the given
 * value is updated; without one, a contact is created. Re-running a workflow
 * therefore never duplicates contacts, and neither do several items for the
 * same contact in one run (they take turns, see upsertTurns).
 */
export async function resolveUpsertTarget(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const field = this.getNodeParameter('matchBy') as MatchField;
	const body = requestOptions.body as IDataObject;
	const raw = body[field];
	if (typeof raw !== 'string' || raw.trim() === '') {
		const label = labelOf(field);
		throw invalidInput(
			this,
			`${label} is empty, so there is nothing to match an existing contact by`,
			`Fill in ${label}, or set Match By to the field your data has.`,
		);
	}
	const value = field === 'email' ? checkEmail(this, raw) : raw.trim();
	body[field] = value;

	await waitForUpsertTurn(this, `${field}:${field === 'email' ? value.toLowerCase() : value}`);
	let writeSent = false;
	try {
		const matches = await findExactMatches(this, field, value);
		if (matches.length > 1) {
			throw invalidInput(
				this,
				`${matches.length} contacts have the ${field} "${value}", so it is unclear which one to update`,
				`Merge the duplicates in LiveDesk (IDs ${matches.map((contact) => String(contact.id)).join(', ')}), or match by a field that is unique.`,
			);
		}
		if (matches.length === 1) {
			requestOptions.method = 'PATCH';
			requestOptions.url = `/contacts/${String(matches[0].id)}`;
			delete body.inbox_id;
		}
		writeSent = true;
		return requestOptions;
	} finally {
		// Without a write there is no answer to wait for: the next item for this contact goes now.
		if (!writeSent) endUpsertTurn(this);
	}
}

/** Tells the next step whether the contact is new: a created contact may want a welcome message. */
export async function markCreated(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const created = recallRequest(this)?.method !== 'PATCH';
	return items.map((item) => ({ ...item, json: { ...item.json, created } }));
}
