import type { Sandbox } from '../sandbox';
import { loadAverage } from './machine';
import { printMeasurements } from './measurements-table';
import type { Options } from './options';
import { MAKER_LABELS } from './protocol';
import { measure, type Measurement } from './run-measurement';
import { printTargets } from './targets';

/** A status line on a terminal only, so piped output holds just the figures. */
export function progress(line: string): void {
	if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(78)}\r`);
}

/** The median run by wall time, with the highest peak memory of all runs. */
function combineRuns(runs: Measurement[]): Measurement {
	const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
	const middle = sorted[Math.floor((sorted.length - 1) / 2)] ?? sorted[0];
	if (!middle) throw new Error('No runs to combine');
	return {
		...middle,
		maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)),
		problems: runs.flatMap((r) => r.problems),
	};
}

export async function benchmark(
	sandbox: Sandbox,
	options: Options,
	httpRequestModule: string,
): Promise<boolean> {
	console.log(
		`Engine: Message → Send, content from ={{ $json.text }}, messageType incoming, into one conversation of the sandbox (in this process, 127.0.0.1).`,
	);
	console.log(
		`Each measurement: a fresh process, ${options.warmup} untimed warm-up items, then the timed run; ${options.runs} run(s) per maker and size${options.runs > 1 ? ', median shown' : ''}.`,
	);
	console.log(
		`All three start every item's request before awaiting any, with a new connection and Connection: close per request, as n8n's client does (conns = connections opened).\n`,
	);
	const measurements: Measurement[] = [];
	for (const size of options.sizes) {
		for (const maker of options.makers) {
			const runs: Measurement[] = [];
			for (let i = 0; i < options.runs; i++) {
				progress(
					`measuring ${MAKER_LABELS[maker]} with ${size.toLocaleString('en-US')} items (run ${i + 1} of ${options.runs})…`,
				);
				runs.push(await measure(sandbox, maker, size, options.warmup, httpRequestModule));
			}
			measurements.push(combineRuns(runs));
		}
	}
	progress('');
	printMeasurements(measurements);
	console.log(
		`After the runs: ${loadAverage(false)}, the bench's own two busy processes included.`,
	);
	printTargets(measurements, options.sizes);
	return measurements.every((m) => m.problems.length === 0);
}
