import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * What loading this package adds to an n8n process: n8n-workflow (and with it
 * luxon and node:crypto, which the package also requires) is already in memory
 * there, so it is required first and not timed. Timed: what n8n's loader does
 * with a package that has no prebuilt node list: require every file that
 * package.json's "n8n" section names (both nodes and the credential),
 * instantiate each and read its description. Run in a fresh process per
 * sample by package-figures.ts, with the package root as the only argument;
 * prints one JSON line: wall and CPU milliseconds (CPU is less inflated on a
 * busy machine) and how many of the package's own modules were loaded.
 */

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

type Loaded = Record<string, unknown>;

const root = process.argv[2];
if (!root) throw new Error('Usage: node load-time.js <package root>');
const load = createRequire(path.join(root, 'package.json'));
const manifest = load('./package.json') as Manifest;
load('n8n-workflow');
const dist = path.join(root, 'dist') + path.sep;

function described(file: string): number {
	let count = 0;
	for (const exported of Object.values(load(path.join(root, file)) as Loaded)) {
		if (typeof exported !== 'function') continue;
		const instance = new (exported as new () => {
			description?: { properties: unknown[] };
			properties?: unknown[];
		})();
		count += (instance.description?.properties ?? instance.properties ?? []).length;
	}
	return count;
}

const started = performance.now();
const cpuBefore = process.cpuUsage();
const counts = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map(described);
const cpu = process.cpuUsage(cpuBefore);
const elapsed = performance.now() - started;

if (counts.some((count) => count === 0))
	throw new Error('A node or credential of package.json describes no properties');
const modules = Object.keys(load.cache).filter((file) => file.startsWith(dist)).length;
process.stdout.write(
	`${JSON.stringify({ ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000, modules, files: counts.length })}\n`,
);
