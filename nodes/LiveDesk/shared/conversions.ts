import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { parseDate } from './dates';
import { invalidInput } from './validation';

/* Values the editor holds in one form and LiveDesk takes in another. */

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
		const named = entries.flatMap((entry) => {
			const name = entry.key?.trim();
			return name ? [[name, entry.value ?? ''] as const] : [];
		});
		if (named.length) body[key] = Object.fromEntries(named);
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

/**
 * LiveDesk takes snooze times in Unix seconds; n8n's date-time fields hold ISO
 * dates, without an offset when picked in the editor.
 */
export async function sendSnoozedUntil(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.status !== 'snoozed') return requestOptions;
	const until = this.getNodeParameter('snoozedUntil', '') as string | number;
	if (until === '' || until === undefined) return requestOptions;
	const milliseconds =
		typeof until === 'number' ? until * 1000 : parseDate(String(until).trim(), this.getTimezone());
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
