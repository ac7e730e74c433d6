import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { sendToLiveDesk } from './send';

/** Waits longer than this are not sat out inside one item; the error says how long LiveDesk asked for. */
export const MAX_RETRY_AFTER_SECONDS = 60;
export const MAX_RATE_LIMIT_RETRIES = 3;

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110). */
export function retryAfterSeconds(headers: IDataObject, now = Date.now()): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface RateLimitOutcome {
	response: IN8nHttpFullResponse;
	retries: number;
	waitedSeconds: number;
}

/**
 * LiveDesk answers 429 with an optional Retry-After. The request is repeated
 * after the time it names, a few times at most, so a short burst over the limit
 * does not fail the item; longer waits are left to the user (Batching).
 */
export async function retryAfterRateLimit(
	context: IExecuteSingleFunctions,
	first: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
): Promise<RateLimitOutcome> {
	let response = first;
	let retries = 0;
	let waitedSeconds = 0;
	while (request && response.statusCode === 429 && retries < MAX_RATE_LIMIT_RETRIES) {
		const wait = retryAfterSeconds(response.headers);
		if (wait === undefined || wait > MAX_RETRY_AFTER_SECONDS) break;
		// Cancelling the execution ends the wait (n8n-workflow 1.x's sleep ignores the signal).
		await sleep(wait * 1000, context.getExecutionCancelSignal());
		waitedSeconds += wait;
		retries += 1;
		response = await sendToLiveDesk(context, request);
	}
	return { response, retries, waitedSeconds };
}
