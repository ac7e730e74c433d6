import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { invalidInput } from '../../shared/validation';

/** Numbers this large are Unix milliseconds (from Date.now() or $now.toMillis()); smaller ones are seconds. */
const FIRST_MILLISECONDS = 1e11;

const HAS_OFFSET = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * An autumn wall-clock time that happens twice means its first occurrence
 * (Luxon picks the second): the snooze should not end an hour late.
 */
function firstOccurrence(date: DateTime): DateTime {
	const dayBefore = DateTime.fromMillis(date.toMillis() - 24 * 60 * 60 * 1000, { zone: date.zone });
	const shiftMinutes = dayBefore.offset - date.offset;
	if (shiftMinutes <= 0) return date;
	const earlier = DateTime.fromMillis(date.toMillis() - shiftMinutes * 60 * 1000, {
		zone: date.zone,
	});
	const wallClock = (reading: DateTime) => reading.toFormat('yyyy-MM-dd HH:mm:ss.SSS');
	return wallClock(earlier) === wallClock(date) ? earlier : date;
}

/**
 * Unix seconds of Snoozed Until, NaN when it is no date. The editor's date
 * picker stores wall-clock time without an offset (2026-12-01T09:30:00),
 * which n8n means in the workflow's time zone, not the server's; Luxon (which
 * n8n provides) reads it so, DST included. Text with Z or an offset names its
 * instant.
 */
export function snoozeSeconds(value: string | number, timeZone: string): number {
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		return Math.floor(number >= FIRST_MILLISECONDS ? number / 1000 : number);
	}
	// A hand-edited workflow could hold a zone n8n does not know; the server's own zone is then the reading left.
	const zone = DateTime.local().setZone(timeZone).isValid ? timeZone : 'system';
	for (const read of [DateTime.fromISO, DateTime.fromSQL]) {
		const date = read(text, { zone });
		if (date.isValid)
			return Math.floor((HAS_OFFSET.test(text) ? date : firstOccurrence(date)).toSeconds());
	}
	// These formats always name their zone (GMT, +0100).
	for (const read of [DateTime.fromRFC2822, DateTime.fromHTTP]) {
		const date = read(text, { zone });
		if (date.isValid) return Math.floor(date.toSeconds());
	}
	return NaN;
}

/** LiveDesk takes snooze times in Unix seconds; only a snooze sends one. */
export async function sendSnoozedUntil(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.status !== 'snoozed') return requestOptions;
	const until = this.getNodeParameter('snoozedUntil', '') as string | number;
	if (until === '' || until === undefined || until === null) return requestOptions;
	const seconds = snoozeSeconds(until, this.getTimezone());
	if (Number.isNaN(seconds)) {
		throw invalidInput(
			this.getNode(),
			this.getItemIndex(),
			`Snoozed Until "${String(until)}" is not a date`,
			'Pick a date and time, or use an expression that gives an ISO date such as 2026-12-24T09:00:00Z (or Unix seconds or milliseconds).',
		);
	}
	body.snoozed_until = seconds;
	return requestOptions;
}
