import type { LoadSample, Tarball } from './package-figures';
import { MAKER_LABELS, type Maker } from './protocol';
import { checkMark, kb, median, ms, ratio } from './report';
import type { Measurement } from './run-measurement';

/** Counted as linear: 10k items may cost up to this much more per item than 1k. */
const LINEAR_LIMIT = 1.25;
const TARGETS = { vsHttpRequest: 0.9, vsRaw: 1.5, tarballBytes: 50_000, loadMs: 10 };

function perItem(
	measurements: Measurement[],
	maker: Maker,
	items: number,
	figure: 'wallMs' | 'cpuMs' = 'wallMs',
): number | undefined {
	const found = measurements.find((m) => m.maker === maker && m.items === items);
	return found ? found[figure] / found.items : undefined;
}

function quotient(a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined || b === undefined ? undefined : a / b;
}

export function printTargets(measurements: Measurement[], sizes: number[]): void {
	console.log('\nTargets (per-item wall time; ratios compare makers within the same run)');
	for (const size of sizes) {
		const liveDesk = perItem(measurements, 'liveDesk', size);
		const httpRequest = perItem(measurements, 'httpRequest', size);
		const raw = perItem(measurements, 'raw', size);
		const label = `${size.toLocaleString('en-US')} items`;
		const cpu = (maker: Maker): number | undefined => perItem(measurements, maker, size, 'cpuMs');
		if (liveDesk !== undefined && httpRequest !== undefined) {
			const value = liveDesk / httpRequest;
			console.log(
				`  ${checkMark(value <= TARGETS.vsHttpRequest)} LiveDesk / HTTP Request, ${label}: ${ratio(value)} (target ≤ ${TARGETS.vsHttpRequest}; maker CPU ${ratio(quotient(cpu('liveDesk'), cpu('httpRequest')))})`,
			);
		}
		if (liveDesk !== undefined && raw !== undefined) {
			const value = liveDesk / raw;
			console.log(
				`  ${checkMark(value <= TARGETS.vsRaw)} LiveDesk / raw, ${label}: ${ratio(value)} (target ≤ ${TARGETS.vsRaw}; maker CPU ${ratio(quotient(cpu('liveDesk'), cpu('raw')))})`,
			);
		}
	}
	const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
	if (small === large) {
		console.log('  – linear growth: needs two sizes (e.g. --sizes 1000,10000)');
	} else {
		const growth = (maker: Maker, figure: 'wallMs' | 'cpuMs' = 'wallMs'): number | undefined =>
			quotient(
				perItem(measurements, maker, large, figure),
				perItem(measurements, maker, small, figure),
			);
		const liveDesk = growth('liveDesk');
		const others = (['httpRequest', 'raw'] as const)
			.map((maker) => `${MAKER_LABELS[maker]} ${ratio(growth(maker))}`)
			.join(', ');
		if (liveDesk !== undefined) {
			console.log(
				`  ${checkMark(liveDesk <= LINEAR_LIMIT)} linear growth: LiveDesk per item at ${large.toLocaleString('en-US')} / at ${small.toLocaleString('en-US')} = ${ratio(liveDesk)} (≤ ${LINEAR_LIMIT} counts as linear; maker CPU ${ratio(growth('liveDesk', 'cpuMs'))}; wall for comparison: ${others})`,
			);
		}
	}
}

/** The package's weight and what loading it costs n8n, against their targets. */
export function printPackageTargets(packed: Tarball, load: LoadSample[]): void {
	console.log('\nTargets (package)');
	console.log(
		`  ${checkMark(packed.size <= TARGETS.tarballBytes)} tarball: ${kb(packed.size)} kB packed, ${kb(packed.unpackedSize)} kB unpacked, ${packed.entryCount} files (target ≤ ${kb(TARGETS.tarballBytes)} kB packed)`,
	);
	const times = load.map((sample) => sample.ms);
	const loadMedian = median(times);
	const [first] = load;
	const scope = first
		? `${first.files} files of package.json's "n8n" section, ${first.modules} modules of dist/`
		: 'no samples';
	console.log(
		`  ${checkMark(loadMedian <= TARGETS.loadMs)} load: median ${ms(loadMedian)} ms to require, instantiate and describe both nodes and the credential (${scope}) with n8n-workflow loaded (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}, median CPU ${ms(median(load.map((sample) => sample.cpuMs)))} ms, ${load.length} fresh processes; target ≤ ${TARGETS.loadMs} ms)`,
	);
}
