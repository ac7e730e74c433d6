import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { acceptedAnswer } from './answers';
import { notePageReceived, requestAsSent } from './pagination';
import { recallRequest } from './sentRequests';
import { endUpsertTurn } from './upsertTurns';

/**
 * Runs first on every answer (see acceptedAnswer). After a repeated request,
 * its answer replaces the 429's items.
 */
export async function throwOnErrorStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	try {
		const sent = recallRequest(this);
		const answer = await acceptedAnswer(this, response, sent && requestAsSent(this, sent));
		notePageReceived(this, answer.body);
		if (answer === response) return items;
		// The engine decides whether to ask for another page from the response object it holds,
		// so the answer to the repeated request takes the 429's place in it.
		Object.assign(response, {
			body: answer.body,
			headers: answer.headers,
			statusCode: answer.statusCode,
			statusMessage: answer.statusMessage,
		});
		return [{ json: answer.body as IDataObject }];
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
