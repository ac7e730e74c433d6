import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { isBlank, withoutBlanks } from '../../shared/utilities';
import { checkBaseUrl, checkEmail, parseId } from './validation';

/* preSend and postReceive hooks that several resources route through. */

const ID_KEYS = ['inbox_id', 'contact_id'] as const;

/**
 * The operations whose routing hook runs a program (shared/perItem.ts). perItem checks the Base URL
 * before each item, inside that item's error handling, so a failing item looks the same as under
 * the custom operation.
 */
const PROGRAM_OPERATIONS = new Set([
	'contact.upsert',
	'conversation.getOrCreate',
	'message.sendToContact',
]);

/** Runs first for every operation: a Base URL that cannot work is reported plainly instead of as a failed request. */
export async function requireHttpBaseUrl(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const operation = `${String(this.getNodeParameter('resource'))}.${String(this.getNodeParameter('operation'))}`;
	if (!PROGRAM_OPERATIONS.has(operation))
		checkBaseUrl(this.getNode(), this.getItemIndex(), requestOptions.baseURL);
	return requestOptions;
}

/**
 * Ids become validated JSON numbers, an email must look like one, and only
 * what the user filled in is sent: an optional field left empty must not
 * overwrite data in LiveDesk.
 */
export async function normalizeBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const body = (requestOptions.body ?? {}) as IDataObject;
	for (const key of ID_KEYS) {
		if (key in body) body[key] = parseId(node, itemIndex, body[key], key);
	}
	const attributes = body.content_attributes as IDataObject | undefined;
	// In Reply To starts at 0 when added: left there, it means "not a reply", as an empty field would.
	if (attributes && (attributes.in_reply_to === 0 || isBlank(attributes.in_reply_to))) {
		delete attributes.in_reply_to;
		if (Object.keys(attributes).length === 0) delete body.content_attributes;
	} else if (attributes && 'in_reply_to' in attributes) {
		attributes.in_reply_to = parseId(node, itemIndex, attributes.in_reply_to, 'in_reply_to');
	}
	requestOptions.body = withoutBlanks(body);
	if ('email' in body) body.email = checkEmail(node, itemIndex, body.email);
	return requestOptions;
}

/**
 * Ids that go into the path are validated here and the URL built in code
 * rather than by an expression, so a bad id never reaches LiveDesk and no
 * extra expression is evaluated for every item.
 */
export function routeToConversation(suffix: 'messages' | 'toggle_status'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const id = parseId(
			this.getNode(),
			this.getItemIndex(),
			this.getNodeParameter('conversationId'),
			'conversation_id',
		);
		requestOptions.url = `/conversations/${id}/${suffix}`;
		return requestOptions;
	};
}

/** LiveDesk objects carry dozens of fields; Simplify keeps those a workflow usually needs next. */
export type Simplifier = (json: IDataObject) => IDataObject;

export function simplifyWith(simplify: Simplifier): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
		return items.map((item) => ({ ...item, json: simplify(item.json) }));
	};
}
