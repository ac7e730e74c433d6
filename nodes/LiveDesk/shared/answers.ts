import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { buildApiError, buildNotJsonError } from './apiError';
import { retryAfterRateLimit, type RateLimitOutcome } from './rateLimit';

/**
 * LiveDesk's calls are sent with ignoreHttpStatusErrors, so that every answer
 * arrives here with LiveDesk's own body: a 429 is waited out and the request
 * repeated; any other failure, or a success that is not JSON, becomes the
 * error a user sees. What comes back is the answer the item goes on with.
 */
export async function acceptedAnswer(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
): Promise<IN8nHttpFullResponse> {
	let answer = response;
	let rateLimit: RateLimitOutcome | undefined;
	if (response.statusCode === 429) {
		rateLimit = await retryAfterRateLimit(context, response, request);
		answer = rateLimit.response;
	}
	if (answer.statusCode < 200 || answer.statusCode >= 300) {
		throw buildApiError(context.getNode(), context.getItemIndex(), answer, request, rateLimit);
	}
	if (answer.body === null || typeof answer.body !== 'object') {
		throw buildNotJsonError(context.getNode(), context.getItemIndex(), answer);
	}
	return answer;
}
