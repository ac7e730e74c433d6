/*
 * The editor's date picker stores wall-clock time without an offset
 * (2026-12-01T09:30:00). n8n reads such values in the workflow's time zone,
 * not the server's, so they must not go through Date.parse.
 */

const DAY = 24 * 60 * 60 * 1000;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Offset of the formatter's time zone from UTC at the instant `utc`, in milliseconds. */
function zoneOffset(format: Intl.DateTimeFormat, utc: number): number {
	const parts = Object.fromEntries(format.formatToParts(utc).map((part) => [part.type, part.value]));
	const wall = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour) % 24,
		Number(parts.minute),
		Number(parts.second),
	);
	// The formatted parts have no milliseconds, so compare against the whole second.
	return wall - Math.floor(utc / 1000) * 1000;
}

/** The formatter zoneOffset reads, or undefined for a name that is no IANA time zone. */
function zoneFormat(timeZone: string): Intl.DateTimeFormat | undefined {
	try {
		return new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		return undefined;
	}
}

/**
 * Unix milliseconds of a date text, NaN when it is none. Text without an offset
 * is wall-clock time in `timeZone`; text with Z or an offset names its instant.
 */
export function parseDate(text: string, timeZone: string): number {
	const match = WALL_CLOCK.exec(text);
	const format = match ? zoneFormat(timeZone) : undefined;
	// n8n only offers valid zones, but a hand-edited workflow could hold any
	// text; the server's own zone is then the only reading left, as before.
	if (!match || !format) return Date.parse(text);
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((field) => Number(field ?? 0));
	const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
	const local = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	const check = new Date(local);
	// Date.UTC rolls 2026-02-30 over into March; such a date is a typo, not a time.
	if (
		check.getUTCFullYear() !== year ||
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		check.getUTCHours() !== hour ||
		check.getUTCMinutes() !== minute ||
		check.getUTCSeconds() !== second
	) {
		return NaN;
	}
	// Near a DST change the offset depends on the instant being looked for, so
	// try the offsets on either side of it and keep those that give back the
	// picked wall-clock time. An autumn hour that happens twice means its first
	// occurrence; a spring time the clocks skip moves forward, as in Luxon.
	const before = zoneOffset(format, local - DAY);
	const after = zoneOffset(format, local + DAY);
	const readings = [local - before, local - after].filter((utc) => zoneOffset(format, utc) === local - utc);
	return readings.length > 0 ? Math.min(...readings) : local - Math.min(before, after);
}
