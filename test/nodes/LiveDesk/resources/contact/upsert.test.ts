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
