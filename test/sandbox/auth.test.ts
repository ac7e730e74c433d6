import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { basicAuth, call, obj } from './helpers';

describe('sandbox: auth and plumbing', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ apiKey: 'k1', apiSecret: 's1' });
	});
	afterEach(() => sandbox.close());

	it('listens on 127.0.0.1 and uses the configured credentials', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect([sandbox.apiKey, sandbox.apiSecret, sandbox.inboxId]).toEqual(['k1', 's1', 407]);
	});

	it.each([
		['no header', null],
		['wrong secret', basicAuth('k1', 'nope')],
		['wrong scheme', 'Bearer k1:s1'],
		['garbage', 'Basic !!!'],
	])('answers 401 with the Chatwoot-style body for %s', async (_label, auth) => {
		const response = await call(sandbox, 'GET', '/contacts', { auth });
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ error: 'Invalid API key or secret' });
	});

	it('accepts the right key and secret', async () => {
		const response = await call(sandbox, 'GET', '/contacts', { auth: basicAuth('k1', 's1') });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('answers 404 JSON for unknown routes and 400 for malformed JSON', async () => {
		expect((await call(sandbox, 'GET', '/nothing')).status).toBe(404);
		expect(obj((await call(sandbox, 'DELETE', '/contacts/1')).json).error).toBe('Route not found');
		expect((await fetch(`${sandbox.url}/other`)).status).toBe(404);
		const bad = await call(sandbox, 'POST', '/contacts', { rawBody: '{"inbox_id": 407,' });
		expect(bad.status).toBe(400);
		expect(bad.json).toEqual({ error: 'Invalid JSON body' });
		const notObject = await call(sandbox, 'POST', '/contacts', { rawBody: '[1]' });
		expect(notObject.status).toBe(400);
	});

	it('records every API request with method, path, query, headers and body', async () => {
		await call(sandbox, 'POST', '/contacts', { body: { inbox_id: '407', name: 'R' } });
		await call(sandbox, 'GET', '/contacts?page=2&sort=-name');
		await call(sandbox, 'POST', '/__sandbox/reset');
		expect(sandbox.requests).toHaveLength(0);
		await call(sandbox, 'GET', '/contacts?page=2&sort=-name');
		await call(sandbox, 'POST', '/contacts', { rawBody: 'not json' });
		expect(
			sandbox.requests.map(({ method, path, query, body }) => ({ method, path, query, body })),
		).toEqual([
			{
				method: 'GET',
				path: '/api/v2/accounts/contacts',
				query: { page: '2', sort: '-name' },
				body: undefined,
			},
			{ method: 'POST', path: '/api/v2/accounts/contacts', query: {}, body: 'not json' },
		]);
		expect(sandbox.requests[0]?.headers.authorization).toBe(basicAuth('k1', 's1'));
	});

	it('does not record when record is false', async () => {
		const quiet = await startSandbox({ record: false });
		try {
			await call(quiet, 'GET', '/contacts');
			expect(quiet.requests).toHaveLength(0);
		} finally {
			await quiet.close();
		}
	});
});
