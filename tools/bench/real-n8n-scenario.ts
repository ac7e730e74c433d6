import type { Sandbox } from '../sandbox';
import { loadAverage } from './machine';
import type { N8nMaker } from './n8n-workflows';
import type { Options } from './options';
import { MAKER_LABELS } from './protocol';
import { measureRealN8n, type RealN8nMeasurement } from './real-n8n';
import { checkMark, formatTable, mb, ms, ratio } from './report';

const N8N_MAKERS: readonly N8nMaker[] = ['liveDesk', 'httpRequest'];

const perItem = (value: number | undefined, items: number): string =>
	value === undefined ? 'n/a' : ms(value / items);

function print(measurements: RealN8nMeasurement[]): void {
	console.log(
		formatTable(
			[
				'maker',
				'items',
				'node wall',
				'ms/item',
				'CPU ms/item',
				'peak RSS MB (node adds)',
				'n8n execute wall / CPU',
				'check',
			],
			measurements.map((m) => [
				MAKER_LABELS[m.maker],
				m.items.toLocaleString('en-US'),
				`${(m.wallMs / 1000).toFixed(2)} s`,
				perItem(m.wallMs, m.items),
				perItem(m.cpuMs, m.items),
				m.peakRssKb === undefined
					? 'n/a'
					: `${mb(m.peakRssKb)} (+${mb(m.peakRssKb - (m.peakRssBeforeKb ?? m.peakRssKb))})`,
				`${(m.commandWallMs / 1000).toFixed(1)} s / ${m.commandCpuMs === undefined ? 'n/a' : `${(m.commandCpuMs / 1000).toFixed(1)} s`}`,
				m.problems.length === 0 ? `✔ ${m.items.toLocaleString('en-US')} ok` : '✖ invalid',
			]),
			[false, true, true, true, true, true, true, false],
		),
	);
	for (const m of measurements)
		for (const problem of m.problems) console.log(`  ✖ ${MAKER_LABELS[m.maker]}: ${problem}`);
}

function printTargets(measurements: RealN8nMeasurement[]): void {
	const liveDesk = measurements.find((m) => m.maker === 'liveDesk');
	const httpRequest = measurements.find((m) => m.maker === 'httpRequest');
	if (!liveDesk || !httpRequest) return;
	const wall = liveDesk.wallMs / liveDesk.items / (httpRequest.wallMs / httpRequest.items);
	const cpu =
		liveDesk.cpuMs !== undefined && httpRequest.cpuMs !== undefined
			? liveDesk.cpuMs / httpRequest.cpuMs
			: undefined;
	console.log('\nTargets, real n8n');
	console.log(
		`  ${checkMark(wall <= 1)} LiveDesk / HTTP Request per item, ${liveDesk.items.toLocaleString('en-US')} items: ${ratio(wall)} (target ≤ 1; CPU ${ratio(cpu)}; where it is above, \`npm run bench -- --profile\` shows where n8n's code spends it)`,
	);
	if (liveDesk.peakRssKb !== undefined && httpRequest.peakRssKb !== undefined) {
		console.log(
			`  ${checkMark(liveDesk.peakRssKb <= httpRequest.peakRssKb)} peak RSS at ${liveDesk.items.toLocaleString('en-US')} items: ${mb(liveDesk.peakRssKb)} MB vs HTTP Request's ${mb(httpRequest.peakRssKb)} MB (target not above; the issue asks it at 10,000: --n8n-items 10000)`,
		);
	}
}

export async function realN8nScenario(
	sandbox: Sandbox,
	options: Options,
	progress: (line: string) => void,
): Promise<boolean> {
	const makers = N8N_MAKERS.filter((maker) => options.makers.includes(maker));
	if (!options.scenarios.includes('real-n8n') || makers.length === 0) return true;
	const before = loadAverage();
	const { install, measurements } = await measureRealN8n(
		sandbox,
		makers,
		options.n8nItems,
		options.warmup,
		progress,
	);
	progress('');
	console.log(
		`\nReal n8n: ${options.n8nItems.toLocaleString('en-US')} items through \`n8n execute\` on n8n ${install.version}, Node 24 (${install.nodeBinDir}), expression engine ${process.env.N8N_EXPRESSION_ENGINE ?? "n8n's default (vm in 2.41)"}; the packed package community-installed into a fresh user folder.`,
	);
	console.log(
		`Each maker in its own \`n8n execute\`: ${options.warmup} warm-up items through the same node first; node wall = the measured node's executionTime in n8n's run data, CPU = n8n's main process during it (/proc, 20 ms samples). ${before} before.\n`,
	);
	print(measurements);
	console.log(`After the runs: ${loadAverage(false)}.`);
	printTargets(measurements);
	return measurements.every((m) => m.problems.length === 0);
}
