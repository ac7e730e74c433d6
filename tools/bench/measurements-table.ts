import { MAKER_LABELS } from './protocol';
import { formatTable, mb, ms } from './report';
import type { Measurement } from './run-measurement';

export function printMeasurements(measurements: Measurement[]): void {
	console.log(
		formatTable(
			[
				'maker',
				'items',
				'wall',
				'ms/item',
				'maker CPU ms/item',
				'sandbox CPU ms/item',
				'peak RSS MB (run adds)',
				'expr/item',
				'conns',
				'TCP drops/timeouts',
				'check',
			],
			measurements.map((m) => [
				MAKER_LABELS[m.maker],
				m.items.toLocaleString('en-US'),
				`${(m.wallMs / 1000).toFixed(2)} s`,
				ms(m.wallMs / m.items),
				ms(m.cpuMs / m.items),
				ms(m.sandboxCpuMs / m.items),
				`${mb(m.maxRssKb)} (+${mb(m.maxRssKb - m.maxRssBeforeKb)})`,
				m.expressionsPerItem === undefined ? 'n/a' : m.expressionsPerItem.toFixed(2),
				m.connections.toLocaleString('en-US'),
				m.tcp ? `${m.tcp.listenOverflows}/${m.tcp.retransmitTimeouts}` : 'n/a',
				m.problems.length === 0 ? `✔ ${m.items.toLocaleString('en-US')} ok` : '✖ invalid',
			]),
			[false, true, true, true, true, true, true, true, true, true, false],
		),
	);
	for (const m of measurements) {
		for (const problem of m.problems)
			console.log(`  ✖ ${MAKER_LABELS[m.maker]}, ${m.items} items: ${problem}`);
	}
	const congested = measurements.filter((m) => (m.tcp?.listenOverflows ?? 0) > 0);
	if (congested.length > 0) {
		const which = congested
			.map((m) => `${MAKER_LABELS[m.maker]} ${m.items.toLocaleString('en-US')}`)
			.join(', ');
		console.log(
			`  ⚠ ${which}: the sandbox's listen queue overflowed (TCP drops, system-wide counters). Every maker opens one connection per item, all at once; dropped handshakes wait for TCP's retransmission timer (≥ 0.2–1 s), so these wall times partly measure that timer, and they favour slow makers, whose bursts overlap their own CPU work. Compare "maker CPU ms/item" there.`,
		);
	}
}
