import type { IDataObject, INode, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a user can do about each status LiveDesk answers with. */
const ADVICE_BY_STATUS: Record<number, string> = {
	400: 'LiveDesk could not read the request. Check the fields of this item.',
	401: 'Check the API key and secret in the LiveDesk credential (Project Settings → API Management → API Key).',
	403: 'The API key is valid but may not do this. Check the key’s permissions in the LiveDesk console.',
	404: 'Check that the ID exists in this LiveDesk project and that the Base URL is the host only, without /api/v2/accounts.',
	422: 'LiveDesk rejected a field value. Correct the field it names and run again.',
	429: 'LiveDesk is rate limiting this key. Turn on Batching under Options to space the requests out.',
};

const SERVER_FAULT_ADVICE =
	'LiveDesk had a server problem. Try again later; turn on Retry On Fail in the node settings for unattended runs.';

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
		if (typeof value === 'string' && value) return withDetails(value, data);
		if (value && typeof value === 'object') {
			const nested = extractApiMessage(value);
			if (nested) return nested;
		}
	}
	return undefined;
}

function withDetails(message: string, data: IDataObject): string {
	const details = [data.attributes, data.errors]
		.filter((list): list is unknown[] => Array.isArray(list) && list.length > 0)
		.map((list) => list.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join(', '));
	return details.length ? `${message} (${details.join('; ')})` : message;
}

export function adviceFor(statusCode: number): string {
	return ADVICE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? SERVER_FAULT_ADVICE : 'Check the request fields.');
}

export function isSuccess(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** The error a user sees for a non-2xx answer: status, LiveDesk's own words, and what to do. */
export function buildApiError(
	node: INode,
	response: IN8nHttpFullResponse,
	itemIndex: number,
	context?: string,
): NodeApiError {
	const { statusCode } = response;
	const apiMessage = extractApiMessage(response.body);
	const subject = context ? `${context}: ` : '';
	const message = `${subject}LiveDesk answered ${statusCode}${apiMessage ? ` – ${apiMessage}` : ''}`;
	return new NodeApiError(node, { statusCode, body: bodyForContext(response.body) } as JsonObject, {
		message,
		description: adviceFor(statusCode),
		httpCode: String(statusCode),
		itemIndex,
	});
}

function bodyForContext(body: unknown): IDataObject | string | null {
	if (typeof body === 'string') return body.slice(0, 500);
	return body && typeof body === 'object' ? (body as IDataObject) : null;
}
