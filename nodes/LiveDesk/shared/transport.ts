import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

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
 * For the few calls made outside the routing (the contact list in the editor,
 * the look-up of Create or Update), with the same credential and auth.
 */
export async function liveDeskRequest<T = IDataObject>(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	url: string,
	qs: IDataObject = {},
): Promise<T> {
	const credentials = await context.getCredentials<{ baseUrl?: string }>('liveDeskApi');
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'liveDeskApi', {
		method,
		baseURL: apiBaseUrl(credentials.baseUrl),
		url,
		qs,
		json: true,
	})) as T;
}
