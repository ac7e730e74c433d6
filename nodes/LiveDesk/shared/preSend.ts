import type { IDataObject, IExecuteData, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { FIELD_LABELS } from './fieldLabels';
import { rememberRequest } from './sentRequests';
import { forgetEarlierTries } from './upsertTurns';
import { checkEmail, invalidInput, parseId } from './validation';

const ID_KEYS = ['inbox_id', 'contact_id'] as const;

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Every item of a run shares one IExecuteData object, so it keys the run's one credential look-up. */
const credentialCheckByRun = new WeakMap<IExecuteData, Promise<boolean>>();

async function hasEmptyKeyOrSecret(context: IExecuteSingleFunctions): Promise<boolean> {
	const credentials = await context.getCredentials<{ apiKey?: string; apiSecret?: string }>('liveDeskApi');
	return isBlank(credentials.apiKey) || isBlank(credentials.apiSecret);
}

/**
 * Runs first for every operation: a credential that cannot work is reported
 * plainly, on every item, instead of as failed requests. The credential is the
 * node's, the same for every item, so it is read once per run (reading it
 * costs a credential look-up in n8n) and every item awaits that one look-up.
 * Awaiting the same promise also lets the items leave this hook in their own
 * order, which Create or Update relies on (see upsertTurns). The request object
 * is remembered here; later hooks change it in place, so it is the one sent.
 */
export async function checkCredentialAndRemember(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const run = this.getExecuteData();
	// Item 0 begins every try of the node, also under Retry On Fail (same IExecuteData):
	// a new try reads the credential afresh and starts with no Create or Update turns.
	if (run && this.getItemIndex() === 0) credentialCheckByRun.delete(run);
	forgetEarlierTries(this);
	let credentialCheck = run ? credentialCheckByRun.get(run) : undefined;
	if (!credentialCheck) {
		credentialCheck = hasEmptyKeyOrSecret(this);
		if (run) credentialCheckByRun.set(run, credentialCheck);
	}
	if (await credentialCheck) {
		throw invalidInput(
			this,
			'The LiveDesk credential has an empty API Key or API Secret',
			'Open the credential and paste both from the LiveDesk console: Project Settings → API Management → API Key.',
		);
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
	// In Reply To starts at 0 when added: left there, it means "not a reply", as an empty field would.
	if (attributes && (attributes.in_reply_to === 0 || isBlank(attributes.in_reply_to))) {
		delete attributes.in_reply_to;
		if (Object.keys(attributes).length === 0) delete body.content_attributes;
	} else if (attributes && 'in_reply_to' in attributes) {
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
