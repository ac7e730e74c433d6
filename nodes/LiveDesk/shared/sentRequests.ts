import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A postReceive hook is not handed the request it answers. The routing engine
 * passes the same per-item context to an item's preSend and postReceive hooks,
 * so the request is remembered under that context: for naming the ids of a 404
 * and for repeating a request after LiveDesk's Retry-After. Entries go away
 * with the context, once the item is done.
 */
const requestsByItem = new WeakMap<IExecuteSingleFunctions, IHttpRequestOptions>();

export function rememberRequest(context: IExecuteSingleFunctions, request: IHttpRequestOptions): void {
	requestsByItem.set(context, request);
}

export function recallRequest(context: IExecuteSingleFunctions): IHttpRequestOptions | undefined {
	return requestsByItem.get(context);
}
