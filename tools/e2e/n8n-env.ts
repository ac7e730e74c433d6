import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Where tools/e2e/lib.sh put n8n and Node 24; passed in by the shell drivers. */
export interface N8nInstall {
	version: string;
	/** node_modules/.bin of the cached n8n install. */
	binDir: string;
	/** bin/ of the cached Node 24; n8n 2.x refuses older Node, and our tooling stays on Node 20. */
	nodeBinDir: string;
}

export function installFromEnv(): N8nInstall {
	const need = (name: string): string => {
		const value = process.env[name];
		if (!value)
			throw new Error(`${name} is not set; run this through tools/e2e/e2e.sh or editor.sh`);
		return value;
	};
	return {
		version: need('E2E_N8N_VERSION'),
		binDir: need('N8N_BIN_DIR'),
		nodeBinDir: need('NODE24_BIN'),
	};
}

/**
 * Ports are picked below the kernel's ephemeral range (32768–60999 on Linux): a port we probe and
 * release there can be handed to any outgoing connection or listen(0) before n8n binds it, which
 * once made CI fail with "n8n Task Broker's port … is already in use".
 */
const PORT_RANGE = { first: 20_000, last: 32_000 };

function listenOn(port: number): Promise<Server | undefined> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(undefined));
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

/**
 * `count` distinct free ports. All probes stay open until every port is found, so two calls in a
 * row can never return the same port (n8n's editor and task broker on one port was the other way
 * this check used to fail).
 */
export async function freePorts(count: number): Promise<number[]> {
	const held = new Map<number, Server>();
	try {
		for (let attempt = 0; held.size < count && attempt < 1_000; attempt++) {
			const port =
				PORT_RANGE.first + Math.floor(Math.random() * (PORT_RANGE.last - PORT_RANGE.first));
			if (held.has(port)) continue;
			const server = await listenOn(port);
			if (server) held.set(port, server);
		}
		if (held.size < count)
			throw new Error(`no ${count} free ports between ${PORT_RANGE.first} and ${PORT_RANGE.last}`);
		return [...held.keys()];
	} finally {
		await Promise.all(
			[...held.values()].map((server) => new Promise((resolve) => server.close(resolve))),
		);
	}
}

/**
 * Ports n8n would otherwise take at fixed numbers (5678 editor, 5679 task broker): picked free per
 * run, so the E2E and the editor test can run beside each other or beside a developer's own n8n.
 */
export async function freeN8nPorts(): Promise<NodeJS.ProcessEnv> {
	const [editor, broker] = await freePorts(2);
	return { N8N_PORT: String(editor), N8N_RUNNERS_BROKER_PORT: String(broker) };
}

/** A fresh n8n user folder: n8n keeps its sqlite DB, config and community packages under <it>/.n8n. */
export function makeUserFolder(label: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), `livedesk-n8n-${label}-`));
	mkdirSync(path.join(folder, '.n8n', 'nodes'), { recursive: true });
	return folder;
}

/**
 * The environment for every n8n command. Everything that would make n8n reach a host other than
 * 127.0.0.1 (telemetry, version notifications, templates, the community node catalogue, AI
 * assistant, license server) is switched off: CI here has no internet, and a hanging DNS lookup
 * would otherwise show up as a slow or flaky test.
 */
export function n8nEnv(
	install: N8nInstall,
	userFolder: string,
	extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${install.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		// Fixed before the first command: n8n otherwise writes a random key into its config on first
		// start, and imported credentials would be encrypted with a key later commands do not share.
		N8N_ENCRYPTION_KEY: 'livedesk-e2e-encryption-key-not-secret',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_LICENSE_SERVER_URL: 'http://127.0.0.1:9/',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_DIAGNOSTICS_POSTHOG_API_HOST: 'http://127.0.0.1:9',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		// `n8n execute` prints its result JSON and the failure details through the logger at info level.
		N8N_LOG_LEVEL: 'info',
		N8N_NO_COLOR: 'true',
		NO_COLOR: '1',
		// n8n 2.x's MCP server registry refreshes from api.n8n.io at startup; 1.x has no such module
		// and rejects unknown names here.
		...(Number(install.version.split('.')[0]) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		...extra,
	};
}

export function n8nBin(install: N8nInstall): string {
	return path.join(install.binDir, 'n8n');
}

/** Runs one n8n CLI command to completion; n8n commands boot the whole app, so allow minutes. */
export function runN8n(
	install: N8nInstall,
	userFolder: string,
	args: readonly string[],
	extra: NodeJS.ProcessEnv = {},
	timeoutMs = 180_000,
): SpawnSyncReturns<string> {
	return spawnSync(n8nBin(install), args, {
		env: n8nEnv(install, userFolder, extra),
		encoding: 'utf8',
		timeout: timeoutMs,
		maxBuffer: 64 * 1024 * 1024,
	});
}

/** What a finished n8n command left behind; spawnSync's answer has the same shape. */
export type CommandResult = Pick<
	SpawnSyncReturns<string>,
	'stdout' | 'stderr' | 'status' | 'signal' | 'error'
>;

/**
 * runN8n without blocking this process's event loop, for checks that serve n8n something from
 * here while the command runs (e.g. a mock model the workflow calls).
 */
export function runN8nAsync(
	install: N8nInstall,
	userFolder: string,
	args: readonly string[],
	extra: NodeJS.ProcessEnv = {},
	timeoutMs = 180_000,
): Promise<CommandResult> {
	return new Promise((resolve) => {
		const child = spawn(n8nBin(install), args, {
			env: n8nEnv(install, userFolder, extra),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let error: Error | undefined;
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			error = new Error(`n8n ${args.join(' ')} did not finish in ${timeoutMs / 1000} s`);
			child.kill('SIGKILL');
		}, timeoutMs);
		child.once('error', (spawnError) => (error = spawnError));
		child.once('close', (status, signal) => {
			clearTimeout(timer);
			resolve({ stdout, stderr, status, signal, error });
		});
	});
}

export function startN8n(
	install: N8nInstall,
	userFolder: string,
	extra: NodeJS.ProcessEnv,
): ChildProcess {
	return spawn(n8nBin(install), ['start'], {
		env: n8nEnv(install, userFolder, extra),
		stdio: ['ignore', 'pipe', 'pipe'],
		// Own process group, so stopping it also stops the task runner n8n spawns.
		detached: true,
	});
}

/** Installs the packed tarball the way n8n's Community Nodes → Install does (npm in <folder>/.n8n/nodes). */
export function installCommunityPackage(
	install: N8nInstall,
	userFolder: string,
	tarball: string,
): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	// The flags n8n's CommunityPackagesService passes to npm (n8n 2.41:
	// dist/modules/community-packages/community-packages.service.js). n8n also strips
	// peerDependencies before installing, which --omit=peer mirrors: the node must run on the host
	// n8n's n8n-workflow, not on a second copy next to it.
	const result = spawnSync(
		'npm',
		[
			'install',
			tarball,
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--omit=dev',
			'--omit=peer',
			'--loglevel=error',
		],
		{ cwd: nodesDir, env: n8nEnv(install, userFolder), encoding: 'utf8' },
	);
	if (result.status !== 0) {
		throw new Error(
			`npm install ${tarball} in ${nodesDir} failed:\n${result.stdout}\n${result.stderr}`,
		);
	}
}
