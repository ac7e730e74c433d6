import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { parseId } from './ids';

/** Body keys that carry LiveDesk ids, with the field label a user sees in the node. */
const ID_FIELD_LABELS: Record<string, string> = {
	inbox_id: 'Inbox ID',
	contact_id: 'Contact ID',
};

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Sends only what the user filled in (an optional field left empty must not
 * overwrite data in LiveDesk) and turns every id into a validated JSON number.
 */
export async function normalizeBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = (requestOptions.body ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(body)) {
		if (isEmpty(value)) delete body[key];
	}
	for (const [key, label] of Object.entries(ID_FIELD_LABELS)) {
		if (key in body) body[key] = parseId(this, body[key], label);
	}
	const attributes = body.content_attributes as IDataObject | undefined;
	if (attributes && 'in_reply_to' in attributes) {
		attributes.in_reply_to = parseId(this, attributes.in_reply_to, 'In Reply To');
	}
	requestOptions.body = body;
	return requestOptions;
}

/**
 * The conversation id goes into the path. It is validated here and the URL
 * built in code rather than by an expression, so a bad id never reaches
 * LiveDesk and no extra expression is evaluated for every item.
 */
export async function routeToConversationMessages(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const conversationId = parseId(this, this.getNodeParameter('conversationId'), 'Conversation ID');
	requestOptions.url = `/conversations/${conversationId}/messages`;
	return requestOptions;
}
