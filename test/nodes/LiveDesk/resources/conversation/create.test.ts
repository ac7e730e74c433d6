import { runWorkflow } from '../../../../../tools/engine';
import { expectedBasicAuth, sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Conversation → Create', () => {
	const sandbox = useSandbox();

	async function createContact(): Promise<{ id: number; sourceId: string }> {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'create', inboxId: 407 }),
			{ credentials: sandboxCredentials(sandbox()) },
		);
		const contact = outputs[NODE_NAME][0].json as { id: number; source_id: string };
		return { id: contact.id, sourceId: contact.source_id };
	}

	it('opens a conversation for a contact id', async () => {
		const contact = await createContact();
		const workflow = singleOperationWorkflow({
			resource: 'conversation',
			operation: 'create',
			inboxId: 407,
			identifyBy: 'contactId',
			contactId: { __rl: true, mode: 'id', value: `={{ "${contact.id}" }}` },
			simplify: false,
		});

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		const request = sandbox().requests[1];
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v2/accounts/conversations');
		expect(request.headers.authorization).toBe(expectedBasicAuth(sandbox()));
		expect(request.body).toEqual({ inbox_id: 407, contact_id: contact.id });
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			inbox_id: 407,
			status: 'open',
			meta: { sender: { id: contact.id } },
		});
		expect(typeof outputs[NODE_NAME][0].json.id).toBe('number');
		expect(Object.keys(outputs[NODE_NAME][0].json).length).toBeGreaterThan(30);
	});

	it('accepts a plain contact id, as saved before Contact became a list', async () => {
		const contact = await createContact();

		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId: contact.id,
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(sandbox().requests[1].body).toEqual({ inbox_id: 407, contact_id: contact.id });
	});

	it('opens a conversation for a source id and sends no contact id', async () => {
		const contact = await createContact();
		const workflow = singleOperationWorkflow({
			resource: 'conversation',
			operation: 'create',
			inboxId: 407,
			identifyBy: 'sourceId',
			contactId: { __rl: true, mode: 'id', value: '999' },
			sourceId: contact.sourceId,
		});

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		expect(sandbox().requests[1].body).toEqual({ inbox_id: 407, source_id: contact.sourceId });
		expect(outputs[NODE_NAME][0].json).toEqual({
			id: expect.any(Number),
			status: 'open',
			inbox_id: 407,
			contact_id: contact.id,
			contact_name: '',
			assignee_id: null,
			labels: [],
			unread_count: 0,
			created_at: expect.any(Number),
			last_activity_at: expect.any(Number),
		});
	});
});
