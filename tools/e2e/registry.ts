/**
 * A real npm registry on 127.0.0.1 for the checks that install the package the way users do: by
 * name, from a registry, through n8n itself. It is verdaccio (from npm, cached outside the repo by
 * tools/e2e/lib.sh, VERDACCIO_BIN), with no uplinks, so a name it does not hold is a 404 and nothing
 * outside this machine is ever asked; its storage lives in a temp dir that stop() deletes.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePorts } from './n8n-env';
import { answers, poll } from './progress';

export interface LocalRegistry {
	/** http://127.0.0.1:<port>, without a trailing slash (n8n's N8N_COMMUNITY_PACKAGES_REGISTRY). */
	readonly url: string;
	/** `npm publish` of a tarball, authenticated as the registry's one user. */
	publish(tarball: string): void;
	/** The versions the registry holds for a package, as `npm view` would list them. */
	versions(name: string): Promise<string[]>;
	/** The dist.integrity (sha512) of one published version: what N8N_COMMUNITY_PACKAGES' checksum names. */
	integrity(name: string, version: string): Promise<string>;
	/** Stops verdaccio (its process group) and deletes its storage; safe to call twice. */
	stop(): Promise<void>;
	log(): string;
}

function npmIn(cwd: string, args: readonly string[]): string {
	const result = spawnSync('npm', args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/**
 * A copy of a packed tarball with its package.json edited and packed again by npm (so `files`
 * applies anew): a higher version for the update check, or a broken `files` list for its control.
 */
export function repack(
	tarball: string,
	edit: (packageJson: Record<string, unknown>) => void,
	outDir: string,
): string {
	const work = mkdtempSync(path.join(tmpdir(), 'livedesk-repack-'));
	try {
		const result = spawnSync('tar', ['-xzf', tarball, '-C', work], { encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${result.stderr}`);
		const dir = path.join(work, 'package');
		const file = path.join(dir, 'package.json');
		const packageJson = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		edit(packageJson);
		writeFileSync(file, `${JSON.stringify(packageJson, null, 2)}\n`);
		mkdirSync(outDir, { recursive: true });
		const name = npmIn(dir, ['pack', '--silent', '--ignore-scripts', '--pack-destination', outDir])
			.trim()
			.split('\n')
			.pop();
		assert.ok(name, 'npm pack printed no file name');
		return path.join(outDir, name);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/**
 * GET of a registry document. Verdaccio may close an idle keep-alive socket just as fetch reuses it
 * ("other side closed"), so a failed connection is tried again; an HTTP answer is returned as is.
 */
async function getDocument(
	url: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await fetch(url);
			const text = await response.text();
			return {
				status: response.status,
				body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
			};
		} catch (error) {
			if (attempt === 3) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

async function waitForRegistry(
	url: string,
	child: ChildProcess,
	output: () => string,
): Promise<void> {
	const watched = { name: 'verdaccio', exited: () => child.exitCode !== null, log: output };
	await poll(`verdaccio to answer ${url}/-/ping`, () => answers(`${url}/-/ping`), {
		timeoutMs: 60_000,
		process: watched,
	});
}

export async function startRegistry(): Promise<LocalRegistry> {
	const bin = process.env.VERDACCIO_BIN;
	if (!bin)
		throw new Error(
			'VERDACCIO_BIN is not set; run this through tools/e2e/e2e.sh (lib.sh ensure_verdaccio)',
		);
	const dir = mkdtempSync(path.join(tmpdir(), 'livedesk-registry-'));
	const [port] = await freePorts(1);
	const url = `http://127.0.0.1:${String(port)}`;
	// No `uplinks` and no `proxy` on any package: verdaccio answers only from its own storage.
	writeFileSync(
		path.join(dir, 'config.yaml'),
		[
			`storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
			'auth:',
			'  htpasswd:',
			`    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
			'    max_users: 1',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'    unpublish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	// Verdaccio 6.10 needs Node 22+; our tooling runs on Node 20, n8n on the cached Node 24.
	const node = process.env.NODE24_BIN
		? path.join(process.env.NODE24_BIN, 'node')
		: process.execPath;
	const child = spawn(
		node,
		[bin, '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${String(port)}`],
		{
			cwd: dir,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
			env: { ...process.env, NODE_ENV: 'production' },
		},
	);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	let stopped = false;
	const stop = async (): Promise<void> => {
		if (stopped) return;
		stopped = true;
		if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			process.kill(-child.pid, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
			clearTimeout(timer);
			if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitForRegistry(url, child, () => output);
		// The registry's one user, created the way `npm adduser` does; its token signs every publish.
		const response = await fetch(`${url}/-/user/org.couchdb.user:livedesk-e2e`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				name: 'livedesk-e2e',
				password: 'livedesk-e2e-registry',
				email: 'e2e@example.com',
			}),
		});
		const body = (await response.json()) as { token?: string };
		assert.ok(
			response.ok && body.token,
			`verdaccio refused to create the publishing user: ${JSON.stringify(body)}`,
		);
		const npmrc = path.join(dir, 'npmrc');
		writeFileSync(
			npmrc,
			`registry=${url}/\n//127.0.0.1:${String(port)}/:_authToken=${body.token}\n`,
		);

		return {
			url,
			log: () => output,
			stop,
			publish(tarball: string): void {
				// cwd outside the repo: its .npmrc must not mix in; --userconfig holds the token.
				npmIn(dir, [
					'publish',
					path.resolve(tarball),
					`--registry=${url}/`,
					`--userconfig=${npmrc}`,
					'--ignore-scripts',
					'--provenance=false',
					'--loglevel=error',
				]);
			},
			async versions(name: string): Promise<string[]> {
				const { status, body } = await getDocument(`${url}/${name}`);
				if (status === 404) return [];
				return Object.keys((body.versions as Record<string, unknown> | undefined) ?? {});
			},
			async integrity(name: string, version: string): Promise<string> {
				const { body } = await getDocument(`${url}/${name}`);
				const entry = (
					body.versions as Record<string, { dist?: { integrity?: string } }> | undefined
				)?.[version];
				const integrity = entry?.dist?.integrity;
				assert.ok(integrity, `${name}@${version} has no dist.integrity in the registry`);
				return integrity;
			},
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** The files of a tarball, for a control's own sanity check (the broken copy really lacks the node). */
export function tarballFiles(tarball: string): string[] {
	const result = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`tar -tzf ${tarball} failed: ${result.stderr}`);
	return result.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => line.replace(/^package\//, ''));
}

/** Lists what a directory holds, for failure messages about an installed package. */
export function listing(dir: string): string {
	try {
		return readdirSync(dir).join(', ');
	} catch {
		return '(missing)';
	}
}
