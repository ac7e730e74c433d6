import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sandbox } from '../sandbox';
import {
	freeN8nPorts,
	installCommunityPackage,
	makeUserFolder,
	n8nBin,
	n8nEnv,
	runN8n,
	type N8nInstall,
} from '../e2e/n8n-env';
import { nodeItems, nodeTask, parseRunData } from '../e2e/run-data';
import { CREDENTIALS } from './makers';
import { ensureN8n, packTarball } from './n8n-install';
import { MEASURED_NODE, realN8nWorkflow, WORKFLOW_IDS, type N8nMaker } from './n8n-workflows';
import { cpuBetween, peakRssAt, sampleProcess, type ProcSample } from './proc-sampler';
import { messageText } from './protocol';
import { checkSandbox, openConversations } from './sandbox-check';

const EXECUTE_TIMEOUT_MS = 10 * 60_000;

export interface RealN8nMeasurement {
	maker: N8nMaker;
	items: number;
	/** The measured node's executionTime from n8n's run data. */
	wallMs: number;
	/** CPU of n8n's main process while that node ran (undefined without /proc). */
	cpuMs?: number;
	/** VmHWM of n8n's main process at its end, and when the measured node started, kB. */
	peakRssKb?: number;
	peakRssBeforeKb?: number;
	/** The whole `n8n execute`: boot, warm-up, run, shutdown. */
	commandWallMs: number;
	commandCpuMs?: number;
	problems: string[];
}

interface Execution {
	stdout: string;
	stderr: string;
	code: number | null;
	wallMs: number;
	samples: ProcSample[];
}

/** `n8n execute` in its own process, sampled through /proc while it runs. */
function execute(
	install: N8nInstall,
	userFolder: string,
	env: NodeJS.ProcessEnv,
	workflowId: string,
): Promise<Execution> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(n8nBin(install), ['execute', `--id=${workflowId}`, '--rawOutput'], {
			env: n8nEnv(install, userFolder, env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		if (child.pid === undefined) return reject(new Error(`could not start ${n8nBin(install)}`));
		const sampler = sampleProcess(child.pid);
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		const timer = setTimeout(() => child.kill(), EXECUTE_TIMEOUT_MS);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				code,
				wallMs: performance.now() - started,
				samples: sampler.stop(),
			});
		});
	});
}

function measurement(
	maker: N8nMaker,
	items: number,
	execution: Execution,
	sandboxProblems: string[],
): RealN8nMeasurement {
	const { samples } = execution;
	const run = parseRunData(execution.stdout);
	const task = nodeTask(run, MEASURED_NODE);
	const problems = [...sandboxProblems];
	if (execution.code !== 0)
		problems.push(
			`n8n execute exited with ${String(execution.code)}: ${execution.stderr.slice(-500)}`,
		);
	if (!task || task.startTime === undefined || task.executionTime === undefined) {
		problems.push(
			`no run data for ${MEASURED_NODE} in n8n's output: ${execution.stdout.slice(-500)}`,
		);
	}
	const output = nodeItems(run, MEASURED_NODE);
	const ok = output.filter(
		(json, index) => json.content === messageText(index) && typeof json.id === 'number',
	).length;
	if (ok !== items) problems.push(`${ok} of ${items} output items carry the message they sent`);
	const start = task?.startTime ?? NaN;
	const wallMs = task?.executionTime ?? NaN;
	const last = samples[samples.length - 1];
	return {
		maker,
		items,
		wallMs,
		cpuMs: cpuBetween(samples, start, start + wallMs),
		peakRssKb: peakRssAt(samples),
		peakRssBeforeKb: peakRssAt(samples, start),
		commandWallMs: execution.wallMs,
		commandCpuMs: last?.cpuMs,
		problems,
	};
}

/**
 * The issue's "measure where users are": the packed package community-installed into a fresh
 * n8n user folder of the cached n8n (as the E2E does), both makers' workflows imported with
 * n8n's CLI, then one `n8n execute` per maker, each its own process.
 */
export async function measureRealN8n(
	sandbox: Sandbox,
	makers: readonly N8nMaker[],
	items: number,
	warmup: number,
	progress: (line: string) => void,
): Promise<{ install: N8nInstall; measurements: RealN8nMeasurement[] }> {
	progress(`real n8n: installing the package into n8n…`);
	const install = await ensureN8n();
	const userFolder = makeUserFolder('bench');
	try {
		installCommunityPackage(install, userFolder, await packTarball(userFolder));
		sandbox.reset();
		const target = { url: sandbox.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret };
		const conversations = new Map<N8nMaker, { warmup: number; measured: number }>();
		for (const maker of makers) conversations.set(maker, await openConversations(sandbox));
		const credentials = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentials,
			JSON.stringify([
				{
					...CREDENTIALS.liveDeskApi,
					type: 'liveDeskApi',
					data: { apiKey: target.apiKey, apiSecret: target.apiSecret, baseUrl: target.url },
				},
			]),
		);
		const workflows = path.join(userFolder, 'workflows');
		mkdirSync(workflows);
		for (const [maker, ids] of conversations) {
			writeFileSync(
				path.join(workflows, `${maker}.json`),
				JSON.stringify(realN8nWorkflow(maker, ids, target, items, warmup)),
			);
		}
		const ports = await freeN8nPorts();
		for (const args of [
			['import:credentials', `--input=${credentials}`],
			['import:workflow', '--separate', `--input=${workflows}`],
		]) {
			progress(`real n8n: n8n ${args[0] ?? ''}…`);
			const result = runN8n(install, userFolder, args, ports);
			if (result.status !== 0)
				throw new Error(`n8n ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
		}
		const measurements: RealN8nMeasurement[] = [];
		for (const [maker, ids] of conversations) {
			progress(`real n8n: n8n execute, ${maker}, ${items} items…`);
			const execution = await execute(install, userFolder, ports, WORKFLOW_IDS[maker]);
			measurements.push(
				measurement(maker, items, execution, checkSandbox(sandbox, ids.measured, items)),
			);
		}
		return { install, measurements };
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}
