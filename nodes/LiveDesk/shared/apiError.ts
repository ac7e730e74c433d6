import type { IDataObject, IHttpRequestOptions, INode, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { labelOf } from './fieldLabels';
import { MAX_RETRY_AFTER_SECONDS, retryAfterSeconds, type RateLimitOutcome } from './rateLimit';

const CREDENTIAL_HINT = 'LiveDesk console → Project Settings → API Management → API Key';

/** LiveDesk answers in several Chatwoot-style error shapes; this finds the human text in any of them. */
export function extractApiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		return text ? text.slice(0, 200) : undefined;
	}
	if (!body || typeof body !== 'object') return undefined;
	const data = body as IDataObject;
	for (const key of ['message', 'error', 'description'] as const) {
		const value = data[key];
		if (typeof value === 'string' && value) return value;
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const nested = extractApiMessage(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

/** The fields LiveDesk blamed, as the labels the user sees. */
function blamedFields(body: unknown): string[] {
	if (!body || typeof body !== 'object') return [];
	const { attributes, errors } = body as IDataObject;
	const names = [attributes, errors]
		.filter((list): list is unknown[] => Array.isArray(list))
		.flat()
		.map((entry) => (typeof entry === 'string' ? entry : (entry as IDataObject)?.field))
		.filter((name): name is string => typeof name === 'string' && name.length > 0);
	return [...new Set(names.map(labelOf))];
}

/** "Conversation ID 999" etc.: what a 404 may be about, read from the request that was sent. */
function idsInRequest(request: IHttpRequestOptions | undefined): string[] {
	if (!request) return [];
	const ids: string[] = [];
	const path = /\/(contacts|conversations)\/(\d+)/.exec(request.url);
	if (path) ids.push(`${path[1] === 'contacts' ? 'Contact ID' : 'Conversation ID'} ${path[2]}`);
	const body = (request.body ?? {}) as IDataObject;
	for (const key of ['contact_id', 'inbox_id']) {
		if (body[key] !== undefined) ids.push(`${labelOf(key)} ${String(body[key])}`);
	}
	const replyTo = (body.content_attributes as IDataObject | undefined)?.in_reply_to;
	if (replyTo !== undefined) ids.push(`In Reply To ${String(replyTo)}`);
	return ids;
}

function adviceFor(
	node: INode,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
	rateLimit?: RateLimitOutcome,
): string {
	const { statusCode } = response;
	switch (statusCode) {
		case 401:
			return `Check the API Key and API Secret in the LiveDesk credential (${CREDENTIAL_HINT}).`;
		case 403:
			return `The API key is valid but may not do this. Check its permissions in the ${CREDENTIAL_HINT} page.`;
		case 404: {
			const ids = idsInRequest(request);
			if (!ids.length) {
				const call = request ? ` ${request.method ?? 'GET'} ${request.url}` : '';
				return `LiveDesk has no such call${call} at this Base URL. Check that the Base URL is the API host only, e.g. https://livedesk-api.engagelab.com.`;
			}
			const subject = `${ids.join(', ')}: check that ${ids.length > 1 ? 'these exist' : 'it exists'}`;
			return `${subject} in the LiveDesk project of this credential, and that the Base URL is the API host only.`;
		}
		case 422: {
			const fields = blamedFields(response.body);
			const fix = fields.length
				? `Correct ${fields.join(', ')} for this item and run again.`
				: 'LiveDesk rejected a field value. Correct the field its message names and run again.';
			// A contact that already exists is the usual 422 of a re-run; the upsert is the way out.
			const taken = /already been taken/i.test(extractApiMessage(response.body) ?? '');
			if (!taken) return fix;
			return node.parameters.operation === 'upsert'
				? `${fix} Another contact already has this value: one created at the same moment by another execution (run the item again to update it), or one that matches on a field other than Match By.`
				: `${fix} To reuse the existing contact instead, use Contact → Create or Update.`;
		}
		case 429:
			return rateLimitAdvice(response, rateLimit);
		default:
			return statusCode >= 500
				? 'LiveDesk had a server problem. Try again later; for unattended runs turn on Retry On Fail in the node settings.'
				: 'Check the fields of this item.';
	}
}

function rateLimitAdvice(response: IN8nHttpFullResponse, outcome?: RateLimitOutcome): string {
	const asked = retryAfterSeconds(response.headers);
	const batching = 'Space the requests out in the node’s Settings tab: Request Options → Batching (fewer Items per Batch, a longer Batch Interval).';
	if (outcome && outcome.retries > 0) {
		return `LiveDesk's Retry-After was honoured: waited ${outcome.waitedSeconds} s in total over ${outcome.retries} retries, and it was still rate limited. ${batching}`;
	}
	if (asked !== undefined && asked > MAX_RETRY_AFTER_SECONDS) {
		return `LiveDesk asked to wait ${asked} s (Retry-After), longer than the node waits within one item (${MAX_RETRY_AFTER_SECONDS} s). ${batching}`;
	}
	return `LiveDesk is rate limiting this API key. ${batching}`;
}

/** The error a user sees for a non-2xx answer: status, LiveDesk's own words, and what to do. */
export function buildApiError(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions | undefined,
	rateLimit?: RateLimitOutcome,
): NodeApiError {
	const { statusCode } = response;
	const apiMessage = extractApiMessage(response.body);
	const message = `LiveDesk answered ${statusCode}${apiMessage ? `: ${apiMessage}` : ''}`;
	const body = typeof response.body === 'string' ? response.body.slice(0, 500) : (response.body as IDataObject);
	return new NodeApiError(node, { statusCode, body } as JsonObject, {
		message,
		description: adviceFor(node, response, request, rateLimit),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** A 2xx answer that is not JSON means the Base URL points at something other than the API. */
export function buildNotJsonError(node: INode, itemIndex: number, response: IN8nHttpFullResponse): NodeApiError {
	const preview = extractApiMessage(response.body) ?? 'an empty body';
	return new NodeApiError(node, { statusCode: response.statusCode } as JsonObject, {
		message: `LiveDesk answered ${response.statusCode} but not with JSON: ${preview}`,
		description:
			'The Base URL in the LiveDesk credential probably points at a web page, not the API. Use the API host only, e.g. https://livedesk-api.engagelab.com.',
		httpCode: String(response.statusCode),
		itemIndex,
	});
}
