import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'tools', 'sandbox', 'cli.js');

interface RunningCli {
	readonly child: ChildProcessWithoutNullStreams;
	readonly baseUrl: string;
	readonly exited: Promise<number | null>;
	output(): string;
}

/** Starts the CLI and waits for its banner. */
async function startCli(args: readonly string[]): Promise<RunningCli> {
	const child = spawn(process.execPath, [CLI, '--port', '0', ...args]);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	const baseUrl = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 20_000);
		child.stdout.on('data', () => {
			const match = /Base URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match?.[1] && output.includes('Press Ctrl+C')) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
	}).catch((error: unknown) => {
		child.kill('SIGTERM');
		throw error;
	});
	return { child, baseUrl, exited, output: () => output };
}

describe('sandbox: CLI', () => {
	it('prints the credential values, logs requests and stops on SIGTERM', async () => {
		const cli = await startCli(['--api-key', 'cli-key', '--api-secret', 'cli-secret']);
		try {
			expect(cli.output()).toMatch(/API Key:\s+cli-key/);
			expect(cli.output()).toMatch(/API Secret:\s+cli-secret/);
			expect(cli.output()).toMatch(/Inbox ID:\s+407/);
			expect(cli.output()).toContain('/__sandbox/faults');
			expect(cli.output()).toMatch(/Contact pages:\s+15 a page, current_page as a number/);
			const auth = `Basic ${Buffer.from('cli-key:cli-secret').toString('base64')}`;
			const response = await fetch(`${cli.baseUrl}/api/v2/accounts/contacts`, {
				headers: { authorization: auth },
			});
			expect(response.status).toBe(200);
			// The log line is written after the answer is sent; on a loaded machine it may lag behind.
			const logged = /GET \/api\/v2\/accounts\/contacts 200/;
			for (let waited = 0; !logged.test(cli.output()) && waited < 5000; waited += 50) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			expect(cli.output()).toMatch(logged);
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exited).toBe(0);
	});

	it('--page-size and --current-page-as-string set the contact pages', async () => {
		const cli = await startCli(['--quiet', '--page-size=10', '--current-page-as-string']);
		try {
			expect(cli.output()).toMatch(/Contact pages:\s+10 a page, current_page as a string/);
			const auth = `Basic ${Buffer.from('demo-key:demo-secret').toString('base64')}`;
			const response = await fetch(`${cli.baseUrl}/api/v2/accounts/contacts?page=3`, {
				headers: { authorization: auth },
			});
			expect(await response.json()).toEqual({ meta: { count: 0, current_page: '3' }, payload: [] });
			const paging: unknown = await (await fetch(`${cli.baseUrl}/__sandbox/paging`)).json();
			expect(paging).toEqual({ paging: { pageSize: 10, currentPageAsString: true } });
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exited).toBe(0);
	});

	it('--ticket-prefix serves the ticket calls under /v2/accounts', async () => {
		const cli = await startCli(['--quiet', '--ticket-prefix', '/v2/accounts']);
		try {
			expect(cli.output()).toMatch(/Tickets:\s+http:\/\/127\.0\.0\.1:\d+\/v2\/accounts\/tickets/);
			const auth = `Basic ${Buffer.from('demo-key:demo-secret').toString('base64')}`;
			const response = await fetch(`${cli.baseUrl}/v2/accounts/tickets/tk_nope`, {
				headers: { authorization: auth },
			});
			expect(await response.json()).toMatchObject({ code: 40401 });
			const prefix: unknown = await (await fetch(`${cli.baseUrl}/__sandbox/ticket-prefix`)).json();
			expect(prefix).toEqual({ prefix: '/v2/accounts' });
		} finally {
			cli.child.kill('SIGTERM');
		}
		expect(await cli.exited).toBe(0);
	});

	it('refuses a page size that is not a whole number of at least 1', async () => {
		const child = spawn(process.execPath, [CLI, '--page-size', '0']);
		let errors = '';
		child.stderr.on('data', (chunk: Buffer) => {
			errors += chunk.toString('utf8');
		});
		expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1);
		expect(errors).toContain('--page-size must be a whole number of at least 1');
	});
});
