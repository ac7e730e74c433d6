import { MAKER_LABELS } from './protocol';
import type { RateLimitedMeasurement } from './rate-limited';
import { checkMark, formatTable, ratio } from './report';

const TARGET_WALL_VS_IDEAL = 1.2;
const TARGET_REQUESTS_PER_ITEM = 1.2;

const count = (value: number): string => value.toLocaleString('en-US');

/** The time the limit itself imposes: every item admitted at exactly the allowed rate. */
export function idealMs(m: Pick<RateLimitedMeasurement, 'items' | 'limit'>): number {
	return (m.items / m.limit.perSecond) * 1000;
}

function socketErrors(m: RateLimitedMeasurement): string {
	const entries = Object.entries(m.socketErrors);
	return entries.length === 0 ? '0' : entries.map(([code, n]) => `${code} ${count(n)}`).join(', ');
}

function n8nSays(m: RateLimitedMeasurement): string {
	if (m.failures.length === 0) return `${count(m.okItems)} items ok`;
	return `${count(m.okItems)} items ok; ${m.failures.map(([kind, n]) => `${count(n)}× ${kind}`).join('; ')}`;
}

function label(m: RateLimitedMeasurement): string {
	const base = m.batching
		? `${MAKER_LABELS[m.maker]}, Batching ${m.batching.batchSize}/${m.batching.batchInterval} ms`
		: MAKER_LABELS[m.maker];
	return m.workflows > 1 ? `${base}, ${m.workflows} workflows on one key` : base;
}

export const requestsPerItem = (m: RateLimitedMeasurement): number => m.requests / m.items;

export function printRateLimited(measurements: RateLimitedMeasurement[]): void {
	console.log(
		formatTable(
			[
				'maker',
				'Retry-After',
				'items',
				'delivered',
				'failed',
				'duplicated',
				'wall',
				'wall / ideal',
				'first request',
				'sending / ideal',
				'requests',
				'per item',
				'429s',
				'conns',
				'socket errors',
				'peak TIME_WAIT',
				'load',
			],
			measurements.map((m) => [
				label(m),
				m.limit.retryAfter ? 'yes' : 'no',
				count(m.items),
				count(m.deliveries.delivered),
				count(m.items - m.deliveries.delivered),
				count(m.deliveries.duplicated),
				`${(m.wallMs / 1000).toFixed(1)} s`,
				ratio(m.wallMs / idealMs(m)),
				m.firstRequestMs === undefined ? 'n/a' : `${(m.firstRequestMs / 1000).toFixed(1)} s`,
				m.firstRequestMs === undefined ? 'n/a' : ratio((m.wallMs - m.firstRequestMs) / idealMs(m)),
				count(m.requests),
				requestsPerItem(m).toFixed(2),
				count(m.refused),
				count(m.connections),
				socketErrors(m),
				m.pressure
					? `${count(m.pressure.peakTimeWait)} of ${count(m.pressure.ephemeralPorts)} ports`
					: 'n/a',
				m.load.toFixed(2),
			]),
			[
				false,
				false,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				true,
				false,
				true,
				true,
			],
		),
	);
	for (const m of measurements) {
		const which = `${label(m)}, Retry-After ${m.limit.retryAfter ? 'yes' : 'no'}`;
		console.log(`  ${which}: n8n reports ${n8nSays(m)}`);
		for (const problem of m.problems) console.log(`  ✖ ${which}: ${problem}`);
	}
	const reuse = measurements.find((m) => m.pressure)?.pressure?.twReuse;
	if (reuse !== undefined) {
		console.log(
			`  (TIME_WAIT: system-wide count, other processes included; net.ipv4.tcp_tw_reuse = ${reuse}, 2 = reused for loopback connections.)`,
		);
	}
}

export function printRateLimitedTargets(measurements: RateLimitedMeasurement[]): void {
	console.log(
		'\nTargets, rate-limited with default settings (the LiveDesk node; HTTP Request for comparison)',
	);
	for (const m of measurements.filter((each) => each.maker === 'liveDesk' && !each.batching)) {
		const variant = `${count(m.items)} items${m.workflows > 1 ? ` in ${m.workflows} workflows on one key` : ''} at ${count(m.limit.perSecond)}/s, Retry-After ${m.limit.retryAfter ? 'yes' : 'no'} (load ${m.load.toFixed(2)})`;
		const wall = m.wallMs / idealMs(m);
		console.log(
			`  ${checkMark(m.deliveries.delivered === m.items)} ${variant}: ${count(m.deliveries.delivered)} of ${count(m.items)} delivered (target all)`,
		);
		console.log(
			`  ${checkMark(m.deliveries.duplicated === 0)} ${variant}: ${count(m.deliveries.duplicated)} duplicated (target 0)`,
		);
		console.log(
			`  ${checkMark(wall <= TARGET_WALL_VS_IDEAL)} ${variant}: wall ${(m.wallMs / 1000).toFixed(1)} s = ${ratio(wall)} the ideal ${(idealMs(m) / 1000).toFixed(0)} s (target ≤ ${TARGET_WALL_VS_IDEAL}×)`,
		);
		if (m.firstRequestMs !== undefined) {
			const sending = (m.wallMs - m.firstRequestMs) / idealMs(m);
			console.log(
				`    of which ${(m.firstRequestMs / 1000).toFixed(1)} s before the first request (n8n building every item's request), then ${ratio(sending)} the ideal sending`,
			);
		}
		console.log(
			`  ${checkMark(requestsPerItem(m) <= TARGET_REQUESTS_PER_ITEM)} ${variant}: ${requestsPerItem(m).toFixed(2)} requests per item (target ≤ ${TARGET_REQUESTS_PER_ITEM})`,
		);
		// The sandbox refuses beyond the limit, so what it admitted cannot exceed it; this shows how close the run came.
		console.log(
			`    admitted ${(m.accepted / (m.wallMs / 1000)).toFixed(1)} requests/s on average against a limit of ${count(m.limit.perSecond)}/s`,
		);
	}
}
