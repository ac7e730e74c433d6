import type {
	IDataObject,
	IHttpRequestOptions,
	INode,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { invalidInput, labelOf } from './validation';

const CREDENTIAL_HINT = 'LiveDesk console → Project Settings → API Management → API Key';
const BATCHING_ADVICE =
	'Space the requests out in the node’s Settings tab: Request Options → Batching (fewer Items per Batch, a longer Batch Interval).';

/** How the node tried to outlast a 429 before it gave up; shown in the error's advice. */
export interface RateLimitWaits {
	retries: number;
	waitedMs: number;
	/** The last Retry-After LiveDesk sent, in seconds, if it sent one. */
	retryAfterSeconds?: number;
	/** Retry-After waits longer than this are not sat out inside one item. */
	retryAfterLimitSeconds: number;
}

/** LiveDesk answers in several Chatwoot-style error shapes; this finds the human text in any of them. */
export function extractApiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
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

const PATH_ID_LABELS: Record<string, string> = {
	contacts: 'Contact ID',
	conversations: 'Conversation ID',
	tickets: 'Ticket ID',
};

/** "Conversation ID 999" etc.: what a 404 may be about, read from the request that was sent. */
function idsInRequest(request: IHttpRequestOptions): string[] {
	const ids: string[] = [];
	// Ticket ids are text, URL-encoded in the path; the others are numbers.
	const path = /\/(contacts|conversations)\/(\d+)|\/(tickets)\/([^/?]+)/.exec(request.url);
	if (path?.[1]) ids.push(`${PATH_ID_LABELS[path[1]]} ${path[2]}`);
	if (path?.[3]) ids.push(`${PATH_ID_LABELS[path[3]]} ${decodeURIComponent(path[4])}`);
	const body = (request.body ?? {}) as IDataObject;
	for (const key of ['contact_id', 'inbox_id']) {
		if (body[key] !== undefined) ids.push(`${labelOf(key)} ${String(body[key])}`);
	}
	const replyTo = (body.content_attributes as IDataObject | undefined)?.in_reply_to;
	if (replyTo !== undefined) ids.push(`In Reply To ${String(replyTo)}`);
	return ids;
}

function notFoundAdvice(request: IHttpRequestOptions): string {
	const ids = idsInRequest(request);
	if (!ids.length) {
		return `LiveDesk has no such call (${request.method ?? 'GET'} ${request.url}) at this Base URL. Check that the Base URL is the API host only, e.g. https://livedesk-api.engagelab.com.`;
	}
	const subject = `${ids.join(', ')}: check that ${ids.length > 1 ? 'these exist' : 'it exists'}`;
	return `${subject} in the LiveDesk project of this credential, and that the Base URL is the API host only.`;
}

function invalidFieldAdvice(node: INode, body: unknown): string {
	const fields = blamedFields(body);
	const fix = fields.length
		? `Correct ${fields.join(', ')} for this item and run again.`
		: 'LiveDesk rejected a field value. Correct the field its message names and run again.';
	// A contact that already exists is the usual 422 of a re-run; the upsert is the way out.
	if (!/already been taken/i.test(extractApiMessage(body) ?? '')) return fix;
	return node.parameters.operation === 'upsert'
		? `${fix} Another contact already has this value: one created at the same moment by another execution (run the item again to update it), or one that matches on a field other than Match By.`
		: `${fix} To reuse the existing contact instead, use Contact → Create or Update.`;
}

function rateLimitAdvice(node: INode, waits: RateLimitWaits): string {
	const seconds = Math.round(waits.waitedMs / 100) / 10;
	// Create or Update already sends one request at a time; Batching would not change its pace.
	const pacing =
		node.parameters.operation === 'upsert'
			? 'Run the workflow again later, or with fewer items at a time.'
			: BATCHING_ADVICE;
	const asked = waits.retryAfterSeconds;
	if (asked !== undefined && asked > waits.retryAfterLimitSeconds) {
		return `LiveDesk asked to wait ${asked} s (Retry-After), longer than the node waits within one item (${waits.retryAfterLimitSeconds} s). ${pacing}`;
	}
	if (waits.retries === 0) return `LiveDesk is rate limiting this API key. ${pacing}`;
	const how =
		asked === undefined
			? 'Backed off (LiveDesk sent no Retry-After)'
			: "LiveDesk's Retry-After was honoured";
	return `${how}: waited ${seconds} s in total over ${waits.retries} retries, and it was still rate limited. ${pacing}`;
}

function adviceFor(
	node: INode,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions,
	waits: RateLimitWaits,
): string {
	const { statusCode } = response;
	if (statusCode === 401)
		return `Check the API Key and API Secret in the LiveDesk credential (${CREDENTIAL_HINT}).`;
	if (statusCode === 403)
		return `The API key is valid but may not do this. Check its permissions in the ${CREDENTIAL_HINT} page.`;
	if (statusCode === 404) return notFoundAdvice(request);
	if (statusCode === 422) return invalidFieldAdvice(node, response.body);
	if (statusCode === 429) return rateLimitAdvice(node, waits);
	return statusCode >= 500
		? 'LiveDesk had a server problem. Try again later; for unattended runs turn on Retry On Fail in the node settings.'
		: 'Check the fields of this item.';
}

/**
 * The `code` of LiveDesk's {code, message, data} envelope (the ticket calls), 0 meaning success;
 * undefined when the answer has none (the Chatwoot-style calls).
 */
export function answerCode(body: unknown): number | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const code = (body as IDataObject).code;
	if (typeof code === 'number') return code;
	return typeof code === 'string' && /^-?\d+$/.test(code.trim()) ? Number(code) : undefined;
}

/** A 2xx whose envelope code is not 0: LiveDesk refused the request although HTTP says success. */
function refusedAnswerError(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions,
	code: number,
): NodeApiError {
	const { statusCode } = response;
	const apiMessage = extractApiMessage(response.body);
	const ids = idsInRequest(request);
	const what = ids.length
		? `${ids.join(', ')} and the fields of this item`
		: 'the fields of this item';
	return new NodeApiError(node, { statusCode, body: response.body as IDataObject } as JsonObject, {
		message: `LiveDesk answered code ${code}${apiMessage ? `: ${apiMessage}` : ''}`,
		description: `LiveDesk refused the request (HTTP ${statusCode}, code ${code}). Check ${what} against LiveDesk’s message, correct them and run again.`,
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * The error a user sees for an answer that is not a success: LiveDesk's
 * status (and envelope code, where it sends one), its own words and what to
 * do. A 2xx that is not JSON means the Base URL points at something other
 * than the API; a 2xx with a code other than 0 is a refusal.
 */
export function failedAnswerError(
	node: INode,
	itemIndex: number,
	response: IN8nHttpFullResponse,
	request: IHttpRequestOptions,
	waits: RateLimitWaits,
): NodeApiError {
	const { statusCode } = response;
	const httpCode = String(statusCode);
	const code = answerCode(response.body);
	if (statusCode >= 200 && statusCode < 300) {
		if (code !== undefined && code !== 0)
			return refusedAnswerError(node, itemIndex, response, request, code);
		const preview = extractApiMessage(response.body) ?? 'an empty body';
		return new NodeApiError(node, { statusCode } as JsonObject, {
			message: `LiveDesk answered ${statusCode} but not with JSON: ${preview}`,
			description:
				'The Base URL in the LiveDesk credential probably points at a web page, not the API. Use the API host only, e.g. https://livedesk-api.engagelab.com.',
			httpCode,
			itemIndex,
		});
	}
	const apiMessage = extractApiMessage(response.body);
	const body =
		typeof response.body === 'string'
			? response.body.slice(0, 500)
			: (response.body as IDataObject);
	return new NodeApiError(node, { statusCode, body } as JsonObject, {
		message: `LiveDesk answered ${statusCode}${code === undefined ? '' : ` (code ${code})`}${apiMessage ? `: ${apiMessage}` : ''}`,
		description: adviceFor(node, response, request, waits),
		httpCode,
		itemIndex,
	});
}

/** Errors leave the node as n8n's own kinds; those that already are pass unchanged. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}

/** What a 401 means when the credential itself has no key or secret to send. */
export function incompleteCredentialError(node: INode, itemIndex: number): NodeOperationError {
	return invalidInput(
		node,
		itemIndex,
		'The LiveDesk credential has an empty API Key or API Secret',
		`Open the credential and paste both from the ${CREDENTIAL_HINT} page.`,
	);
}
