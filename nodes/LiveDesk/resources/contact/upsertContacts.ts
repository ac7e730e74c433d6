import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { asNodeError, checkBaseUrl, checkEmail, invalidInput, labelOf, parseId } from '../../shared/errors';
import { isBlank, setAtPath, withoutBlanks } from '../../shared/hooks';
import { apiBaseUrl, liveDeskRequest } from '../../shared/transport';
import { attributeObjects } from './fields';
import { readContactPages } from './pages';
import { contactFromAnswer, simplifyContact } from './simplify';
import { mergeAttributes } from './update';
import { upsertFieldOptions } from './upsert';

type MatchField = 'identifier' | 'email';

/** What POST /contacts documents; everything else of the item is written with the PATCH that Update documents. */
const CREATE_FIELDS = new Set(['name', 'email', 'phone_number', 'avatar_url', 'identifier']);

/**
 * Search matches parts of several fields, so a common value can have many
 * partial matches. Beyond this many pages the node cannot be sure the contact
 * does not exist, and says so instead of creating a duplicate.
 */
const MAX_SEARCH_PAGES = 40;

/** n8n's default for routed requests, which the look-up and writes share. */
const DEFAULT_TIMEOUT_MS = 300_000;

type RequestBase = Pick<IHttpRequestOptions, 'baseURL' | 'timeout' | 'skipSslCertificateValidation' | 'proxy'>;

/** The node's Request Options (Settings tab), as n8n's routing applies them to the other operations. */
function requestBase(context: IExecuteFunctions, baseUrl: unknown): RequestBase {
	const { timeout, allowUnauthorizedCerts, proxy } = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const base: RequestBase = { baseURL: apiBaseUrl(baseUrl), timeout: Number(timeout) || DEFAULT_TIMEOUT_MS };
	if (allowUnauthorizedCerts === true) base.skipSslCertificateValidation = true;
	if (typeof proxy === 'string' && proxy !== '') {
		const url = new URL(proxy);
		base.proxy = {
			host: url.hostname,
			port: Number(url.port),
			protocol: url.protocol.replace(/:$/, ''),
			...(url.username ? { auth: { username: url.username, password: url.password } } : {}),
		};
	}
	return base;
}

/** The fields' own routing says where each value goes in the body, as it does for the routed operations. */
function bodyFromFields(options: INodeProperties[], values: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const option of options) {
		const property = option.routing?.send?.property;
		if (property !== undefined && values[option.name] !== undefined) setAtPath(body, property, values[option.name]);
	}
	return body;
}

function isSameValue(field: MatchField, candidate: unknown, wanted: string): boolean {
	if (typeof candidate !== 'string') return false;
	return field === 'email' ? candidate.toLowerCase() === wanted.toLowerCase() : candidate === wanted;
}

class ContactUpsert {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
		private readonly base: RequestBase,
	) {}

	private async send(method: IHttpRequestMethods, url: string, extra: Partial<IHttpRequestOptions>): Promise<IDataObject> {
		return await liveDeskRequest(this.context, this.itemIndex, { ...this.base, method, url, ...extra });
	}

	private async findExactMatches(field: MatchField, value: string): Promise<IDataObject[]> {
		const label = labelOf(field);
		const candidates = await readContactPages(
			async (page) => await this.send('GET', '/contacts', { qs: { q: value, page } }),
			Infinity,
			{
				maxPages: MAX_SEARCH_PAGES,
				tooMany: (seen) =>
					invalidInput(
						this.context.getNode(),
						this.itemIndex,
						`More than ${seen} contacts partly match the ${label} "${value}", too many to be sure none is exactly this one`,
						`Use a more distinctive ${label}, or look the contact up with Contact → Search and use Contact → Update.`,
					),
			},
		);
		return candidates.filter((contact) => isSameValue(field, contact[field], value));
	}

	async run(): Promise<IDataObject> {
		const { context, itemIndex } = this;
		const node = context.getNode();
		checkBaseUrl(node, itemIndex, this.base.baseURL);
		const field = context.getNodeParameter('matchBy', itemIndex) as MatchField;
		const raw = context.getNodeParameter(field, itemIndex, '');
		if (typeof raw !== 'string' || isBlank(raw)) {
			const label = labelOf(field);
			throw invalidInput(
				node,
				itemIndex,
				`${label} is empty, so there is nothing to match an existing contact by`,
				`Fill in ${label}, or set Match By to the field your data has.`,
			);
		}
		const value = field === 'email' ? checkEmail(node, itemIndex, raw) : raw.trim();
		const inboxId = parseId(node, itemIndex, context.getNodeParameter('inboxId', itemIndex), 'inbox_id');
		const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body = mergeAttributes(withoutBlanks(bodyFromFields(upsertFieldOptions, fields)), attributeObjects(fields));
		body[field] = value;
		if (typeof body.email === 'string') body.email = checkEmail(node, itemIndex, body.email);

		const matches = await this.findExactMatches(field, value);
		if (matches.length > 1) {
			throw invalidInput(
				node,
				itemIndex,
				`${matches.length} contacts have the ${labelOf(field)} "${value}", so it is unclear which one to update`,
				`Merge the duplicates in LiveDesk (IDs ${matches.map((contact) => String(contact.id)).join(', ')}), or match by a field that is unique.`,
			);
		}
		const contact = matches.length === 1 ? await this.update(matches[0].id, body) : await this.create(inboxId, body);
		contact.created = matches.length === 0;
		return context.getNodeParameter('simplify', itemIndex, true) ? simplifyContact(contact, inboxId) : contact;
	}

	private async update(id: unknown, body: IDataObject): Promise<IDataObject> {
		return contactFromAnswer(await this.send('PATCH', `/contacts/${String(id)}`, { body }));
	}

	private async create(inboxId: number, body: IDataObject): Promise<IDataObject> {
		const created: IDataObject = { inbox_id: inboxId };
		const details: IDataObject = {};
		for (const [key, value] of Object.entries(body)) (CREATE_FIELDS.has(key) ? created : details)[key] = value;
		const contact = contactFromAnswer(await this.send('POST', '/contacts', { body: created }));
		if (Object.keys(details).length === 0) return contact;
		return { ...(await this.update(contact.id, details)), contact_inbox: contact.contact_inbox };
	}
}

/**
 * Contact → Create or Update, a custom operation: per item, in item order, the
 * look-up and then the write, so several items for one contact in a run give
 * one contact (the first creates it, the next find and update it).
 */
export async function upsertContacts(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials<{ baseUrl?: string }>('liveDeskApi');
	const base = requestBase(this, credentials.baseUrl);
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (this.getExecutionCancelSignal()?.aborted) break;
		const pairedItem = { item: itemIndex };
		try {
			output.push({ json: await new ContactUpsert(this, itemIndex, base).run(), pairedItem });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem });
		}
	}
	return [output];
}
