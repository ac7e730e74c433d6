import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { docsExample } from '../helpers/docs';
import { basicAuth, call, obj } from './helpers';

/** A ticket call under an explicit prefix (call() always uses /api/v2/accounts). */
async function ticketCall(
	sandbox: Sandbox,
	prefix: string,
	method: string,
	path: string,
	body?: unknown,
) {
	const response = await fetch(`${sandbox.url}${prefix}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			authorization: basicAuth(sandbox.apiKey, sandbox.apiSecret),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as unknown };
}

describe('sandbox: the ticket prefix switch (the docs print /api/v2/accounts and /v2/accounts)', () => {
	let sandbox: Sandbox;
	afterEach(() => sandbox.close());

	it('serves tickets under /api/v2/accounts by default; /v2/accounts is no route there', async () => {
		sandbox = await startSandbox();
		const example = docsExample('create-ticket.request.json');

		expect(
			(await ticketCall(sandbox, '/api/v2/accounts', 'POST', '/tickets', example)).json,
		).toMatchObject({ code: 0 });
		expect(await ticketCall(sandbox, '/v2/accounts', 'POST', '/tickets', example)).toEqual({
			status: 404,
			json: { error: 'Route not found' },
		});
		expect(sandbox.requests.map((request) => request.path)).toEqual([
			'/api/v2/accounts/tickets',
			'/v2/accounts/tickets',
		]);
	});

	it('with /v2/accounts serves Create, Get and Update there; /api/v2/accounts/tickets answers a plain 404', async () => {
		sandbox = await startSandbox({ ticketPrefix: '/v2/accounts' });

		const created = await ticketCall(
			sandbox,
			'/v2/accounts',
			'POST',
			'/tickets',
			docsExample('create-ticket.request.json'),
		);
		const ticketId = String(obj(obj(created.json).data).ticket_id);
		const updated = await ticketCall(sandbox, '/v2/accounts', 'PUT', `/tickets/${ticketId}`, {
			priority: 'urgent',
		});
		const found = await ticketCall(sandbox, '/v2/accounts', 'GET', `/tickets/${ticketId}`);
		const missing = await ticketCall(sandbox, '/v2/accounts', 'GET', '/tickets/tk_nope');
		const otherPrefix = await ticketCall(
			sandbox,
			'/api/v2/accounts',
			'GET',
			`/tickets/${ticketId}`,
		);

		expect([created.status, updated.status, found.status]).toEqual([200, 200, 200]);
		expect(obj(obj(found.json).data)).toMatchObject({ ticket_id: ticketId, priority: 'urgent' });
		expect(missing).toMatchObject({ status: 404, json: { code: 40401, data: null } });
		expect(otherPrefix).toEqual({ status: 404, json: { error: 'Route not found' } });
		// Only the tickets move: contacts stay under /api/v2/accounts.
		expect((await call(sandbox, 'GET', '/contacts')).status).toBe(200);
		expect((await ticketCall(sandbox, '/v2/accounts', 'GET', '/contacts')).status).toBe(404);
	});

	it('switches with POST /__sandbox/ticket-prefix, refuses other prefixes, and reset goes back', async () => {
		sandbox = await startSandbox();

		expect(
			await call(sandbox, 'POST', '/__sandbox/ticket-prefix', { body: { prefix: '/V2/accounts' } }),
		).toMatchObject({
			status: 400,
			json: { error: 'The ticket prefix must be one of /api/v2/accounts, /v2/accounts' },
		});
		expect(
			(
				await call(sandbox, 'POST', '/__sandbox/ticket-prefix', {
					body: { prefix: '/v2/accounts' },
				})
			).json,
		).toEqual({
			prefix: '/v2/accounts',
		});
		expect((await call(sandbox, 'GET', '/__sandbox/ticket-prefix')).json).toEqual({
			prefix: '/v2/accounts',
		});
		expect(
			(await ticketCall(sandbox, '/v2/accounts', 'GET', '/tickets/tk_nope')).json,
		).toMatchObject({ code: 40401 });

		sandbox.reset();

		expect(sandbox.ticketPrefix).toBe('/api/v2/accounts');
		expect((await ticketCall(sandbox, '/v2/accounts', 'GET', '/tickets/tk_nope')).json).toEqual({
			error: 'Route not found',
		});
	});
});
