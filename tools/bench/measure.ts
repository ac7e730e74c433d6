import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { subscribe } from 'node:diagnostics_channel';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { IVersionedNodeType } from 'n8n-workflow';
import { runMaker } from './makers';
import {
	messageText,
	type ChildMessage,
	type GoMessage,
	type Job,
	type ResultMessage,
} from './protocol';

/**
 * One measurement in a fresh process, so that one maker's heap, JIT state and
 * loaded modules never inflate the next one's figures. Forked by
 * run-measurement.ts with the job as its only argument; answers over the IPC
 * channel.
 */

/** Counts what n8n's HTTP client really does on the wire, to check the makers compare like with like. */
const traffic = {
	requests: 0,
	connections: 0,
	keepAliveRequests: 0,
	socketErrors: {} as Record<string, number>,
	/** performance.now() of the timed run's first request: n8n's routing builds every item's request before sending any. */
	firstRequestAt: undefined as number | undefined,
};
subscribe('net.client.socket', (message) => {
	traffic.connections++;
	// A second listener changes nothing for the client's own one; it counts refused or exhausted connections.
	(message as { socket: Socket }).socket.on('error', (error: NodeJS.ErrnoException) => {
		const code = error.code ?? error.message;
		traffic.socketErrors[code] = (traffic.socketErrors[code] ?? 0) + 1;
	});
});
subscribe('http.client.request.start', (message) => {
	traffic.requests++;
	traffic.firstRequestAt ??= performance.now();
	if ((message as { request: ClientRequest }).request.shouldKeepAlive) traffic.keepAliveRequests++;
});

/** Resolves on the parent's GoMessage, sent once it has sampled its counters and set up the sandbox. */
function parentSaysGo(): Promise<void> {
	return new Promise((resolve) => {
		const listener = (message: GoMessage): void => {
			if (message.type !== 'go') return;
			process.off('message', listener);
			resolve();
		};
		process.on('message', listener);
	});
}

/** The failure messages of a run, the most frequent first (the item index taken out, so one kind counts once). */
function failureKinds(errors: string[]): Array<[string, number]> {
	const kinds = new Map<string, number>();
	for (const error of errors) {
		const kind = error.replace(/^item \d+: /, '').slice(0, 160);
		kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
	}
	return [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

function send(message: ChildMessage): Promise<void> {
	return new Promise((resolve, reject) => {
		if (!process.send)
			return reject(new Error('measure.js must be started by the bench with an IPC channel'));
		process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
	});
}

/**
 * Loads HTTP Request from the bench's n8n-nodes-base cache and makes it known
 * to the engine. It must see the repository's n8n-workflow (the cache links
 * to it): checked here, because two copies would only show on error paths.
 */
async function registerHttpRequest(modulePath: string): Promise<void> {
	const requireFromCache = createRequire(modulePath);
	const cacheWorkflow = realpathSync(requireFromCache.resolve('n8n-workflow'));
	const repoWorkflow = realpathSync(require.resolve('n8n-workflow'));
	if (cacheWorkflow !== repoWorkflow) {
		throw new Error(
			`n8n-nodes-base resolves n8n-workflow to ${cacheWorkflow}, not the repository's ${repoWorkflow}`,
		);
	}
	const { HttpRequest } = requireFromCache(modulePath) as {
		HttpRequest: new () => IVersionedNodeType;
	};
	const { registerNodeType } = await import('../engine');
	registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
}

/**
 * Counts the `={{ … }}` evaluations of a run: every one goes through
 * Expression.initializeGlobalContext, the costly part the perf notes name.
 * Used on the untimed warm-up only, so the timed run carries no counter.
 */
async function countingExpressions<T>(
	enabled: boolean,
	run: () => Promise<T>,
): Promise<{ result: T; evaluations: number }> {
	if (!enabled) return { result: await run(), evaluations: 0 };
	const { Expression } = await import('n8n-workflow');
	const original = Expression.initializeGlobalContext.bind(Expression);
	let evaluations = 0;
	Expression.initializeGlobalContext = (data) => {
		evaluations++;
		original(data);
	};
	try {
		return { result: await run(), evaluations };
	} finally {
		Expression.initializeGlobalContext = original;
	}
}

function texts(count: number): string[] {
	return Array.from({ length: count }, (_, index) => messageText(index));
}

async function measure(job: Job): Promise<ResultMessage> {
	if (job.maker === 'httpRequest') {
		if (!job.httpRequestModule)
			throw new Error('httpRequest needs the path of HttpRequest.node.js');
		await registerHttpRequest(job.httpRequestModule);
	}
	const problems: string[] = [];
	let expressionsPerItem: number | undefined;
	if (job.warmupItems > 0) {
		const counted = await countingExpressions(
			job.maker !== 'raw',
			async () => await runMaker(job.maker, job, job.warmupConversationId, texts(job.warmupItems)),
		);
		problems.push(...counted.result.errors.slice(0, 3).map((error) => `warm-up: ${error}`));
		expressionsPerItem = counted.evaluations / job.warmupItems;
	}

	const sent = texts(job.items);
	const maxRssBeforeKb = process.resourceUsage().maxRSS;
	traffic.requests = traffic.connections = traffic.keepAliveRequests = 0;
	traffic.socketErrors = {};
	traffic.firstRequestAt = undefined;
	const go = parentSaysGo();
	await send({ type: 'start' });
	await go;
	const cpuBefore = process.cpuUsage();
	const timedFromUs = Number(process.hrtime.bigint() / 1000n);
	const started = performance.now();
	const output = await runMaker(job.maker, job, job.conversationId, sent);
	const wallMs = performance.now() - started;
	const timedToUs = Number(process.hrtime.bigint() / 1000n);
	const cpu = process.cpuUsage(cpuBefore);
	const maxRssKb = process.resourceUsage().maxRSS;

	const okItems = output.items.filter(
		(json, index) => json.content === sent[index] && typeof json.id === 'number',
	).length;
	// Under a rate limit, failed items are the result; the sandbox counts what was delivered.
	const failures = job.rateLimited ? failureKinds(output.errors) : [];
	if (!job.rateLimited) {
		problems.push(...output.errors.slice(0, 5));
		if (output.errors.length > 5)
			problems.push(`… and ${output.errors.length - 5} more failed items`);
		if (output.items.length !== job.items)
			problems.push(`${output.items.length} output items for ${job.items} input items`);
		if (okItems !== job.items)
			problems.push(`${job.items - okItems} output items do not carry the message they sent`);
		if (traffic.requests !== job.items)
			problems.push(`${traffic.requests} HTTP requests for ${job.items} items`);
	}
	return {
		type: 'result',
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		maxRssKb,
		maxRssBeforeKb,
		requests: traffic.requests,
		firstRequestMs:
			traffic.firstRequestAt === undefined ? undefined : traffic.firstRequestAt - started,
		connections: traffic.connections,
		keepAliveRequests: traffic.keepAliveRequests,
		okItems,
		socketErrors: traffic.socketErrors,
		failures,
		expressionsPerItem,
		timedFromUs,
		timedToUs,
		problems,
	};
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? '') as Job;
	try {
		await send(await measure(job));
	} catch (error) {
		await send({
			type: 'error',
			message: error instanceof Error ? (error.stack ?? error.message) : String(error),
		});
	}
	// Exit explicitly: n8n-core may leave timers behind, and --cpu-prof writes its profile on exit.
	process.exit(0);
}

void main();
