import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

import { PROJECT_ROOT } from '../project-root';

export { PROJECT_ROOT };

const LOAD_SAMPLES = 20;

export interface Tarball {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

export async function tarball(): Promise<Tarball> {
	const npmCli = process.env.npm_execpath;
	const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
	const { stdout } = npmCli
		? await run(process.execPath, [npmCli, ...args], { cwd: PROJECT_ROOT })
		: await run('npm', args, { cwd: PROJECT_ROOT });
	const [packed] = JSON.parse(stdout) as Tarball[];
	if (!packed) throw new Error('npm pack --dry-run --json printed no package');
	return packed;
}

export interface LoadSample {
	ms: number;
	cpuMs: number;
	/** The package's own modules the load pulled in. */
	modules: number;
	/** Nodes and credentials required (package.json's "n8n" entries). */
	files: number;
}

export async function loadTimes(): Promise<LoadSample[]> {
	const samples: LoadSample[] = [];
	for (let i = 0; i < LOAD_SAMPLES; i++) {
		const { stdout } = await run(process.execPath, [
			path.join(__dirname, 'load-time.js'),
			PROJECT_ROOT,
		]);
		samples.push(JSON.parse(stdout) as LoadSample);
	}
	return samples;
}
