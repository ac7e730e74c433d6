import { spawn } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	renameSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * n8n-nodes-base (844 packages, about 800 MB installed) is too heavy to be a
 * dependency of this package, but its HTTP Request node is the yardstick. The
 * bench installs it once into the user's cache, outside the repository. The
 * version follows the n8n-core / n8n-workflow 2.41 line of devDependencies.
 */
export const NODES_BASE_VERSION = '2.41.1';

const HTTP_REQUEST_MODULE = path.join(
	'node_modules',
	'n8n-nodes-base',
	'dist',
	'nodes',
	'HttpRequest',
	'HttpRequest.node.js',
);

export function nodesBaseCacheDir(): string {
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(
		cacheHome,
		'n8n-nodes-engagelab-livedesk',
		`bench-n8n-nodes-base-${NODES_BASE_VERSION}`,
	);
}

/**
 * The repository's own n8n-workflow package folder. n8n-core and our node use
 * this copy; n8n-nodes-base must use it too (see linkSharedWorkflow).
 */
function repoWorkflowDir(): string {
	const entry = require.resolve('n8n-workflow');
	const marker = `${path.sep}node_modules${path.sep}n8n-workflow${path.sep}`;
	const at = entry.lastIndexOf(marker);
	if (at < 0) throw new Error(`Cannot find the n8n-workflow package folder from ${entry}`);
	return entry.slice(0, at + marker.length - 1);
}

/**
 * With its own n8n-workflow, n8n-nodes-base would throw and test error classes
 * that are not those of n8n-core: the HTTP Request node checks
 * `reason instanceof NodeApiError` on what n8n-core's request helper threw,
 * and n8n-core checks `instanceof BaseError` / `ExecutionBaseError` on what
 * the node throws. With two copies those checks fail and errors get wrapped
 * twice. So the cache's n8n-workflow is a symlink to the repository's copy
 * (Node resolves modules by real path, so both load the same instance). It is
 * re-pointed when the repository moved or another checkout pointed it elsewhere.
 */
function linkSharedWorkflow(installDir: string): void {
	const link = path.join(installDir, 'node_modules', 'n8n-workflow');
	const target = repoWorkflowDir();
	const stat = existsSync(link) || isDanglingLink(link) ? lstatSync(link) : undefined;
	if (stat?.isSymbolicLink() && readlinkSync(link) === target) return;
	const temporary = `${link}.link-${process.pid}`;
	symlinkSync(target, temporary, 'dir');
	if (stat && !stat.isSymbolicLink()) rmSync(link, { recursive: true, force: true });
	// rename replaces an existing symlink atomically, so a concurrent reader never sees no link.
	renameSync(temporary, link);
}

function isDanglingLink(file: string): boolean {
	try {
		return lstatSync(file).isSymbolicLink();
	} catch {
		return false;
	}
}

function installedVersion(installDir: string): string | undefined {
	try {
		const manifest = readFileSync(
			path.join(installDir, 'node_modules', 'n8n-nodes-base', 'package.json'),
			'utf8',
		);
		return (JSON.parse(manifest) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

/**
 * npm run passes its project's settings down in the environment; with
 * npm_config_local_prefix=<this repo> a nested `npm install` would install
 * into the repository. Only the user's own npm configuration is kept.
 */
function npmEnvironment(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			([key]) =>
				!/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_prefix$|config_global_prefix$)/i.test(
					key,
				),
		),
	);
}

function runNpmInstall(directory: string, log: (line: string) => void): Promise<void> {
	// Under `npm run`, npm_execpath is the npm that runs us; otherwise the npm on PATH.
	const npmCli = process.env.npm_execpath;
	const args = [
		'install',
		'--ignore-scripts',
		'--no-audit',
		'--no-fund',
		'--loglevel=error',
		'--prefix',
		directory,
	];
	const [command, commandArgs] = npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args];
	return new Promise((resolve, reject) => {
		const child = spawn(command, commandArgs, {
			cwd: directory,
			env: npmEnvironment(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output: string[] = [];
		const collect = (chunk: Buffer): void => {
			output.push(chunk.toString('utf8'));
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		child.on('error', reject);
		child.on('close', (code) => {
			writeFileSync(path.join(directory, 'install.log'), output.join(''));
			if (code === 0) return resolve();
			const tail = output.join('').trim().split('\n').slice(-15).join('\n');
			log(tail);
			reject(
				new Error(
					`npm install of n8n-nodes-base@${NODES_BASE_VERSION} failed with exit code ${String(code)}`,
				),
			);
		});
	});
}

/**
 * Installs n8n-nodes-base into the cache on first use and returns the path of
 * its HttpRequest.node.js. The install goes to a temporary sibling folder that
 * is renamed into place only when complete, so an interrupted install never
 * leaves a half-filled cache that later runs would trust.
 */
export async function ensureNodesBase(log: (line: string) => void): Promise<string> {
	const installDir = nodesBaseCacheDir();
	if (installedVersion(installDir) !== NODES_BASE_VERSION) {
		log(
			`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${installDir} (first run only, about a minute)…`,
		);
		mkdirSync(path.dirname(installDir), { recursive: true });
		const temporary = mkdtempSync(`${installDir}.tmp-`);
		try {
			const host = {
				name: 'livedesk-bench-n8n-nodes-base',
				version: '0.0.0',
				private: true,
				description:
					'Holds n8n-nodes-base for the benchmark of n8n-nodes-engagelab-livedesk; safe to delete.',
				dependencies: { 'n8n-nodes-base': NODES_BASE_VERSION },
				// Some n8n-nodes-base versions point xlsx at a CDN tarball that cannot always be fetched; the registry's copy works.
				overrides: { xlsx: '0.18.5' },
			};
			writeFileSync(path.join(temporary, 'package.json'), `${JSON.stringify(host, null, '\t')}\n`);
			await runNpmInstall(temporary, log);
			if (installedVersion(temporary) !== NODES_BASE_VERSION) {
				throw new Error(
					`npm install finished but n8n-nodes-base@${NODES_BASE_VERSION} is not in ${temporary}`,
				);
			}
			linkSharedWorkflow(temporary);
			if (installedVersion(installDir) === NODES_BASE_VERSION) {
				// A concurrent bench run finished first and may be using its install: keep it.
				rmSync(temporary, { recursive: true, force: true });
			} else {
				// Whatever is there is a leftover without the right version.
				rmSync(installDir, { recursive: true, force: true });
				renameSync(temporary, installDir);
			}
		} catch (error) {
			rmSync(temporary, { recursive: true, force: true });
			if (installedVersion(installDir) !== NODES_BASE_VERSION) throw error;
		}
	}
	linkSharedWorkflow(installDir);
	return path.join(installDir, HTTP_REQUEST_MODULE);
}
