import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { call, obj } from './helpers';

describe('sandbox: faults', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('answers a queued status with Retry-After once, then normally', async () => {
		sandbox.injectFault({ path: '/contacts', status: 429, headers: { 'Retry-After': '3' } });
		const limited = await call(sandbox, 'GET', '/contacts');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.json).toEqual({ error: 'Too Many Requests' });
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
	});

	it('matches method and path (substring or regex), in order, `times` times', async () => {
		sandbox.injectFault({
			method: 'post',
			path: '^/api/v2/accounts/conversations/\\d+/messages$',
			status: 500,
			times: 2,
		});
		sandbox.injectFault({ path: /contacts/, status: 503 });
		expect((await call(sandbox, 'GET', '/conversations/1/messages')).status).toBe(404);
		expect((await call(sandbox, 'POST', '/conversations/1/messages', { body: {} })).status).toBe(
			500,
		);
		expect((await call(sandbox, 'POST', '/conversations/1/messages', { body: {} })).status).toBe(
			500,
		);
		expect((await call(sandbox, 'POST', '/conversations/1/messages', { body: {} })).status).toBe(
			404,
		);
		expect((await call(sandbox, 'GET', '/contacts?q=a')).status).toBe(503);
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
	});

	it('sends a non-JSON body with its content type', async () => {
		sandbox.injectFault({
			status: 502,
			body: '<html><body>Bad Gateway</body></html>',
			contentType: 'text/html',
		});
		const response = await call(sandbox, 'GET', '/contacts');
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toBe('text/html');
		expect(response.text).toContain('Bad Gateway');
		expect(response.json).toBeUndefined();
	});

	it('destroys the socket without answering', async () => {
		sandbox.injectFault({ destroy: true });
		await expect(call(sandbox, 'GET', '/contacts')).rejects.toThrow();
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
	});

	it('delays long enough for a client timeout, and delays then answers normally without status', async () => {
		sandbox.injectFault({ delayMs: 5000, status: 500 });
		const started = Date.now();
		await expect(
			call(sandbox, 'GET', '/contacts', { signal: AbortSignal.timeout(100) }),
		).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(2000);
		sandbox.injectFault({ delayMs: 150 });
		const slowStart = Date.now();
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect(Date.now() - slowStart).toBeGreaterThanOrEqual(140);
	});

	it('faults apply before auth, and the control endpoint queues, lists, clears and resets', async () => {
		const queued = await call(sandbox, 'POST', '/__sandbox/faults', {
			body: [
				{ status: 500, body: { description: 'boom', errors: ['x'] } },
				{ status: 401, times: 3 },
			],
		});
		expect(obj(queued.json).queued).toBe(2);
		const boom = await call(sandbox, 'GET', '/contacts', { auth: null });
		expect(boom.json).toEqual({ description: 'boom', errors: ['x'] });
		const listed = obj((await call(sandbox, 'GET', '/__sandbox/faults')).json);
		expect(listed.pending).toEqual([{ status: 401, times: 3, remaining: 3 }]);
		await call(sandbox, 'DELETE', '/__sandbox/faults');
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect(
			(await call(sandbox, 'POST', '/__sandbox/faults', { body: { status: 42 } })).status,
		).toBe(400);
		await call(sandbox, 'POST', '/contacts', { body: { inbox_id: 407 } });
		sandbox.injectFault({ status: 500 });
		await call(sandbox, 'POST', '/__sandbox/reset');
		expect(sandbox.store.listContacts()).toHaveLength(0);
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
	});
});
