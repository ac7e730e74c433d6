import type { IExecuteSingleFunctions, IHttpRequestOptions, INode, IN8nHttpFullResponse } from 'n8n-workflow';
import { buildApiError, buildNotJsonError } from './apiError';
import { retryAfterRateLimit, type RateLimitOutcome } from './rateLimit';

/**
 * A failure, or a success that is not JSON, becomes the error a user sees:
 * LiveDesk's status, its own message and what to do.
 */
export function checkedAnswer(
	node: INode,
	itemIndex: number,
	answer: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
	rateLimit?: RateLimitOutcome,
): IN8nHttpFullResponse {
	if (answer.statusCode < 200 || answer.statusCode >= 300) {
		throw buildApiError(node, itemIndex, answer, request, rateLimit);
	}
	if (answer.body === null || typeof answer.body !== 'object') {
		throw buildNotJsonError(node, itemIndex, answer);
	}
	return answer;
}

/**
 * LiveDesk's calls are sent with ignoreHttpStatusErrors, so that every answer
 * arrives here with LiveDesk's own body: a 429 is waited out and the request
 * repeated, then the answer is checked. What comes back is the answer the
 * item goes on with.
 */
export async function acceptedAnswer(
	context: IExecuteSingleFunctions,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
): Promise<IN8nHttpFullResponse> {
	if (response.statusCode !== 429) return checkedAnswer(context.getNode(), context.getItemIndex(), response, request);
	const rateLimit = await retryAfterRateLimit(context, response, request);
	return checkedAnswer(context.getNode(), context.getItemIndex(), rateLimit.response, request, rateLimit);
}
