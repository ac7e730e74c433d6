import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** LiveDesk's documented page size for contact lists and searches. */
export const PAGE_SIZE = 15;

/** One page of a contact list or search, as LiveDesk answers it. */
export interface ContactPage {
	meta?: { count?: number; current_page?: number };
	payload?: IDataObject[];
}

/**
 * LiveDesk lists answer {meta: {count, current_page}, payload: [...]}. Pages
 * are asked for until the list or the Limit is exhausted, and no further:
 * every page before the current one was full, which gives the number fetched
 * so far. The page goes into the URL, so the engine keeps the request's own
 * query (q, sort) on every page.
 */
const FETCHED = `(($response.body.meta.current_page - 1) * ${PAGE_SIZE} + $response.body.payload.length)`;
const CONTINUE =
	`={{ $response.body.payload.length > 0 && ${FETCHED} < $response.body.meta.count` +
	` && ($parameter.returnAll || ${FETCHED} < $parameter.limit) }}`;

/**
 * The engine adds each page to the URL itself (the `request` above) and shows
 * that request to no hook. A request repeated after a 429 would therefore ask
 * for page 1 again. So a paged item is marked before its first page, the page
 * of every answer is noted, and a repeat asks for the page after the last one
 * received.
 */
const lastPageByItem = new WeakMap<IExecuteSingleFunctions, number>();

export async function startPaging(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	lastPageByItem.set(this, 0);
	return requestOptions;
}

export function notePageReceived(context: IExecuteSingleFunctions, body: unknown): void {
	if (!lastPageByItem.has(context)) return;
	const page = Number((body as { meta?: { current_page?: unknown } } | null)?.meta?.current_page);
	if (Number.isInteger(page) && page > 0) lastPageByItem.set(context, page);
}

/** The request as the engine sent it: for a paged item, with the page that has not been received yet. */
export function requestAsSent(context: IExecuteSingleFunctions, request: IHttpRequestOptions): IHttpRequestOptions {
	const lastPage = lastPageByItem.get(context);
	return lastPage === undefined ? request : { ...request, url: `${request.url}?page=${lastPage + 1}` };
}

export function returnAllAndLimitFields(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
			routing: {
				send: { paginate: true, preSend: [startPaging] },
				operations: {
					pagination: {
						type: 'generic',
						properties: {
							continue: CONTINUE,
							request: {
								url: '={{ $request.url }}?page={{ ($response.body?.meta?.current_page ?? 0) + 1 }}',
							},
						},
					},
				},
			},
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
			routing: { output: { maxResults: '={{ $value }}' } },
		},
	];
}
