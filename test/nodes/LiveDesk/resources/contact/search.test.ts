import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Search', () => {
	const sandbox = useSandbox();

	it('finds contacts by part of a name, email or identifier, across pages', async () => {
		const credentials = sandboxCredentials(sandbox());
		await createContacts(credentials, [
			...Array.from({ length: 20 }, (_, index) => ({ name: `Acme buyer ${index}` })),
			{ name: 'Bob', email: 'bob@acme.example' },
			{ name: 'Carol', identifier: 'acme-crm-7' },
			{ name: 'Dave', email: 'dave@other.example' },
		]);
		sandbox().requests.length = 0;

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'search',
				query: 'ACME',
				returnAll: true,
			}),
			{ credentials },
		);

		expect(errors).toEqual({});
		const names = outputs[NODE_NAME].map((item) => item.json.name);
		expect(names).toHaveLength(22);
		expect(names).toEqual(expect.arrayContaining(['Bob', 'Carol']));
		expect(names).not.toContain('Dave');
		expect(sandbox().requests.map((request) => [request.path, request.query])).toEqual([
			['/api/v2/accounts/contacts', { q: 'ACME', page: '1' }],
			['/api/v2/accounts/contacts', { q: 'ACME', page: '2' }],
		]);
	});

	it('returns no items when nothing matches', async () => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'search', query: 'nobody' }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME]).toEqual([]);
	});

	it('rejects an empty search term before sending', async () => {
		const { errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'search', query: '={{ "" }}' }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors[NODE_NAME]?.message).toBe('Search Term is empty (item 0)');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('takes the same options as Get Many, on every page', async () => {
		await createContacts(
			sandboxCredentials(sandbox()),
			Array.from({ length: 12 }, (_, index) => ({ name: `Zed ${index}` })),
		);
		sandbox().setPaging({ pageSize: 5 });
		sandbox().requests.length = 0;

		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'search',
				query: 'zed',
				returnAll: true,
				options: { sort: 'name', direction: 'asc', labels: 'vip', includeContactInboxes: false },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(outputs[NODE_NAME]).toHaveLength(12);
		expect(sandbox().requests.map((request) => request.query)).toEqual(
			['1', '2', '3'].map((page) => ({
				q: 'zed',
				page,
				sort: 'name',
				direction: 'asc',
				labels: 'vip',
				include_contact_inboxes: 'false',
			})),
		);
	});
});
