import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * What loading this package adds to an n8n process: n8n-workflow is already
 * in memory there, so it is required first and not timed. Timed: requiring
 * the built node and credential modules, instantiating them and reading their
 * descriptions, as n8n's loader does. Run in a fresh process per sample by
 * package-figures.ts, with the package root as the only argument; prints
 * milliseconds.
 */

interface NodeModule {
	LiveDesk: new () => { description: { properties: unknown[] } };
}

interface CredentialModule {
	LiveDeskApi: new () => { name: string; properties: unknown[] };
}

const root = process.argv[2];
if (!root) throw new Error('Usage: node load-time.js <package root>');
const load = createRequire(path.join(root, 'package.json'));
load('n8n-workflow');

const started = performance.now();
const { LiveDesk } = load(path.join(root, 'dist', 'nodes', 'LiveDesk', 'LiveDesk.node.js')) as NodeModule;
const { LiveDeskApi } = load(path.join(root, 'dist', 'credentials', 'LiveDeskApi.credentials.js')) as CredentialModule;
const described = new LiveDesk().description.properties.length + new LiveDeskApi().properties.length;
const elapsed = performance.now() - started;

if (described === 0) throw new Error('The node and credential describe no properties');
process.stdout.write(`${elapsed}\n`);
