import type { IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { FIELD_LABELS } from './fieldLabels';
import { parseId } from './validation';

/**
 * Ids that go into the path are validated here and the URL built in code
 * rather than by an expression, so a bad id never reaches LiveDesk and no
 * extra expression is evaluated for every item.
 */
export function routeToConversation(suffix: 'messages' | 'toggle_status'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const conversationId = parseId(this, this.getNodeParameter('conversationId'), FIELD_LABELS.conversation_id);
		requestOptions.url = `/conversations/${conversationId}/${suffix}`;
		return requestOptions;
	};
}

export async function routeToContact(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const contactId = parseId(this, this.getNodeParameter('contactId', undefined, { extractValue: true }), FIELD_LABELS.contact_id);
	requestOptions.url = `/contacts/${contactId}`;
	return requestOptions;
}
