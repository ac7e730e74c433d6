import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { startSandbox, type Sandbox, type TicketPrefix } from '../../../../../tools/sandbox';
import { sandboxCredentials } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

/*
 * The node remembers per Base URL (for the life of the process) which ticket prefix answered, so
 * every test starts its own sandbox: a new port is a Base URL the node has not seen. All stay open
 * until the end, so no port (and no remembered prefix) is reused within this file.
 */
describe('Ticket paths: /api/v2/accounts first, /v2/accounts once when that is no route', () => {
	const sandboxes: Sandbox[] = [];
	afterAll(async () => {
		await Promise.all(sandboxes.map(async (sandbox) => await sandbox.close()));
	});

	async function freshSandbox(ticketPrefix: TicketPrefix): Promise<Sandbox> {
		const sandbox = await startSandbox({ ticketPrefix });
		sandboxes.push(sandbox);
		return sandbox;
	}

	const run = async (
		sandbox: Sandbox,
		parameters: INodeParameters,
		options: { continueOnFail?: boolean; items?: number } = {},
	) =>
		await runWorkflow(singleOperationWorkflow({ resource: 'ticket', ...parameters }, options), {
			credentials: sandboxCredentials(sandbox),
			items: Array.from({ length: options.items ?? 1 }, (_, index) => ({ index })),
		});

	const requestLines = (sandbox: Sandbox) =>
		sandbox.requests.map((request) => `${request.method} ${request.path}`);

	const create = { operation: 'create', title: 'Printer jam' };

	it.each<[TicketPrefix]>([['/api/v2/accounts'], ['/v2/accounts']])(
		'with tickets under %s: Create, Get and Update work, and after the first call each is one request',
		async (prefix) => {
			const sandbox = await freshSandbox(prefix);

			const created = await run(sandbox, create);
			const ticketId = created.outputs[NODE_NAME][0].json.id as string;
			const firstCall = requestLines(sandbox);
			sandbox.requests.length = 0;
			const found = await run(sandbox, { operation: 'get', ticketId });
			const updated = await run(sandbox, {
				operation: 'update',
				ticketId,
				updateFields: { priority: 'urgent' },
			});

			expect([created.errors, found.errors, updated.errors]).toEqual([{}, {}, {}]);
			expect(ticketId).toMatch(/^tk_/);
			expect(firstCall).toEqual(
				prefix === '/api/v2/accounts'
					? ['POST /api/v2/accounts/tickets']
					: ['POST /api/v2/accounts/tickets', 'POST /v2/accounts/tickets'],
			);
			expect(requestLines(sandbox)).toEqual([
				`GET ${prefix}/tickets/${ticketId}`,
				`PUT ${prefix}/tickets/${ticketId}`,
			]);
			expect(found.outputs[NODE_NAME][0].json).toMatchObject({
				id: ticketId,
				title: 'Printer jam',
			});
			expect(sandbox.store.getTicket(ticketId)).toMatchObject({ priority: 'urgent' });
		},
	);

	it.each<[TicketPrefix]>([['/api/v2/accounts'], ['/v2/accounts']])(
		'with tickets under %s: an unknown ticket (a 404 in the ticket envelope) is asked for once, not under the other path',
		async (prefix) => {
			const sandbox = await freshSandbox(prefix);
			await run(sandbox, create);
			sandbox.requests.length = 0;

			const { errors } = await run(sandbox, { operation: 'get', ticketId: 'tk_missing' });

			expect(requestLines(sandbox)).toEqual([`GET ${prefix}/tickets/tk_missing`]);
			expect(errors[NODE_NAME]).toMatchObject({
				message: 'LiveDesk answered 404 (code 40401): Ticket tk_missing not found',
				description: expect.stringMatching(/^Ticket ID tk_missing: check that it exists/),
			});
		},
	);

	it('an unknown ticket as the first call under /v2/accounts: one try per path, then the ticket’s own 404', async () => {
		const sandbox = await freshSandbox('/v2/accounts');

		const { errors } = await run(sandbox, { operation: 'get', ticketId: 'tk_missing' });
		const again = await run(sandbox, { operation: 'get', ticketId: 'tk_missing' });

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404 (code 40401): Ticket tk_missing not found',
		});
		expect(again.errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404 (code 40401): Ticket tk_missing not found',
		});
		// The envelope showed that /v2/accounts is the ticket route, so the second run asks only there.
		expect(requestLines(sandbox)).toEqual([
			'GET /api/v2/accounts/tickets/tk_missing',
			'GET /v2/accounts/tickets/tk_missing',
			'GET /v2/accounts/tickets/tk_missing',
		]);
	});

	it('remembers per Base URL: another LiveDesk host still starts with /api/v2/accounts', async () => {
		const bare = await freshSandbox('/v2/accounts');
		const usual = await freshSandbox('/api/v2/accounts');

		await run(bare, create);
		const { errors } = await run(usual, create);

		expect(errors).toEqual({});
		expect(requestLines(usual)).toEqual(['POST /api/v2/accounts/tickets']);
	});

	it('when the remembered path stops answering, tries the other once and remembers that one', async () => {
		const sandbox = await freshSandbox('/v2/accounts');
		await run(sandbox, create);
		sandbox.setTicketPrefix('/api/v2/accounts');
		sandbox.requests.length = 0;

		await run(sandbox, create);
		await run(sandbox, create);

		expect(requestLines(sandbox)).toEqual([
			'POST /v2/accounts/tickets',
			'POST /api/v2/accounts/tickets',
			'POST /api/v2/accounts/tickets',
		]);
	});

	it('every item of a run reaches the ticket under /v2/accounts, each paired to its input', async () => {
		const sandbox = await freshSandbox('/v2/accounts');

		const { outputs, errors } = await run(
			sandbox,
			{ ...create, title: '={{ "Ticket " + $json.index }}' },
			{ items: 3 },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(
			sandbox.store
				.listTickets()
				.map((ticket) => ticket.title)
				.sort(),
		).toEqual(['Ticket 0', 'Ticket 1', 'Ticket 2']);
	});

	it('when neither path is a route, the error names both paths tried, and Continue On Fail gives an error item', async () => {
		const sandbox = await freshSandbox('/api/v2/accounts');
		const html = {
			status: 404,
			body: '<html><body>Not Found</body></html>',
			contentType: 'text/html',
		};
		sandbox.injectFault({ method: 'GET', path: '/tickets/tk_1', ...html });
		sandbox.injectFault({ method: 'GET', path: '/tickets/tk_1', ...html });

		const { errors } = await run(sandbox, { operation: 'get', ticketId: 'tk_1' });

		expect(requestLines(sandbox)).toEqual([
			'GET /api/v2/accounts/tickets/tk_1',
			'GET /v2/accounts/tickets/tk_1',
		]);
		expect(errors[NODE_NAME]).toMatchObject({
			message:
				'LiveDesk has no ticket route at this Base URL: GET /api/v2/accounts/tickets/tk_1 and GET /v2/accounts/tickets/tk_1 both answered 404',
			description: expect.stringContaining(`${sandbox.url} serves neither`),
		});

		sandbox.injectFault({
			method: 'POST',
			path: '/tickets',
			status: 404,
			body: { error: 'Route not found' },
		});
		sandbox.injectFault({
			method: 'POST',
			path: '/tickets',
			status: 404,
			body: { error: 'Route not found' },
		});
		const continued = await run(sandbox, create, { continueOnFail: true });

		expect(continued.errors).toEqual({});
		expect(continued.outputs[NODE_NAME]).toMatchObject([
			{
				json: {
					error:
						'LiveDesk has no ticket route at this Base URL: POST /api/v2/accounts/tickets and POST /v2/accounts/tickets both answered 404',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
