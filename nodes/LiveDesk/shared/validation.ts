import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A problem with an item's input, reported before anything is sent to LiveDesk. */
export function invalidInput(
	context: IExecuteSingleFunctions,
	problem: string,
	fix: string,
): NodeOperationError {
	const itemIndex = context.getItemIndex();
	return new NodeOperationError(context.getNode(), `${problem} (item ${itemIndex})`, {
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
export function parseId(context: IExecuteSingleFunctions, value: unknown, fieldLabel: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = /^\d+$/.test(text) ? Number(text) : NaN;
	if (Number.isSafeInteger(id) && id > 0) return id;
	throw invalidInput(
		context,
		`${fieldLabel} must be a positive whole number, but is ${shown(value)}`,
		`Set ${fieldLabel} to the numeric ID LiveDesk returned (e.g. 407), or to an expression that resolves to it, such as the id field of the previous LiveDesk step.`,
	);
}

// Deliberately loose: LiveDesk owns the real rules; this only catches values
// that cannot be an address at all (a name or phone number in the wrong field).
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(context: IExecuteSingleFunctions, value: unknown): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (EMAIL_SHAPE.test(email)) return email;
	throw invalidInput(
		context,
		`Email ${shown(value)} is not an email address`,
		'Enter an address such as alice@example.com, or remove the Email field to create the contact without one.',
	);
}
