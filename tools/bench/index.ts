import { execFile, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../sandbox';
import { ensureNodesBase, NODES_BASE_VERSION } from './nodes-base-cache';
import { summarizeProfile } from './profile';
import {
	MAKER_LABELS,
	MAKERS,
	messageText,
	type ChildMessage,
	type Job,
	type Maker,
	type ResultMessage,
} from './protocol';
import { checkMark, formatTable, kb, median, mb, ms, ratio } from './report';
import { difference, readTcpCounters, type TcpCounters } from './tcp-counters';

const run = promisify(execFile);

/** The repository root (this file runs from build/tools/bench). Not taken from tools/engine, which would load n8n-core into the sandbox's process. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

const USAGE = `Usage: npm run bench [-- options]

Sends Message → Send items through n8n's engine against the local sandbox with three makers of
the same calls (the LiveDesk node, n8n's HTTP Request node 4.2, a raw node:http loop), each
measurement in a fresh process, and prints time, memory, package size and load time.

  --sizes 1000,10000   item counts to measure (default 1000,10000)
  --runs N             measurements per maker and size; the median wall time is shown (default 1)
  --warmup N           untimed items each process sends first (default 200; 0 = cold)
  --makers a,b         only these makers: liveDesk, httpRequest, raw (default all three)
  --profile [N]        instead: CPU-profile the LiveDesk node sending N items (default 5000)
  --help               show this help`;

/** Counted as linear: 10k items may cost up to this much more per item than 1k. */
const LINEAR_LIMIT = 1.25;
const TARGETS = { vsHttpRequest: 0.9, vsRaw: 1.5, tarballBytes: 50_000, loadMs: 10 };
const LOAD_SAMPLES = 20;
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface Options {
	sizes: number[];
	makers: Maker[];
	runs: number;
	warmup: number;
	profileItems?: number;
	help: boolean;
}

class UsageError extends Error {}

function positiveInteger(text: string | undefined, flag: string, allowZero = false): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new UsageError(`${flag} needs a whole number`);
	return value;
}

function parseMaker(name: string): Maker {
	const maker = MAKERS.find((known) => known === name);
	if (!maker) throw new UsageError(`Unknown maker "${name}"; use ${MAKERS.join(', ')}`);
	return maker;
}

function parseArgs(argv: readonly string[]): Options {
	const options: Options = { sizes: [1000, 10_000], makers: [...MAKERS], runs: 1, warmup: 200, help: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
		const value = (): string | undefined => inline ?? argv[++i];
		if (flag === '--help' || flag === '-h') options.help = true;
		else if (flag === '--sizes') options.sizes = (value() ?? '').split(',').map((size) => positiveInteger(size, flag));
		else if (flag === '--makers') options.makers = (value() ?? '').split(',').map(parseMaker);
		else if (flag === '--runs') options.runs = positiveInteger(value(), flag);
		else if (flag === '--warmup') options.warmup = positiveInteger(value(), flag, true);
		else if (flag === '--profile') {
			const next = inline ?? argv[i + 1];
			options.profileItems = next !== undefined && /^\d+$/.test(next) ? positiveInteger(inline ?? argv[++i], flag) : 5000;
		} else throw new UsageError(`Unknown option: ${flag}`);
	}
	return options;
}

/** The sandbox's API, used by the bench itself to open the conversations the makers post into. */
async function api(sandbox: Sandbox, route: string, body: object): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.url}/api/v2/accounts${route}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`,
		},
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as Record<string, unknown>;
	if (!response.ok) throw new Error(`Sandbox ${route} answered ${response.status}: ${JSON.stringify(json)}`);
	return json;
}

async function openConversations(sandbox: Sandbox): Promise<{ warmup: number; measured: number }> {
	const created = await api(sandbox, '/contacts', { inbox_id: sandbox.inboxId, name: 'Bench Customer' });
	const contact = (created.payload as { contact: { id: number } }).contact;
	const open = async (): Promise<number> =>
		(await api(sandbox, '/conversations', { inbox_id: sandbox.inboxId, contact_id: contact.id })).id as number;
	return { warmup: await open(), measured: await open() };
}

/** Exactly the texts that were sent, each once, as incoming messages: otherwise the run measured failures. */
function checkSandbox(sandbox: Sandbox, conversationId: number, count: number): string[] {
	const messages = sandbox.store.listMessages(conversationId);
	const expected = new Set(Array.from({ length: count }, (_, index) => messageText(index)));
	const problems: string[] = [];
	if (messages.length !== count) problems.push(`the sandbox has ${messages.length} new messages, not ${count}`);
	for (const message of messages) {
		if (!expected.delete(message.content)) problems.push(`unexpected or repeated message "${message.content}"`);
		else if (message.messageType !== 'incoming') problems.push(`message ${message.id} is ${message.messageType}`);
		if (problems.length > 5) break;
	}
	return problems;
}

interface ChildRun {
	result: ResultMessage;
	sandboxCpuMs: number;
	/** During the timed run; undefined off Linux. */
	tcp?: TcpCounters;
}

interface Measurement extends ResultMessage, Omit<ChildRun, 'result'> {
	maker: Maker;
	items: number;
}

/** Runs one job in a fresh process and returns what it reported, with the sandbox's CPU during the timed part. */
function runChild(job: Job, execArgv: string[] = []): Promise<ChildRun> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'measure.js'), [JSON.stringify(job)], { execArgv, stdio: 'inherit' });
		let cpuAtStart: NodeJS.CpuUsage | undefined;
		let tcpAtStart: TcpCounters | undefined;
		let outcome: ChildRun | Error | undefined;
		const timer = setTimeout(() => {
			outcome = new Error(`${job.maker} with ${job.items} items did not finish in ${CHILD_TIMEOUT_MS / 60_000} minutes`);
			child.kill();
		}, CHILD_TIMEOUT_MS);
		child.on('message', (message: ChildMessage) => {
			if (message.type === 'start') {
				cpuAtStart = process.cpuUsage();
				tcpAtStart = readTcpCounters();
			} else if (message.type === 'error') outcome = new Error(`${job.maker} with ${job.items} items: ${message.message}`);
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
			else reject(new Error(`${job.maker} with ${job.items} items exited (${signal ?? code}) without a result`));
		});
	});
}

async function measure(
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
	const { result, sandboxCpuMs, tcp } = await runChild(job, execArgv);
	const problems = [...result.problems, ...checkSandbox(sandbox, conversations.measured, items)];
	if (result.keepAliveRequests > 0) problems.push(`${result.keepAliveRequests} requests used keep-alive`);
	return { ...result, problems, maker, items, sandboxCpuMs, tcp };
}

/** A status line on a terminal only, so piped output holds just the figures. */
function progress(line: string): void {
	if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(78)}\r`);
}

function machine(): string {
	const cores = cpus();
	return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${mb(totalmem() / 1024)} MB RAM, Node ${process.version} (${process.platform} ${process.arch})`;
}

/** Other processes on the machine stretch wall times (not CPU times); the load average tells how busy it was. */
function loadAverage(judge = true): string {
	const [oneMinute = 0] = loadavg();
	const busy = judge && oneMinute > cpus().length;
	return `1-minute load average ${oneMinute.toFixed(2)}${busy ? ' (more than the cores: wall times may be inflated, CPU times less so)' : ''}`;
}

async function tarball(): Promise<{ size: number; unpackedSize: number; entryCount: number }> {
	const npmCli = process.env.npm_execpath;
	const args = ['pack', '--dry-run', '--json', '--ignore-scripts'];
	const { stdout } = npmCli
		? await run(process.execPath, [npmCli, ...args], { cwd: PROJECT_ROOT })
		: await run('npm', args, { cwd: PROJECT_ROOT });
	const [packed] = JSON.parse(stdout) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	if (!packed) throw new Error('npm pack --dry-run --json printed no package');
	return packed;
}

async function loadTimes(): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < LOAD_SAMPLES; i++) {
		const { stdout } = await run(process.execPath, [path.join(__dirname, 'load-time.js'), PROJECT_ROOT]);
		samples.push(Number(stdout.trim()));
	}
	return samples;
}

function printMeasurements(measurements: Measurement[]): void {
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
		for (const problem of m.problems) console.log(`  ✖ ${MAKER_LABELS[m.maker]}, ${m.items} items: ${problem}`);
	}
	const congested = measurements.filter((m) => (m.tcp?.listenOverflows ?? 0) > 0);
	if (congested.length > 0) {
		const which = congested.map((m) => `${MAKER_LABELS[m.maker]} ${m.items.toLocaleString('en-US')}`).join(', ');
		console.log(
			`  ⚠ ${which}: the sandbox's listen queue overflowed (TCP drops, system-wide counters). Every maker opens one connection per item, all at once; dropped handshakes wait for TCP's retransmission timer (≥ 0.2–1 s), so these wall times partly measure that timer, and they favour slow makers, whose bursts overlap their own CPU work. Compare "maker CPU ms/item" there.`,
		);
	}
}

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

function printTargets(measurements: Measurement[], sizes: number[], packed: Awaited<ReturnType<typeof tarball>>, load: number[]): void {
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
			quotient(perItem(measurements, maker, large, figure), perItem(measurements, maker, small, figure));
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
	console.log(
		`  ${checkMark(packed.size <= TARGETS.tarballBytes)} tarball: ${kb(packed.size)} kB packed, ${kb(packed.unpackedSize)} kB unpacked, ${packed.entryCount} files (target ≤ ${kb(TARGETS.tarballBytes)} kB packed)`,
	);
	const loadMedian = median(load);
	console.log(
		`  ${checkMark(loadMedian <= TARGETS.loadMs)} load: median ${ms(loadMedian)} ms to require, instantiate and describe node + credential with n8n-workflow loaded (min ${ms(Math.min(...load))}, max ${ms(Math.max(...load))}, ${load.length} fresh processes; target ≤ ${TARGETS.loadMs} ms)`,
	);
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

async function benchmark(sandbox: Sandbox, options: Options, httpRequestModule: string): Promise<boolean> {
	console.log(`Machine: ${machine()}; ${loadAverage()}`);
	console.log(
		`Message → Send, content from ={{ $json.text }}, messageType incoming, into one conversation of the sandbox (in this process, 127.0.0.1).`,
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
				progress(`measuring ${MAKER_LABELS[maker]} with ${size.toLocaleString('en-US')} items (run ${i + 1} of ${options.runs})…`);
				runs.push(await measure(sandbox, maker, size, options.warmup, httpRequestModule));
			}
			measurements.push(combineRuns(runs));
		}
	}
	progress('');
	printMeasurements(measurements);
	console.log(`After the runs: ${loadAverage(false)}, the bench's own two busy processes included.`);
	const [packed, load] = [await tarball(), await loadTimes()];
	printTargets(measurements, options.sizes, packed, load);
	return measurements.every((m) => m.problems.length === 0);
}

async function profile(sandbox: Sandbox, options: Options, items: number): Promise<boolean> {
	const directory = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-profile-'));
	console.log(`Machine: ${machine()}; ${loadAverage()}`);
	console.log(`CPU profile of the LiveDesk node sending ${items.toLocaleString('en-US')} items (after ${options.warmup} warm-up items)…`);
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
	const summary = summarizeProfile(profileFile, PROJECT_ROOT, { fromUs: result.timedFromUs, toUs: result.timedToUs });
	if (summary.samples === 0) throw new Error(`No samples of ${profileFile} fall into the timed run`);
	const share = (value: number): string => `${((100 * value) / summary.totalMs).toFixed(1)} %`;
	console.log(`\nProfile: ${profileFile}`);
	console.log(`Counted: the timed run only, ${ms(summary.totalMs)} ms in ${summary.samples.toLocaleString('en-US')} samples (open the file in Chrome DevTools → Performance for the rest).`);
	console.log('\nSelf time by group');
	console.log(formatTable(['group', 'ms', 'share'], summary.groups.map((g) => [g.name, ms(g.ms), share(g.ms)]), [false, true, true]));
	console.log('\nInclusive time by group (a frame of the group anywhere on the stack)');
	console.log(formatTable(['group', 'ms', 'share'], summary.inclusive.map((g) => [g.name, ms(g.ms), share(g.ms)]), [false, true, true]));
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

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log(USAGE);
		return 0;
	}
	const log = (line: string): void => console.log(line);
	const needsNodesBase = options.profileItems === undefined && options.makers.includes('httpRequest');
	const httpRequestModule = needsNodesBase ? await ensureNodesBase(log) : '';
	// One throwaway n8n user folder for all child processes, removed at the end (the engine would make one per process).
	const userFolder = mkdtempSync(path.join(tmpdir(), 'livedesk-bench-n8n-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const sandbox = await startSandbox({ quiet: true, record: false });
	try {
		const valid =
			options.profileItems === undefined
				? await benchmark(sandbox, options, httpRequestModule)
				: await profile(sandbox, options, options.profileItems);
		if (options.profileItems === undefined) console.log(`\nHTTP Request: n8n-nodes-base@${NODES_BASE_VERSION} from the bench cache.`);
		if (!valid) console.log('\n✖ At least one measurement is invalid (see above): its figures measure failures.');
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
