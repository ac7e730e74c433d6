import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { buildApiError, buildNotJsonError } from './apiError';
import { notePageReceived, requestAsSent } from './pagination';
import { retryAfterRateLimit, type RateLimitOutcome } from './rateLimit';
import { recallRequest } from './sentRequests';
import { endUpsertTurn } from './upsertTurns';

function isSuccess(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/**
 * Requests are sent with ignoreHttpStatusErrors so that a failed call reaches
 * this hook with LiveDesk's own body: a 429 is retried after Retry-After, and
 * any other failure becomes an error naming the status, LiveDesk's message
 * and what to do.
 */
export async function throwOnErrorStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	try {
		let final = response;
		let rateLimit: RateLimitOutcome | undefined;
		const sent = recallRequest(this);
		if (response.statusCode === 429) {
			rateLimit = await retryAfterRateLimit(this, response, sent && requestAsSent(this, sent));
			final = rateLimit.response;
		}
		if (!isSuccess(final.statusCode)) {
			throw buildApiError(this.getNode(), this.getItemIndex(), final, sent, rateLimit);
		}
		if (final.body === null || typeof final.body !== 'object') {
			throw buildNotJsonError(this.getNode(), this.getItemIndex(), final);
		}
		notePageReceived(this, final.body);
		if (final === response) return items;
		// The engine decides whether to ask for another page from the response object it holds,
		// so the answer to the repeated request takes the 429's place in it.
		Object.assign(response, {
			body: final.body,
			headers: final.headers,
			statusCode: final.statusCode,
			statusMessage: final.statusMessage,
		});
		return [{ json: final.body as IDataObject }];
	} finally {
		// LiveDesk has answered this item's last try: a Create or Update item for the same
		// contact may now search, and will find what this one wrote.
		endUpsertTurn(this);
	}
}

/**
 * Contact calls answer {payload: {contact, contact_inbox}} (create) or
 * {payload: contact} (update). The contact is lifted to the top so
 * `{{ $json.id }}` is the contact id in the next step.
 */
export async function unwrapContact(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const payload = (item.json.payload ?? {}) as IDataObject;
		const contact = (payload.contact ?? payload) as IDataObject;
		const json: IDataObject = { ...contact };
		if (payload.contact_inbox !== undefined) json.contact_inbox = payload.contact_inbox;
		return { ...item, json };
	});
}

/** toggle_status answers {payload: {conversation_id, current_status}}; `id` stays the conversation's, for chaining. */
export async function unwrapStatusChange(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const payload = (item.json.payload ?? {}) as IDataObject;
		return {
			...item,
			json: {
				id: payload.conversation_id,
				status: payload.current_status,
				snoozed_until: payload.snoozed_until ?? null,
				success: payload.success ?? true,
			},
		};
	});
}
