import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The parts of a V8 .cpuprofile (as written by `node --cpu-prof`) that the summary needs. */
interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
		children?: number[];
	}>;
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

interface Frame {
	functionName: string;
	url: string;
	lineNumber: number;
	group: string;
	parent?: number;
}

export interface ProfileSummary {
	totalMs: number;
	/** Samples counted; 0 means the window missed the profile. */
	samples: number;
	/** Self time by group, largest first. */
	groups: Array<{ name: string; ms: number }>;
	/** Time with at least one frame of the group on the stack, largest first. */
	inclusive: Array<{ name: string; ms: number }>;
	/** Functions with the most self time. */
	top: Array<{ name: string; where: string; group: string; ms: number }>;
}

/** Packages n8n-workflow evaluates `={{ … }}` with. */
const EXPRESSION_PACKAGES = new Set([
	'@n8n/tournament',
	'@n8n/expression-runtime',
	'esprima-next',
	'recast',
	'ast-types',
	'luxon',
]);
const EXPRESSION_FILES =
	/\/(expression[^/]*|workflow-expression|workflow-data-proxy[^/]*|augment-object)\.js$|\/(expressions|extensions|native-methods)\//;
const HTTP_PACKAGES = new Set([
	'@n8n/backend-network',
	'axios',
	'follow-redirects',
	'form-data',
	'proxy-from-env',
	'combined-stream',
]);
const NODE_NETWORK =
	/^node:(_http_|net$|dns|internal\/(http|net|dns|stream|streams|url|tcp)|stream|url)/;

const GROUP = {
	expression: 'n8n-workflow: expression evaluation',
	workflowOther: 'n8n-workflow: other',
	routing: 'n8n-core: routing node',
	nodeContext: 'n8n-core: node execution context',
	coreOther: 'n8n-core: engine, other',
	ours: 'this package: preSend/postReceive hooks',
	harness: 'tools/engine harness (credentials helper)',
	http: 'http client: axios/backend-network + node:http/net',
	gc: 'V8: garbage collection',
	program: 'V8: program (compile, runtime, native)',
	idle: 'idle (waiting on the network/sandbox)',
	nodeOther: 'Node.js internals, other',
	otherPackages: 'other packages',
} as const;

/** The profile's root frame: on every stack, so it says nothing. */
const ROOT = '(root)';

/** Groups whose inclusive time is not worth a line: they sit at the bottom of every async stack, or are leaves only. */
const NOT_INCLUSIVE = new Set<string>([ROOT, GROUP.program, GROUP.nodeOther, GROUP.idle, GROUP.gc]);

function packageOf(url: string): string | undefined {
	const at = url.lastIndexOf('/node_modules/');
	if (at < 0) return undefined;
	const [first = '', second = ''] = url.slice(at + '/node_modules/'.length).split('/');
	return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Which part of the run a function belongs to, judged by the file it is in. */
function groupOf(functionName: string, url: string, projectRoot: string): string {
	if (functionName === '(garbage collector)') return GROUP.gc;
	if (functionName === '(idle)') return GROUP.idle;
	if (functionName === '(root)') return ROOT;
	if (functionName === '(program)' || url === '') return GROUP.program;
	const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
	const pkg = packageOf(file);
	if (pkg === 'n8n-workflow')
		return EXPRESSION_FILES.test(file) ? GROUP.expression : GROUP.workflowOther;
	if (pkg === 'n8n-core') {
		if (file.endsWith('/routing-node.js')) return GROUP.routing;
		if (file.includes('/request-helper') || file.includes('/request-helpers/')) return GROUP.http;
		return file.includes('/node-execution-context/') ? GROUP.nodeContext : GROUP.coreOther;
	}
	if (pkg !== undefined && EXPRESSION_PACKAGES.has(pkg)) return GROUP.expression;
	if (pkg !== undefined && HTTP_PACKAGES.has(pkg)) return GROUP.http;
	if (pkg !== undefined) return `${GROUP.otherPackages} (${pkg})`;
	if (file.startsWith(path.join(projectRoot, 'dist'))) return GROUP.ours;
	if (file.startsWith(path.join(projectRoot, 'build', 'tools'))) return GROUP.harness;
	if (NODE_NETWORK.test(file)) return GROUP.http;
	return GROUP.nodeOther;
}

function sortedEntries(totals: Map<string, number>): Array<{ name: string; ms: number }> {
	return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

function add(totals: Map<string, number>, key: string, ms: number): void {
	totals.set(key, (totals.get(key) ?? 0) + ms);
}

/**
 * Self and inclusive time per group, and the functions with the most self
 * time; only samples inside the window (µs on the profiler's clock) count.
 */
export function summarizeProfile(
	file: string,
	projectRoot: string,
	window?: { fromUs: number; toUs: number },
): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const frames = new Map<number, Frame>();
	for (const node of profile.nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		frames.set(node.id, {
			functionName,
			url,
			lineNumber,
			group: groupOf(functionName, url, projectRoot),
		});
	}
	for (const node of profile.nodes) {
		for (const child of node.children ?? []) {
			const frame = frames.get(child);
			if (frame) frame.parent = node.id;
		}
	}

	const selfByGroup = new Map<string, number>();
	const inclusiveByGroup = new Map<string, number>();
	const selfByFunction = new Map<string, number>();
	let totalMs = 0;
	let counted = 0;
	let timestamp = profile.startTime;
	for (const [index, id] of profile.samples.entries()) {
		// timeDeltas[i] is the time since the previous sample: attributed to this sample.
		const delta = profile.timeDeltas[index] ?? 0;
		timestamp += delta;
		if (window && (timestamp < window.fromUs || timestamp > window.toUs)) continue;
		const ms = delta / 1000;
		const leaf = frames.get(id);
		if (!leaf) continue;
		totalMs += ms;
		counted++;
		add(selfByGroup, leaf.group, ms);
		add(selfByFunction, `${id}`, ms);
		const onStack = new Set<string>();
		for (
			let frame: Frame | undefined = leaf;
			frame;
			frame = frame.parent === undefined ? undefined : frames.get(frame.parent)
		) {
			onStack.add(frame.group);
		}
		for (const group of onStack) if (!NOT_INCLUSIVE.has(group)) add(inclusiveByGroup, group, ms);
	}

	// The same function appears under many call paths: merge them by name and location.
	const byLocation = new Map<string, { name: string; where: string; group: string; ms: number }>();
	for (const [id, ms] of selfByFunction) {
		const frame = frames.get(Number(id));
		if (!frame) continue;
		const file = frame.url.replace(/^file:\/\//, '');
		const where = file ? `${shorten(file, projectRoot)}:${frame.lineNumber + 1}` : '';
		const key = `${frame.functionName}@${where}`;
		const entry = byLocation.get(key) ?? {
			name: frame.functionName || '(anonymous)',
			where,
			group: frame.group,
			ms: 0,
		};
		entry.ms += ms;
		byLocation.set(key, entry);
	}
	const top = [...byLocation.values()].sort((a, b) => b.ms - a.ms).slice(0, 25);
	return {
		totalMs,
		samples: counted,
		groups: sortedEntries(selfByGroup),
		inclusive: sortedEntries(inclusiveByGroup),
		top,
	};
}

function shorten(file: string, projectRoot: string): string {
	const at = file.lastIndexOf('/node_modules/');
	if (at >= 0) return file.slice(at + '/node_modules/'.length);
	return file.startsWith(projectRoot) ? path.relative(projectRoot, file) : file;
}
