import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import {
	asNodeError,
	failedAnswerError,
	incompleteCredentialError,
	maskError,
	secretsOf,
	type CredentialSecrets,
	type RateLimitWaits,
} from './errors';

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
 * An answer that is not a success, on its way from the check that found it to
 * the sender, which knows the request: the sender repeats it after a 429 or
 * turns it into the error the user sees.
 */
export class FailedAnswer extends Error {
	constructor(readonly response: IN8nHttpFullResponse) {
		super(`LiveDesk answered ${response.statusCode}`);
	}
}

function acceptAnswer(response: IN8nHttpFullResponse): IN8nHttpFullResponse {
	const success = response.statusCode >= 200 && response.statusCode < 300;
	if (!success || response.body === null || typeof response.body !== 'object') throw new FailedAnswer(response);
	return response;
}

/**
 * postReceive, first on every routed answer. Requests go out with
 * ignoreHttpStatusErrors, so a failure arrives here with LiveDesk's own body.
 */
export async function rejectFailedAnswer(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	acceptAnswer(response);
	return items;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110). */
function retryAfterSeconds(headers: IDataObject, now = Date.now()): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * How long one item outlasts a rate limit. n8n's routing starts every item at
 * once, so a large run meets the limit with most of its items: each waits as
 * long as LiveDesk asks (a Retry-After up to 60 s, longer ones are left to
 * Batching), or, without Retry-After, backs off exponentially with full
 * jitter (a random wait up to 0.5, 1, 2, 4, then 8 s), so items limited
 * together come back at spread-out times. A 429 means the request was not
 * processed, so repeating it cannot duplicate anything. An item gives up once
 * it has waited 3 minutes in all (or after 200 retries, which only a
 * Retry-After of 0 reaches first).
 */
const RETRY_AFTER_LIMIT_SECONDS = 60;
const RATE_LIMIT_BUDGET_MS = 180_000;
const MAX_RATE_LIMIT_RETRIES = 200;
const BACKOFF = { firstMs: 500, maxMs: 8000 };

function nextWaitMs(waits: RateLimitWaits): number | undefined {
	if (waits.retries >= MAX_RATE_LIMIT_RETRIES) return undefined;
	const asked = waits.retryAfterSeconds;
	if (asked !== undefined && asked > RETRY_AFTER_LIMIT_SECONDS) return undefined;
	const wait =
		asked !== undefined
			? asked * 1000
			: Math.floor(Math.random() * Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.min(waits.retries, 10)));
	return waits.waitedMs + wait <= RATE_LIMIT_BUDGET_MS ? wait : undefined;
}

type SendingContext = IExecuteSingleFunctions | IExecuteFunctions | ILoadOptionsFunctions;

async function hasIncompleteCredential(context: SendingContext): Promise<boolean> {
	const credentials = await context.getCredentials<{ apiKey?: string; apiSecret?: string }>('liveDeskApi');
	const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
	return blank(credentials.apiKey) || blank(credentials.apiSecret);
}

/**
 * Sends (with `send`) until LiveDesk answers with a success: a 429 is waited
 * out and the request repeated, any other failure becomes the error the user
 * sees. Failures without an answer (refused, timeout) pass through as n8n
 * names them. Cancelling the execution ends a wait.
 */
export async function sendWithRetries<T>(
	context: SendingContext,
	itemIndex: number,
	request: IHttpRequestOptions,
	send: () => Promise<T>,
	retry = true,
): Promise<T> {
	const waits: RateLimitWaits = { retries: 0, waitedMs: 0, retryAfterLimitSeconds: RETRY_AFTER_LIMIT_SECONDS };
	for (;;) {
		try {
			return await send();
		} catch (error) {
			const node = context.getNode();
			if (!(error instanceof FailedAnswer)) throw asNodeError(node, error);
			const { response } = error;
			if (response.statusCode === 401 && (await hasIncompleteCredential(context))) {
				throw incompleteCredentialError(node, itemIndex);
			}
			waits.retryAfterSeconds = response.statusCode === 429 ? retryAfterSeconds(response.headers) : undefined;
			const wait = response.statusCode === 429 && retry ? nextWaitMs(waits) : undefined;
			if (wait === undefined) throw failedAnswerError(node, itemIndex, response, request, waits);
			// n8n-workflow 1.x's sleep ignores the signal; 2.x ends the wait when the execution is cancelled.
			const cancel = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
			await sleep(wait, cancel);
			if (cancel?.aborted) throw failedAnswerError(node, itemIndex, response, request, waits);
			waits.retries += 1;
			waits.waitedMs += wait;
		}
	}
}

/**
 * The error as n8n's kind, with the credential masked wherever LiveDesk or a proxy echoed it
 * (HTML error pages print the request's Authorization header). Errors leave the node only here.
 */
async function secretFreeError(context: SendingContext, error: unknown) {
	const nodeError = asNodeError(context.getNode(), error);
	let credentials: CredentialSecrets;
	try {
		credentials = await context.getCredentials<CredentialSecrets>('liveDeskApi');
	} catch {
		return nodeError;
	}
	return maskError(nodeError, secretsOf(credentials));
}

/**
 * A call made in code (Create or Update, the editor's contact list) with the
 * credential's auth, answered like a routed one. `request` carries baseURL,
 * url, method, qs, body and any Request Options.
 */
export async function liveDeskRequest<T = IDataObject>(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	itemIndex: number,
	request: IHttpRequestOptions,
	retry = true,
): Promise<T> {
	const send = async () =>
		acceptAnswer(
			(await context.helpers.httpRequestWithAuthentication.call(context, 'liveDeskApi', {
				...request,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse,
		);
	try {
		return (await sendWithRetries(context, itemIndex, request, send, retry)).body as T;
	} catch (error) {
		throw await secretFreeError(context, error);
	}
}

/**
 * Every output item names the input item it came from, also when one input
 * gives several results (lists) or none; with Continue On Fail a failure
 * becomes that input's error item instead of stopping the node.
 */
export async function pairedWithItem(
	context: IExecuteSingleFunctions,
	produce: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const pairedItem = { item: context.getItemIndex() };
	try {
		return (await produce()).map((item) => ({ ...item, pairedItem }));
	} catch (error) {
		const nodeError = await secretFreeError(context, error);
		if (!context.continueOnFail()) throw nodeError;
		return [{ json: {}, error: nodeError, pairedItem }];
	}
}

/**
 * The node's requestOperations.pagination. n8n's routing hands it each item's
 * finished request (after every preSend) and the engine's own way to send it,
 * so this is the supported place that may send a request again: after a 429.
 * Lists replace it with a function of their own that also pages.
 */
export async function sendRoutedRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await pairedWithItem(this, async () =>
		await sendWithRetries(this, this.getItemIndex(), requestData.options as IHttpRequestOptions, async () =>
			await this.makeRoutingRequest(requestData),
		),
	);
}
