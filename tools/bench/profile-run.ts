import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Sandbox } from '../sandbox';
import { loadAverage, machine } from './machine';
import { printMeasurements } from './measurements-table';
import type { Options } from './options';
import { PROJECT_ROOT } from './package-figures';
import { summarizeProfile } from './profile';
import { formatTable, ms } from './report';
import { measure } from './run-measurement';

export async function profile(sandbox: Sandbox, options: Options, items: number): Promise<boolean> {
	const directory = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-profile-'));
	console.log(`Machine: ${machine()}; ${loadAverage()}`);
	console.log(
		`CPU profile of the LiveDesk node sending ${items.toLocaleString('en-US')} items (after ${options.warmup} warm-up items)…`,
	);
	const result = await measure(sandbox, 'liveDesk', items, options.warmup, '', [
		'--cpu-prof',
		'--cpu-prof-dir',
		directory,
		'--cpu-prof-interval',
		'250',
	]);
	printMeasurements([result]);
	const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
	if (!file) throw new Error(`node --cpu-prof wrote no profile into ${directory}`);
	const profileFile = path.join(directory, file);
	// Only the timed run: module loading and the warm-up would otherwise blur where a run's time goes.
	const summary = summarizeProfile(profileFile, PROJECT_ROOT, {
		fromUs: result.timedFromUs,
		toUs: result.timedToUs,
	});
	if (summary.samples === 0)
		throw new Error(`No samples of ${profileFile} fall into the timed run`);
	const share = (value: number): string => `${((100 * value) / summary.totalMs).toFixed(1)} %`;
	console.log(`\nProfile: ${profileFile}`);
	console.log(
		`Counted: the timed run only, ${ms(summary.totalMs)} ms in ${summary.samples.toLocaleString('en-US')} samples (open the file in Chrome DevTools → Performance for the rest).`,
	);
	console.log('\nSelf time by group');
	console.log(
		formatTable(
			['group', 'ms', 'share'],
			summary.groups.map((g) => [g.name, ms(g.ms), share(g.ms)]),
			[false, true, true],
		),
	);
	console.log('\nInclusive time by group (a frame of the group anywhere on the stack)');
	console.log(
		formatTable(
			['group', 'ms', 'share'],
			summary.inclusive.map((g) => [g.name, ms(g.ms), share(g.ms)]),
			[false, true, true],
		),
	);
	console.log('\nTop self-time functions');
	console.log(
		formatTable(
			['function', 'where', 'group', 'ms', 'share'],
			summary.top.map((f) => [f.name, f.where, f.group, ms(f.ms), share(f.ms)]),
			[false, false, false, true, true],
		),
	);
	console.log(
		`\nThe sandbox runs in this (parent) process, not in the profiled child: it used ${ms(result.sandboxCpuMs)} ms CPU during the timed run of ${ms(result.wallMs)} ms.`,
	);
	return result.problems.length === 0;
}
