import { runWorkflow } from '../../../tools/engine';
import { createContacts } from '../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../helpers/workflow';

/** Every output item names its input item, so `$('LiveDesk').item` in later nodes reads the right data. */
describe('Output items paired to their input items', () => {
	const sandbox = useSandbox();

	beforeEach(async () => {
		await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Alice One', email: 'alice1@example.com' },
			{ name: 'Alice Two', email: 'alice2@example.com' },
			{ name: 'Bob', email: 'bob@example.com' },
		]);
	});

	it('Search: two items looking for different contacts get their own results', async () => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'search',
				query: '={{ $json.term }}',
				returnAll: true,
			}),
			{ credentials: sandboxCredentials(sandbox()), items: [{ term: 'bob' }, { term: 'alice' }] },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME].map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Bob', { item: 0 }],
			['Alice One', { item: 1 }],
			['Alice Two', { item: 1 }],
		]);
	});

	it('Search with Continue On Fail: the failing item’s error is paired to it, the others keep theirs', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{ resource: 'contact', operation: 'search', query: '={{ $json.term }}', returnAll: true },
				{ continueOnFail: true },
			),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [{ term: 'alice' }, { term: '' }, { term: 'bob' }],
			},
		);

		expect(
			outputs[NODE_NAME].map((item) => [item.json.name ?? item.json.error, item.pairedItem]),
		).toEqual([
			['Alice One', { item: 0 }],
			['Alice Two', { item: 0 }],
			['Search Term is empty (item 1)', { item: 1 }],
			['Bob', { item: 2 }],
		]);
	});

	it('Get Many: each item’s list is paired to that item, a Limit per item', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'getAll',
				limit: '={{ $json.limit }}',
			}),
			{ credentials: sandboxCredentials(sandbox()), items: [{ limit: 1 }, { limit: 3 }] },
		);

		expect(outputs[NODE_NAME].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('Create or Update: one result per item, paired, also for an item that failed', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{
					resource: 'contact',
					operation: 'upsert',
					inboxId: 407,
					matchBy: 'email',
					email: '={{ $json.email }}',
				},
				{ continueOnFail: true },
			),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [{ email: 'bob@example.com' }, { email: 'nope' }, { email: 'carol@example.com' }],
			},
		);

		expect(
			outputs[NODE_NAME].map((item) => [item.json.created ?? item.json.error, item.pairedItem]),
		).toEqual([
			[false, { item: 0 }],
			['Email "nope" is not an email address (item 1)', { item: 1 }],
			[true, { item: 2 }],
		]);
	});
});
