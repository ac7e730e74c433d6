import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { checkedAnswer } from './answers';
import { sendToLiveDesk } from './send';

const API_PATH = '/api/v2/accounts';

/**
 * The API root from the credential's Base URL, which users may enter with a
 * trailing slash: as an expression for the routing and the credential test,
 * and as a function for the calls made in code.
 */
export const API_BASE_URL_EXPRESSION = `={{$credentials.baseUrl.replace(/\\/+$/, "")}}${API_PATH}`;

export function apiBaseUrl(baseUrl: unknown): string {
	return `${String(baseUrl ?? '').replace(/\/+$/, '')}${API_PATH}`;
}

/**
 * For the call made outside the routing (the contact list in the editor), with
 * the same credential and auth, and the same errors as a routed request: the
 * status, LiveDesk's own message and what to do.
 */
export async function liveDeskRequest<T = IDataObject>(
	context: ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject = {},
): Promise<T> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>('liveDeskApi');
	const request: IHttpRequestOptions = { method, baseURL: apiBaseUrl(credentials.baseUrl), url, qs, json: true };
	// No Retry-After wait here: the editor's list has no execution to cancel it.
	return checkedAnswer(context.getNode(), 0, await sendToLiveDesk(context, request), request).body as T;
}
