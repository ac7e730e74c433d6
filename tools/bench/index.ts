import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../sandbox';
import { benchmark, progress } from './benchmark';
import { loadAverage, machine } from './machine';
import { ensureNodesBase, NODES_BASE_VERSION } from './nodes-base-cache';
import { parseArgs, USAGE, UsageError } from './options';
import { loadTimes, tarball } from './package-figures';
import { profile } from './profile-run';
import { rateLimitedScenario } from './rate-limited-scenario';
import { realN8nScenario } from './real-n8n-scenario';
import { printPackageTargets } from './targets';

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(USAGE);
		return 0;
	}
	const log = (line: string): void => console.log(line);
	const inEngine = options.scenarios.some(
		(scenario) => scenario !== 'real-n8n' && scenario !== 'package',
	);
	const needsNodesBase =
		options.profileItems === undefined && inEngine && options.makers.includes('httpRequest');
	const httpRequestModule = needsNodesBase ? await ensureNodesBase(log) : '';
	// One throwaway n8n user folder for all child processes, removed at the end (the engine would make one per process).
	const userFolder = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-n8n-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const sandbox = await startSandbox({ quiet: true, record: false });
	try {
		if (options.profileItems !== undefined)
			return (await profile(sandbox, options, options.profileItems)) ? 0 : 1;
		const started = Date.now();
		console.log(`Machine: ${machine()}; ${loadAverage()}`);
		let valid = true;
		if (options.scenarios.includes('package'))
			printPackageTargets(await tarball(), await loadTimes());
		if (options.scenarios.includes('engine'))
			valid = (await benchmark(sandbox, options, httpRequestModule)) && valid;
		valid = (await rateLimitedScenario(sandbox, options, httpRequestModule, progress)) && valid;
		valid = (await realN8nScenario(sandbox, options, progress)) && valid;
		if (needsNodesBase)
			console.log(
				`\nHTTP Request in n8n-core: n8n-nodes-base@${NODES_BASE_VERSION} from the bench cache.`,
			);
		console.log(
			`Bench: ${options.scenarios.join(', ')} in ${((Date.now() - started) / 60_000).toFixed(1)} minutes.`,
		);
		if (!valid)
			console.log(
				'\n✖ At least one measurement is invalid (see above): its figures measure failures.',
			);
		return valid ? 0 : 1;
	} finally {
		await sandbox.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof UsageError) {
			console.error(`${error.message}\n\n${USAGE}`);
			process.exit(2);
		}
		console.error(error);
		process.exit(1);
	},
);
