import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/* An item's input checked before anything is sent, each problem reported with the label the user sees. */

/**
 * LiveDesk's body keys with the labels users see in the node, so validation
 * and API errors name the field the user can actually fix.
 */
const FIELD_LABELS: Record<string, string> = {
	inbox_id: 'Inbox ID',
	contact_id: 'Contact ID',
	source_id: 'Source ID',
	conversation_id: 'Conversation ID',
	name: 'Name',
	first_name: 'First Name',
	last_name: 'Last Name',
	email: 'Email',
	phone_number: 'Phone Number',
	avatar_url: 'Avatar URL',
	identifier: 'Identifier',
	content: 'Content',
	message_type: 'Message Type',
	private: 'Private Note',
	in_reply_to: 'In Reply To',
	content_attributes: 'In Reply To',
};

export function labelOf(apiField: string): string {
	return FIELD_LABELS[apiField] ?? apiField;
}

/** A problem with an item's input, reported before anything is sent to LiveDesk. */
export function invalidInput(
	node: INode,
	itemIndex: number,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `${problem} (item ${itemIndex})`, {
		itemIndex,
		description: fix,
	});
}

function shown(value: unknown): string {
	return value === undefined || value === null || value === '' ? 'empty' : `"${String(value)}"`;
}

/**
 * LiveDesk ids are positive integers. Expressions often deliver them as text,
 * so numeric strings are accepted and sent as the JSON numbers the API expects.
 */
export function parseId(node: INode, itemIndex: number, value: unknown, apiField: string): number {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = /^\d+$/.test(text) ? Number(text) : NaN;
	if (Number.isSafeInteger(id) && id > 0) return id;
	const label = labelOf(apiField);
	throw invalidInput(
		node,
		itemIndex,
		`${label} must be a positive whole number, but is ${shown(value)}`,
		`Set ${label} to the numeric ID LiveDesk returned (e.g. 407), or to an expression that resolves to it, such as the id field of the previous LiveDesk step.`,
	);
}

// Deliberately loose: LiveDesk owns the real rules; this only catches values
// that cannot be an address at all (a name or phone number in the wrong field).
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(node: INode, itemIndex: number, value: unknown): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (EMAIL_SHAPE.test(email)) return email;
	throw invalidInput(
		node,
		itemIndex,
		`Email ${shown(value)} is not an email address`,
		'Enter an address such as alice@example.com, or remove the Email field to send the contact without one.',
	);
}

/** The API root built from the credential must be an http(s) URL; anything else cannot work. */
export function checkBaseUrl(node: INode, itemIndex: number, baseUrl: unknown): void {
	if (/^https?:\/\/[^/\s]+/i.test(String(baseUrl ?? ''))) return;
	throw invalidInput(
		node,
		itemIndex,
		`The LiveDesk credential's Base URL is not an http(s) URL: "${String(baseUrl)}"`,
		'Set Base URL to the API host, e.g. https://livedesk-api.engagelab.com (or the sandbox URL, e.g. http://127.0.0.1:8787).',
	);
}
