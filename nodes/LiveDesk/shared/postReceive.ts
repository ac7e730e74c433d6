import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { buildApiError, isSuccess } from './apiError';

/**
 * Requests are sent with ignoreHttpStatusErrors so that a failed call reaches
 * this hook with LiveDesk's own body; here it becomes an error that names the
 * status, LiveDesk's message and what to do.
 */
export async function throwOnErrorStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (isSuccess(response.statusCode)) return items;
	throw buildApiError(this.getNode(), response, this.getItemIndex());
}

/**
 * Create Contact answers {payload: {contact, contact_inbox}}. The contact is
 * lifted to the top so `{{ $json.id }}` is the contact id in the next step.
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
