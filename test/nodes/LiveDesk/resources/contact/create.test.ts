import { runWorkflow } from '../../../../../tools/engine';
import { expectedBasicAuth, sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Create', () => {
	const sandbox = useSandbox();

	it('posts the inbox id as a number and only the fields the user set', async () => {
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: {
				name: 'Alice',
				email: 'alice@example.com',
				phoneNumber: '',
				identifier: 'crm-1',
			},
		});

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		const [request] = sandbox().requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/v2/accounts/contacts');
		expect(request.headers.authorization).toBe(expectedBasicAuth(sandbox()));
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({
			inbox_id: 407,
			name: 'Alice',
			email: 'alice@example.com',
			identifier: 'crm-1',
		});

		const [item] = outputs[NODE_NAME];
		expect(item.json).toEqual({
			id: expect.any(Number),
			name: 'Alice',
			email: 'alice@example.com',
			phone_number: null,
			identifier: 'crm-1',
			source_id: expect.any(String),
			blocked: false,
			custom_attributes: {},
			created_at: expect.any(Number),
		});
	});

	it('without Simplify returns LiveDesk’s whole contact, lifted out of payload, with contact_inbox beside it', async () => {
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: { name: 'Alice' },
			simplify: false,
		});

		const { outputs } = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox()) });

		const [item] = outputs[NODE_NAME];
		expect(item.json).toMatchObject({
			id: expect.any(Number),
			name: 'Alice',
			availability_status: 'offline',
			thumbnail: '',
			contact_inbox: { source_id: expect.any(String), inbox: { id: 407 } },
		});
		expect(item.json.payload).toBeUndefined();
	});

	it('accepts an inbox id that an expression delivers as text and sends it as a number', async () => {
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: '={{ $json.channel }}',
			additionalFields: { avatarUrl: 'https://example.com/a.png' },
		});

		await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items: [{ channel: '407' }],
		});

		expect(sandbox().requests[0].body).toEqual({
			inbox_id: 407,
			avatar_url: 'https://example.com/a.png',
		});
	});

	it('creates one contact per input item, in order', async () => {
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: { name: '={{ $json.name }}' },
		});
		const items = [{ name: 'Ann' }, { name: 'Ben' }, { name: 'Cem' }];

		const { outputs } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items,
		});

		expect(outputs[NODE_NAME].map((item) => item.json.name)).toEqual(['Ann', 'Ben', 'Cem']);
		expect(outputs[NODE_NAME].map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(new Set(outputs[NODE_NAME].map((item) => item.json.id)).size).toBe(3);
	});
});
