import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Get Many', () => {
	const sandbox = useSandbox();

	beforeEach(async () => {
		const people = Array.from({ length: 40 }, (_, index) => ({
			name: `Person ${String(index).padStart(2, '0')}`,
		}));
		await createContacts(sandboxCredentials(sandbox()), people);
		sandbox().requests.length = 0;
	});

	it('Return All pages through all 40 contacts, 15 a page, and yields 40 items', async () => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'getAll', returnAll: true }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME]).toHaveLength(40);
		expect(new Set(outputs[NODE_NAME].map((item) => item.json.id)).size).toBe(40);
		expect(sandbox().requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
		expect(outputs[NODE_NAME][0].json).toEqual(
			expect.objectContaining({
				id: expect.any(Number),
				name: expect.stringMatching(/^Person/),
				source_id: expect.any(String),
			}),
		);
	});

	it('a 429 on a later page: the same page is asked for again and nothing is lost', async () => {
		// The first request passes, the second (page 2) is rate limited once.
		sandbox().injectFault({ path: '/contacts' });
		sandbox().injectFault({ path: '/contacts', status: 429, headers: { 'Retry-After': '0' } });

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'getAll', returnAll: true }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(sandbox().requests.map((request) => request.query.page)).toEqual(['1', '2', '2', '3']);
		expect(outputs[NODE_NAME]).toHaveLength(40);
		expect(new Set(outputs[NODE_NAME].map((item) => item.json.id)).size).toBe(40);
	});

	it('a Limit stops asking for pages once it is reached', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 20,
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(outputs[NODE_NAME]).toHaveLength(20);
		expect(sandbox().requests).toHaveLength(2);
	});

	it('the default Limit of 50 returns what there is', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'getAll' }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);

		expect(outputs[NODE_NAME]).toHaveLength(40);
	});

	it('the default Limit stops at 50 of 60 contacts, after 4 pages', async () => {
		const more = Array.from({ length: 20 }, (_, index) => ({ name: `Person ${40 + index}` }));
		await createContacts(sandboxCredentials(sandbox()), more);
		sandbox().requests.length = 0;

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'getAll' }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME]).toHaveLength(50);
		expect(new Set(outputs[NODE_NAME].map((item) => item.json.id)).size).toBe(50);
		expect(sandbox().requests.map((request) => request.query.page)).toEqual(['1', '2', '3', '4']);
	});

	it('sends sort, direction and labels, keeping them on every page', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				options: { sort: 'name', direction: 'desc', labels: 'vip, lead' },
				simplify: false,
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(outputs[NODE_NAME].map((item) => item.json.name).slice(0, 2)).toEqual([
			'Person 39',
			'Person 38',
		]);
		expect(outputs[NODE_NAME][0].json).toHaveProperty('availability_status');
		for (const request of sandbox().requests) {
			expect(request.query).toMatchObject({ sort: 'name', direction: 'desc' });
			expect(request.path).toBe('/api/v2/accounts/contacts');
		}
		expect(sandbox().requests[0].query.labels).toBe('vip, lead');
		expect(sandbox().requests[0].query).not.toHaveProperty('include_contact_inboxes');
		expect(outputs[NODE_NAME][0].json.contact_inboxes).toEqual([
			expect.objectContaining({ source_id: expect.any(String) }),
		]);
	});

	it('Include Contact Inboxes off: asks LiveDesk to leave them out of every page', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				options: { includeContactInboxes: false },
				simplify: false,
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(outputs[NODE_NAME]).toHaveLength(40);
		expect(sandbox().requests.map((request) => request.query.include_contact_inboxes)).toEqual([
			'false',
			'false',
			'false',
		]);
		expect(outputs[NODE_NAME].some((item) => 'contact_inboxes' in item.json)).toBe(false);
	});

	it.each([
		[10, ['1', '2', '3', '4']],
		[20, ['1', '2']],
		[40, ['1']],
	])(
		'counts pages instead of assuming 15: pages of %i give every contact once',
		async (pageSize, pages) => {
			sandbox().setPaging({ pageSize, currentPageAsString: true });

			const { outputs, errors } = await runWorkflow(
				singleOperationWorkflow({ resource: 'contact', operation: 'getAll', returnAll: true }),
				{ credentials: sandboxCredentials(sandbox()) },
			);

			expect(errors).toEqual({});
			expect(outputs[NODE_NAME]).toHaveLength(40);
			expect(new Set(outputs[NODE_NAME].map((item) => item.json.id)).size).toBe(40);
			expect(sandbox().requests.map((request) => request.query.page)).toEqual(pages);
		},
	);

	it('a Limit with pages of 10 stops at the page that reaches it', async () => {
		sandbox().setPaging({ pageSize: 10 });

		const { outputs } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'getAll', limit: 25 }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(outputs[NODE_NAME]).toHaveLength(25);
		expect(sandbox().requests.map((request) => request.query.page)).toEqual(['1', '2', '3']);
	});
});
