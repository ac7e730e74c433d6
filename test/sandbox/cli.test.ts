import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'tools', 'sandbox', 'cli.js');

describe('sandbox: CLI', () => {
	it('prints the credential values, logs requests and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, [CLI, '--port', '0', '--api-key', 'cli-key', '--api-secret', 'cli-secret']);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		try {
			const baseUrl = await new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 20_000);
				child.stdout.on('data', () => {
					const match = /Base URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
					if (match?.[1] && output.includes('Press Ctrl+C')) {
						clearTimeout(timer);
						resolve(match[1]);
					}
				});
			});
			expect(output).toMatch(/API Key:\s+cli-key/);
			expect(output).toMatch(/API Secret:\s+cli-secret/);
			expect(output).toMatch(/Inbox ID:\s+407/);
			expect(output).toContain('/__sandbox/faults');
			const auth = `Basic ${Buffer.from('cli-key:cli-secret').toString('base64')}`;
			const response = await fetch(`${baseUrl}/api/v2/accounts/contacts`, { headers: { authorization: auth } });
			expect(response.status).toBe(200);
			// The log line is written after the answer is sent; on a loaded machine it may lag behind.
			const logged = /GET \/api\/v2\/accounts\/contacts 200/;
			for (let waited = 0; !logged.test(output) && waited < 5000; waited += 50) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			expect(output).toMatch(logged);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});
});
