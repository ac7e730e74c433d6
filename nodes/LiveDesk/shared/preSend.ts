import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { FIELD_LABELS } from './fieldLabels';
import { rememberRequest } from './sentRequests';
import { checkEmail, invalidInput, parseId } from './validation';

const ID_KEYS = ['inbox_id', 'contact_id'] as const;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Runs first for every operation: a credential that cannot work is reported
 * once, plainly, instead of as a failed request. The credential is the node's,
 * the same for every item, so its fields are read with the first item only
 * (reading them costs a credential look-up in n8n). The request object is
 * remembered here; later hooks change it in place, so it is the one sent.
 */
export async function checkCredentialAndRemember(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getItemIndex() === 0) {
		const credentials = await this.getCredentials<{ apiKey?: string; apiSecret?: string }>('liveDeskApi');
		if (isBlank(credentials.apiKey) || isBlank(credentials.apiSecret)) {
			throw invalidInput(
				this,
				'The LiveDesk credential has an empty API Key or API Secret',
				'Open the credential and paste both from the LiveDesk console: Project Settings → API Management → API Key.',
			);
		}
	}
	if (!/^https?:\/\/[^/\s]+/i.test(String(requestOptions.baseURL ?? ''))) {
		throw invalidInput(
			this,
			`The LiveDesk credential's Base URL is not an http(s) URL: "${String(requestOptions.baseURL)}"`,
			'Set Base URL to the API host, e.g. https://livedesk-api.engagelab.com (or the sandbox URL, e.g. http://127.0.0.1:8787).',
		);
	}
	rememberRequest(this, requestOptions);
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
	const body = (requestOptions.body ?? {}) as IDataObject;
	for (const key of ID_KEYS) {
		if (key in body) body[key] = parseId(this, body[key], FIELD_LABELS[key]);
	}
	const attributes = body.content_attributes as IDataObject | undefined;
	if (attributes && 'in_reply_to' in attributes) {
		attributes.in_reply_to = parseId(this, attributes.in_reply_to, FIELD_LABELS.in_reply_to);
	}
	for (const [key, value] of Object.entries(body)) {
		if (isBlank(value)) delete body[key];
	}
	if ('email' in body) body.email = checkEmail(this, body.email);
	requestOptions.body = body;
	return requestOptions;
}

export async function requireContactOrSource(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.contact_id === undefined && body.source_id === undefined) {
		throw invalidInput(
			this,
			'Source ID is empty, so LiveDesk cannot tell who the conversation is with',
			'Map Source ID from Create Contact (contact_inbox.source_id), or switch Identify Contact By to Contact ID.',
		);
	}
	return requestOptions;
}

/** A required text that an expression may still have left empty for some item. */
function requireText(read: (requestOptions: IHttpRequestOptions) => unknown, problem: string, fix: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const text = read(requestOptions);
		if (typeof text !== 'string' || text.trim() === '') throw invalidInput(this, problem, fix);
		return requestOptions;
	};
}

export const requireSearchTerm = requireText(
	(requestOptions) => requestOptions.qs?.q,
	'Search Term is empty',
	'Enter part of a name, email, phone number or identifier, or use Get Many to list every contact.',
);

export const requireContent = requireText(
	(requestOptions) => (requestOptions.body as IDataObject).content,
	'Content is empty; LiveDesk does not accept a message without text',
	'Fill in Content, or check that its expression resolves to text for every item.',
);

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

interface AttributeEntry {
	key?: string;
	value?: string;
}

/** Key/value lists from the editor become the objects LiveDesk merges into the contact's attributes. */
export async function sendAttributeLists(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	for (const [parameter, key] of [
		['updateFields.customAttributes.attribute', 'custom_attributes'],
		['updateFields.additionalAttributes.attribute', 'additional_attributes'],
	] as const) {
		const entries = this.getNodeParameter(parameter, []) as AttributeEntry[];
		const named = entries.filter((entry) => entry.key && entry.key.trim() !== '');
		if (named.length) body[key] = Object.fromEntries(named.map((entry) => [entry.key!.trim(), entry.value ?? '']));
	}
	if (Object.keys(body).length === 0) {
		throw invalidInput(
			this,
			'Nothing to update: Update Fields is empty',
			'Add at least one field under Update Fields, with a value.',
		);
	}
	return requestOptions;
}

/** LiveDesk takes snooze times in Unix seconds; n8n's date-time fields hold ISO dates. */
export async function sendSnoozedUntil(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.status !== 'snoozed') return requestOptions;
	const until = this.getNodeParameter('snoozedUntil', '') as string | number;
	if (until === '' || until === undefined) return requestOptions;
	const milliseconds = typeof until === 'number' ? until * 1000 : Date.parse(String(until));
	if (Number.isNaN(milliseconds)) {
		throw invalidInput(
			this,
			`Snoozed Until "${String(until)}" is not a date`,
			'Pick a date and time, or use an expression that gives an ISO date such as 2026-12-24T09:00:00Z.',
		);
	}
	body.snoozed_until = Math.floor(milliseconds / 1000);
	return requestOptions;
}
