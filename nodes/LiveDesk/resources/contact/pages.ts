import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { pairedWithItem, sendWithRetries } from '../../shared/transport';
import { simplifyContact } from './simplify';
import { invalidInput } from '../../shared/validation';

/** One page of a contact list or search, as LiveDesk answers it (current_page is text in one doc example). */
export interface ContactPage {
	meta?: { count?: number | string; current_page?: number | string };
	payload?: IDataObject[];
}

/** Where a list stands: the next page to ask for and how many contacts came before it. */
export interface PageCursor {
	page: number;
	seen: number;
}

export const FIRST_PAGE: PageCursor = { page: 1, seen: 0 };

/**
 * The cursor after `answer`, or undefined when LiveDesk has no more: an empty
 * page, or as many contacts seen as meta.count says there are. Pages are
 * counted, not assumed to hold 15, so any page size reads every contact once.
 * Without a count, pages are read until one comes back empty.
 */
export function nextPage(cursor: PageCursor, answer: ContactPage): PageCursor | undefined {
	const contacts = answer.payload ?? [];
	const seen = cursor.seen + contacts.length;
	const count = Number(answer.meta?.count);
	if (contacts.length === 0 || (Number.isFinite(count) && seen >= count)) return undefined;
	return { page: cursor.page + 1, seen };
}

/**
 * The contacts of a list or search, page after page, until LiveDesk has no
 * more or `wanted` are in. `maxPages` bounds a list that must end; reaching
 * it calls `tooMany` instead of returning a partial list.
 */
export async function readContactPages(
	fetchPage: (page: number) => Promise<ContactPage>,
	wanted = Infinity,
	limits?: { maxPages: number; tooMany: (seen: number) => Error },
): Promise<IDataObject[]> {
	const contacts: IDataObject[] = [];
	let cursor: PageCursor | undefined = FIRST_PAGE;
	while (cursor && contacts.length < wanted) {
		if (limits && cursor.page > limits.maxPages) throw limits.tooMany(cursor.seen);
		const answer = await fetchPage(cursor.page);
		contacts.push(...(answer.payload ?? []));
		cursor = nextPage(cursor, answer);
	}
	return contacts.slice(0, wanted);
}

/**
 * requestOperations.pagination of Get Many and Search (contact/index.ts): the engine hands over
 * the routed request (path, q, sort, labels, Request Options) and this asks
 * for its pages, each sent like any routed request (429s waited out).
 */
export async function pageThroughContacts(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await pairedWithItem(this, async () => {
		const itemIndex = this.getItemIndex();
		const qs = (requestData.options.qs ?? {}) as IDataObject;
		if (
			this.getNodeParameter('operation') === 'search' &&
			(typeof qs.q !== 'string' || qs.q.trim() === '')
		) {
			throw invalidInput(
				this.getNode(),
				itemIndex,
				'Search Term is empty',
				'Enter part of a name, email, phone number or identifier, or use Get Many to list every contact.',
			);
		}
		const wanted = this.getNodeParameter('returnAll', false)
			? Infinity
			: Number(this.getNodeParameter('limit', 50));
		const contacts = await readContactPages(async (page) => {
			const pageRequest = {
				...requestData,
				options: { ...requestData.options, qs: { ...qs, page } },
			};
			const [answer] = await sendWithRetries(
				this,
				itemIndex,
				pageRequest.options as IHttpRequestOptions,
				async () => await this.makeRoutingRequest(pageRequest),
			);
			return (answer?.json ?? {}) as ContactPage;
		}, wanted);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		return contacts.map((contact) => ({ json: simplify ? simplifyContact(contact) : contact }));
	});
}

/** Return All and Limit of Get Many and Search, read by pageThroughContacts (declared in contact/index.ts). */
export function returnAllAndLimitFields(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
