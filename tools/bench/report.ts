/** Number formats and a plain-text table for the bench's output. */

export const ms = (value: number): string =>
	value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Kilobytes as npm prints them (1 kB = 1,000 bytes). */
export const kb = (bytes: number): string => (bytes / 1000).toFixed(1);

/** maxRSS and friends come in kB (1,024 bytes). */
export const mb = (kilobytes: number): string => (kilobytes / 1024).toFixed(0);

export const ratio = (value: number | undefined): string =>
	value === undefined ? 'n/a' : `${value.toFixed(2)}×`;

export const checkMark = (ok: boolean): string => (ok ? '✔' : '✖');

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[middle] ?? NaN)
		: ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Columns padded to their widest cell; numeric columns (rightAligned) are right-aligned. */
export function formatTable(headers: string[], rows: string[][], rightAligned: boolean[]): string {
	const widths = headers.map((header, column) =>
		Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (cells: string[]): string =>
		cells
			.map((cell, column) =>
				rightAligned[column]
					? cell.padStart(widths[column] ?? 0)
					: cell.padEnd(widths[column] ?? 0),
			)
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join(
		'\n',
	);
}
