import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import {
	asNodeError,
	failedAnswerError,
	incompleteCredentialError,
	type RateLimitWaits,
} from './errors';
import { accountKey } from './customerLock';
import type { ItemFunctions } from './perItem';
import { maskError, secretsOf, type CredentialSecrets } from '../../shared/masking';
import { MAX_PAUSE_SECONDS, PacedAccount, retryAfterSeconds } from '../../shared/pacer';

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
	if (!success || response.body === null || typeof response.body !== 'object')
		throw new FailedAnswer(response);
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

/**
 * How an item meets a rate limit. Every request goes through its account's pacer
 * (nodes/shared/pacer.ts), which learns from 429s how fast LiveDesk admits requests and lets the account's requests
 * through at that pace, pausing them all for a Retry-After. A 429 means the request was not
 * processed, so it is sent again when its turn comes; no other failure is repeated, so a write
 * is never made twice. A Retry-After over 60 s is not waited out (that is a quota, left to
 * Batching or a later run), and an item gives up after being refused 10 times.
 */
const RETRY_AFTER_LIMIT_SECONDS = MAX_PAUSE_SECONDS;
const MAX_RATE_LIMIT_RETRIES = 10;

type SendingContext = IExecuteSingleFunctions | ItemFunctions | ILoadOptionsFunctions;

async function hasIncompleteCredential(context: SendingContext): Promise<boolean> {
	const credentials = await context.getCredentials<{ apiKey?: string; apiSecret?: string }>(
		'liveDeskApi',
	);
	const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
	return blank(credentials.apiKey) || blank(credentials.apiSecret);
}

/**
 * The account a request belongs to, for the pacer. The key is read from the credential only
 * once the API has answered 429 in this process: n8n decrypts (and in a server, loads) a
 * credential on each getCredentials, which an unlimited run should not pay per item.
 */
function pacedAccount(context: SendingContext, request: IHttpRequestOptions): PacedAccount {
	return new PacedAccount(
		String(request.baseURL ?? request.url),
		async () => (await context.getCredentials<{ apiKey?: string }>('liveDeskApi')).apiKey,
	);
}

/**
 * Sends (with `send`) until LiveDesk answers with a success: each attempt waits its account's
 * turn, a 429 is answered by sending again, any other failure becomes the error the user sees.
 * Failures without an answer (refused, timeout) pass through as n8n names them. Cancelling the
 * execution ends a wait. `retry` false (the editor's lists) sends once, ahead of any run's queue.
 */
export async function sendWithRetries<T>(
	context: SendingContext,
	itemIndex: number,
	request: IHttpRequestOptions,
	send: () => Promise<T>,
	retry = true,
): Promise<T> {
	const waits: RateLimitWaits = {
		retries: 0,
		waitedMs: 0,
		retryAfterLimitSeconds: RETRY_AFTER_LIMIT_SECONDS,
	};
	// n8n-workflow 1.x has no cancel signal; 2.x aborts it when the execution is cancelled.
	const signal =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const account = pacedAccount(context, request);
	const node = context.getNode();
	let refused: IN8nHttpFullResponse | undefined;
	for (;;) {
		const queued = Date.now();
		try {
			await account.turn({ signal, first: !retry });
		} catch (error) {
			if (refused) throw failedAnswerError(node, itemIndex, refused, request, waits);
			throw asNodeError(node, error);
		}
		if (refused) waits.waitedMs += Date.now() - queued;
		let result: T;
		try {
			result = await send();
		} catch (error) {
			if (!(error instanceof FailedAnswer)) {
				await account.answered({ kind: 'other' });
				throw asNodeError(node, error);
			}
			const { response } = error;
			const limited = response.statusCode === 429;
			const asked = limited ? retryAfterSeconds(response.headers) : undefined;
			await account.answered(
				limited ? { kind: 'limited', retryAfterSeconds: asked } : { kind: 'other' },
			);
			if (response.statusCode === 401 && (await hasIncompleteCredential(context))) {
				throw incompleteCredentialError(node, itemIndex);
			}
			waits.retryAfterSeconds = asked;
			const repeat =
				limited &&
				retry &&
				waits.retries < MAX_RATE_LIMIT_RETRIES &&
				(asked ?? 0) <= RETRY_AFTER_LIMIT_SECONDS;
			if (!repeat) throw failedAnswerError(node, itemIndex, response, request, waits);
			waits.retries += 1;
			refused = response;
			continue;
		}
		await account.answered({ kind: 'admitted' });
		return result;
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
 * A call made in code (the item programs such as Create or Update, the editor's contact list) with the
 * credential's auth, answered like a routed one. `request` carries baseURL,
 * url, method, qs, body and any Request Options.
 */
export async function liveDeskRequest<T = IDataObject>(
	context: ItemFunctions | ILoadOptionsFunctions,
	itemIndex: number,
	request: IHttpRequestOptions,
	retry = true,
): Promise<T> {
	const options: IHttpRequestOptions = {
		...request,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	// n8n's helper reads the credential through `this`, so it is called on the context it belongs to.
	const answer = async (): Promise<unknown> =>
		'continueOnFail' in context
			? await context.helpers.httpRequestWithAuthentication.call(context, 'liveDeskApi', options)
			: await context.helpers.httpRequestWithAuthentication.call(context, 'liveDeskApi', options);
	const send = async () => acceptAnswer((await answer()) as IN8nHttpFullResponse);
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
 * The node's 429 retry, declared as its requestOperations.pagination (LiveDesk.node.ts). n8n's
 * routing hands it each item's finished request (after every preSend) and the engine's own way to
 * send it, so this is the supported place that may send a request again: after a 429. Get Many,
 * Search and the ticket operations replace it with hooks of their own that call the same loop.
 */
export async function retryAfter429(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await pairedWithItem(
		this,
		async () =>
			await sendWithRetries(
				this,
				this.getItemIndex(),
				requestData.options as IHttpRequestOptions,
				async () => await this.makeRoutingRequest(requestData),
			),
	);
}

/** n8n's default for routed requests, which the calls made in code share. */
const DEFAULT_TIMEOUT_MS = 300_000;

export type RequestBase = Pick<
	IHttpRequestOptions,
	'baseURL' | 'timeout' | 'skipSslCertificateValidation' | 'proxy'
>;

/** The node's Request Options (Settings tab), as n8n's routing applies them to the other operations. */
export function requestBase(context: ItemFunctions, baseUrl: unknown): RequestBase {
	const { timeout, allowUnauthorizedCerts, proxy } = context.getNodeParameter(
		'requestOptions',
		0,
		{},
	) as IDataObject;
	const base: RequestBase = {
		baseURL: apiBaseUrl(baseUrl),
		timeout: Number(timeout) || DEFAULT_TIMEOUT_MS,
	};
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

/** What all items of a run share: the Request Options and the account (for the customer lock), the credential read once. */
export interface Connection {
	base: RequestBase;
	account: string;
}

export async function readConnection(context: ItemFunctions): Promise<Connection> {
	const credentials = await context.getCredentials<{ baseUrl?: string; apiKey?: string }>(
		'liveDeskApi',
	);
	const base = requestBase(context, credentials.baseUrl);
	return { base, account: accountKey(String(base.baseURL), credentials.apiKey) };
}
