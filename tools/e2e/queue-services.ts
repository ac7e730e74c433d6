/**
 * The processes `npm run test:queue` starts (Redis, PostgreSQL, n8n's main, webhook processor and
 * workers): each in its own process group, its PID appended to <run dir>/pids so tools/e2e/queue.sh
 * can stop it by PID even if this driver dies, its output kept for the checks and for failures.
 * All of them listen on 127.0.0.1 only; all data lives under the run dir, which queue.sh deletes.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import * as path from 'node:path';
import { poll } from './progress';

export interface ManagedProcess {
	readonly name: string;
	readonly pid: number;
	/** Everything it printed so far (stdout and stderr). */
	log(): string;
	/** True once it has exited (for a clear message when a service dies while we wait for it). */
	exited(): boolean;
	/** Stops its whole process group; SIGKILL after the grace period. Safe to call twice. */
	stop(): Promise<void>;
}

export interface StartOptions {
	readonly runDir: string;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	/** PostgreSQL shuts down at once on SIGINT; SIGTERM would wait for every client to leave. */
	readonly stopSignal?: NodeJS.Signals;
	readonly graceMs?: number;
}

export function startProcess(
	name: string,
	command: string,
	args: readonly string[],
	options: StartOptions,
): ManagedProcess {
	const spawnOptions: SpawnOptions = {
		env: options.env ?? process.env,
		cwd: options.cwd ?? options.runDir,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Own process group: stopping it also stops what it spawns (n8n's task runner).
		detached: true,
	};
	const child: ChildProcess = spawn(command, args, spawnOptions);
	if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
	const pid = child.pid;
	appendFileSync(path.join(options.runDir, 'pids'), `${pid} ${name}\n`);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
	let stopping: Promise<void> | undefined;
	const stop = async (): Promise<void> => {
		if (exited()) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		try {
			process.kill(-pid, options.stopSignal ?? 'SIGTERM');
		} catch {
			return;
		}
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			gone,
			new Promise((resolve) => (timer = setTimeout(resolve, options.graceMs ?? 20_000))),
		]);
		clearTimeout(timer);
		if (!exited()) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// already gone
			}
			await gone;
		}
	};
	return {
		name,
		pid,
		log: () => output,
		exited,
		stop: () => (stopping ??= stop()),
	};
}

/** Sends one inline command to Redis and resolves with its first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect({ host: '127.0.0.1', port });
		let reply = '';
		socket.setTimeout(2_000, () => socket.destroy(new Error('no answer')));
		socket.once('error', reject);
		socket.on('data', (chunk: Buffer) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.split('\r\n')[0] ?? '');
			}
		});
		socket.write(`${command}\r\n`);
	});
}

export interface Redis {
	readonly port: number;
	readonly process: ManagedProcess;
}

/** redis-server on 127.0.0.1:<port>, nothing saved to disk (a queue for one test run). */
export async function startRedis(runDir: string, port: number): Promise<Redis> {
	const dir = path.join(runDir, 'redis');
	mkdirSync(dir, { recursive: true });
	const redis = startProcess(
		'redis',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ runDir },
	);
	// Refused while Redis starts: not yet.
	await poll(
		`Redis to answer PING on 127.0.0.1:${port}`,
		async () => ((await redisCommand(port, 'PING').catch(() => '')) === '+PONG' ? true : undefined),
		{
			timeoutMs: 20_000,
			process: redis,
		},
	);
	return { port, process: redis };
}

export interface Postgres {
	readonly port: number;
	readonly user: string;
	readonly process: ManagedProcess;
	createDatabase(name: string): void;
}

interface OsUser {
	uid: number;
	gid: number;
}

function osUser(name: string): OsUser {
	const id = (flag: string): number => {
		const result = spawnSync('id', [flag, name], { encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`no user ${name} on this machine: ${result.stderr}`);
		return Number(result.stdout.trim());
	};
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * PostgreSQL on 127.0.0.1:<port> from <binDir> (Debian's /usr/lib/postgresql/<major>/bin), its
 * cluster in <runDir>/postgres. PostgreSQL refuses to run as root, so as root every server command
 * runs as `runAs` (an unprivileged user, `postgres` from Debian's package) through setpriv, which
 * execs it: the PID we record is the postmaster's own. Trust auth on loopback, and no fsync: a
 * throwaway test cluster, not a production setup.
 */
export async function startPostgres(
	runDir: string,
	port: number,
	binDir: string,
	runAs: string | undefined,
): Promise<Postgres> {
	const dir = path.join(runDir, 'postgres');
	const data = path.join(dir, 'data');
	mkdirSync(dir, { recursive: true });
	const asUser = (command: string, args: readonly string[]): [string, string[]] => {
		const full = path.join(binDir, command);
		if (!runAs) return [full, [...args]];
		return [
			'setpriv',
			[`--reuid=${runAs}`, `--regid=${runAs}`, '--init-groups', '--', full, ...args],
		];
	};
	if (runAs) {
		const owner = osUser(runAs);
		chownSync(dir, owner.uid, owner.gid);
	}
	const user = 'n8n';
	const [initdb, initArgs] = asUser('initdb', [
		'-D',
		data,
		'-U',
		user,
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const init = spawnSync(initdb, initArgs, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
	if (init.status !== 0)
		throw new Error(`initdb failed (${String(init.status)}):\n${init.stdout}\n${init.stderr}`);
	const [postgres, serverArgs] = asUser('postgres', [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const server = startProcess('postgres', postgres, serverArgs, {
		runDir,
		cwd: dir,
		stopSignal: 'SIGINT',
	});
	const isReady = path.join(binDir, 'pg_isready');
	await poll(
		`PostgreSQL to accept connections on 127.0.0.1:${port}`,
		() =>
			spawnSync(isReady, ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', user]).status === 0
				? true
				: undefined,
		{ timeoutMs: 30_000, process: server },
	);
	return {
		port,
		user,
		process: server,
		createDatabase: (name) => {
			const result = spawnSync(
				path.join(binDir, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, name],
				{
					encoding: 'utf8',
				},
			);
			if (result.status !== 0) throw new Error(`createdb ${name} failed:\n${result.stderr}`);
		},
	};
}
