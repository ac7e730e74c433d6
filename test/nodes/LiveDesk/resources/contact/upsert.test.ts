import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Create or Update', () => {
	const sandbox = useSandbox();

	const upsert = (parameters: INodeParameters, items?: IDataObject[]) =>
		runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'upsert', inboxId: 407, ...parameters }),
			{ credentials: sandboxCredentials(sandbox()), ...(items ? { items } : {}) },
		);

	it('run twice on the same input: creates once, then updates the same contact', async () => {
		const parameters = {
			matchBy: 'identifier',
			identifier: '={{ $json.crmId }}',
			additionalFields: { name: '={{ $json.name }}', email: 'alice@example.com' },
		};

		const first = await upsert(parameters, [{ crmId: 'crm-42', name: 'Alice' }]);
		const second = await upsert(parameters, [{ crmId: 'crm-42', name: 'Alice Smith' }]);

		expect(first.errors).toEqual({});
		expect(second.errors).toEqual({});
		expect(first.outputs[NODE_NAME][0].json).toMatchObject({ name: 'Alice', created: true });
		expect(second.outputs[NODE_NAME][0].json).toMatchObject({
			id: first.outputs[NODE_NAME][0].json.id,
			name: 'Alice Smith',
			identifier: 'crm-42',
			created: false,
		});
		expect(sandbox().store.listContacts()).toHaveLength(1);
		const writes = sandbox().requests.filter((request) => request.method !== 'GET');
		expect(writes.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/v2/accounts/contacts',
			`PATCH /api/v2/accounts/contacts/${String(first.outputs[NODE_NAME][0].json.id)}`,
		]);
		expect(writes[1].body).toEqual({ identifier: 'crm-42', name: 'Alice Smith', email: 'alice@example.com' });
	});

	it('several items for the same contact in one run: one create, then updates in item order', async () => {
		const items = [
			{ email: 'bob@example.com', name: 'Bob' },
			{ email: 'carol@example.com', name: 'Carol' },
			{ email: 'BOB@example.com', name: 'Bob B.' },
			{ email: 'bob@example.com', name: 'Robert' },
		];

		const { outputs, errors } = await upsert(
			{ matchBy: 'email', email: '={{ $json.email }}', additionalFields: { name: '={{ $json.name }}' } },
			items,
		);

		expect(errors).toEqual({});
		const results = outputs[NODE_NAME].map((item) => item.json);
		expect(results.map((contact) => [contact.name, contact.created])).toEqual([
			['Bob', true],
			['Carol', true],
			['Bob B.', false],
			['Robert', false],
		]);
		expect(new Set([results[0].id, results[2].id, results[3].id]).size).toBe(1);
		expect(outputs[NODE_NAME].map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(sandbox().store.listContacts().map((contact) => contact.name).sort()).toEqual(['Carol', 'Robert']);
	});

	it('an item whose write fails lets the next item for the same contact go at once', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 500 });
		const started = Date.now();

		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{ resource: 'contact', operation: 'upsert', inboxId: 407, matchBy: 'email', email: '={{ $json.email }}' },
				{ continueOnFail: true },
			),
			{ credentials: sandboxCredentials(sandbox()), items: [{ email: 'dan@example.com' }, { email: 'dan@example.com' }] },
		);

		expect(outputs[NODE_NAME].map((item) => item.json.error ?? item.json.created)).toEqual([
			'LiveDesk answered 500: Internal Server Error',
			true,
		]);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('matches by email case-insensitively and only on an exact address', async () => {
		const [existing] = await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Alice', email: 'alice@example.com' },
			{ name: 'Alicia', email: 'alice@example.com.au' },
		]);

		const { outputs, errors } = await upsert({ matchBy: 'email', email: 'ALICE@example.com', additionalFields: { name: 'A.' } });

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toMatchObject({ id: existing.id, name: 'A.', created: false });
		expect(sandbox().store.listContacts()).toHaveLength(2);
	});

	it('creates when only a partial match exists', async () => {
		await createContacts(sandboxCredentials(sandbox()), [{ name: 'Old', identifier: 'crm-420' }]);

		const { outputs } = await upsert({ matchBy: 'identifier', identifier: 'crm-42' });

		expect(outputs[NODE_NAME][0].json).toMatchObject({ identifier: 'crm-42', created: true });
		expect(sandbox().store.listContacts()).toHaveLength(2);
	});

	it('rejects an empty match value before writing anything', async () => {
		const { errors } = await upsert({ matchBy: 'identifier', identifier: '={{ $json.crmId ?? "" }}' });

		expect(errors[NODE_NAME]?.message).toBe(
			'Identifier is empty, so there is nothing to match an existing contact by (item 0)',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
