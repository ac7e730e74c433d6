import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** LiveDesk's documented page size for contact lists and searches. */
export const PAGE_SIZE = 15;

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
				send: { paginate: true },
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
