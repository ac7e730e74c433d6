import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { Sandbox } from '../sandbox';
import type { ChildMessage, GoMessage, Job, Maker, ResultMessage } from './protocol';
import { checkSandbox, openConversations } from './sandbox-check';
import { difference, readTcpCounters, type TcpCounters } from './tcp-counters';

const CHILD_TIMEOUT_MS = 10 * 60_000;

export interface ChildRun {
	result: ResultMessage;
	sandboxCpuMs: number;
	/** During the timed run; undefined off Linux. */
	tcp?: TcpCounters;
}

export interface Measurement extends ResultMessage, Omit<ChildRun, 'result'> {
	maker: Maker;
	items: number;
}

export interface ChildHooks {
	execArgv?: string[];
	/** Right before the child's timed section starts (e.g. to switch on the sandbox's rate limit). */
	onStart?: () => void;
}

/** Runs one job in a fresh process and returns what it reported, with the sandbox's CPU during the timed part. */
export function runChild(job: Job, { execArgv = [], onStart }: ChildHooks = {}): Promise<ChildRun> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'measure.js'), [JSON.stringify(job)], {
			execArgv,
			stdio: 'inherit',
		});
		let cpuAtStart: NodeJS.CpuUsage | undefined;
		let tcpAtStart: TcpCounters | undefined;
		let outcome: ChildRun | Error | undefined;
		const timer = setTimeout(() => {
			outcome = new Error(
				`${job.maker} with ${job.items} items did not finish in ${CHILD_TIMEOUT_MS / 60_000} minutes`,
			);
			child.kill();
		}, CHILD_TIMEOUT_MS);
		child.on('message', (message: ChildMessage) => {
			if (message.type === 'start') {
				onStart?.();
				cpuAtStart = process.cpuUsage();
				tcpAtStart = readTcpCounters();
				const go: GoMessage = { type: 'go' };
				child.send(go);
			} else if (message.type === 'error')
				outcome = new Error(`${job.maker} with ${job.items} items: ${message.message}`);
			else {
				const cpu = process.cpuUsage(cpuAtStart);
				const tcp = difference(readTcpCounters(), tcpAtStart);
				outcome = { result: message, sandboxCpuMs: (cpu.user + cpu.system) / 1000, tcp };
			}
		});
		child.on('error', reject);
		// Settled on exit, not on the result, so the next measurement never overlaps this process.
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (outcome instanceof Error) reject(outcome);
			else if (outcome) resolve(outcome);
			else
				reject(
					new Error(
						`${job.maker} with ${job.items} items exited (${signal ?? code}) without a result`,
					),
				);
		});
	});
}

export async function measure(
	sandbox: Sandbox,
	maker: Maker,
	items: number,
	warmup: number,
	httpRequestModule: string,
	execArgv: string[] = [],
): Promise<Measurement> {
	// Every measurement starts from an empty sandbox, so earlier runs' messages cost nothing.
	sandbox.reset();
	const conversations = await openConversations(sandbox);
	const job: Job = {
		maker,
		items,
		conversationId: conversations.measured,
		warmupItems: warmup,
		warmupConversationId: conversations.warmup,
		sandbox: { url: sandbox.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
		httpRequestModule,
	};
	const { result, sandboxCpuMs, tcp } = await runChild(job, { execArgv });
	const problems = [...result.problems, ...checkSandbox(sandbox, conversations.measured, items)];
	if (result.keepAliveRequests > 0)
		problems.push(`${result.keepAliveRequests} requests used keep-alive`);
	return { ...result, problems, maker, items, sandboxCpuMs, tcp };
}
