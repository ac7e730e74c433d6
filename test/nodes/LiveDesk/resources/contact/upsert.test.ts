import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { startSandbox, type Sandbox } from '../../../../../tools/sandbox';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Create or Update', () => {
	const sandbox = useSandbox();

	const upsert = (parameters: INodeParameters, items?: IDataObject[]) =>
		runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'upsert',
				inboxId: 407,
				...parameters,
			}),
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
		expect(writes[1].body).toEqual({
			identifier: 'crm-42',
			name: 'Alice Smith',
			email: 'alice@example.com',
		});
	});

	it('several items for the same contact in one run: one create, then updates in item order', async () => {
		const items = [
			{ email: 'bob@example.com', name: 'Bob' },
			{ email: 'carol@example.com', name: 'Carol' },
			{ email: 'BOB@example.com', name: 'Bob B.' },
			{ email: 'bob@example.com', name: 'Robert' },
		];

		const { outputs, errors } = await upsert(
			{
				matchBy: 'email',
				email: '={{ $json.email }}',
				additionalFields: { name: '={{ $json.name }}' },
			},
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
		expect(outputs[NODE_NAME].map((item) => item.pairedItem)).toEqual(
			items.map((_, index) => ({ item: index })),
		);
		expect(
			sandbox()
				.store.listContacts()
				.map((contact) => contact.name)
				.sort(),
		).toEqual(['Carol', 'Robert']);
	});

	it('a create refused as taken (another execution created the contact a moment ago): looked up again and updated', async () => {
		await upsert({
			matchBy: 'phoneNumber',
			phoneNumber: '+4915100000001',
			additionalFields: { name: 'Eve' },
		});
		// This run's search came back before that contact was visible.
		sandbox().injectFault({
			method: 'GET',
			path: '/contacts',
			status: 200,
			body: { meta: { count: 0, current_page: 1 }, payload: [] },
		});

		const { outputs, errors } = await upsert({
			matchBy: 'phoneNumber',
			phoneNumber: '+4915100000001',
			additionalFields: { name: 'Eve Adams' },
		});

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			name: 'Eve Adams',
			phone_number: '+4915100000001',
			created: false,
		});
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	const fourItems = [
		{ email: 'bob@example.com', name: 'Bob' },
		{ email: 'carol@example.com', name: 'Carol' },
		{ email: 'BOB@example.com', name: 'Bob B.' },
		{ email: 'bob@example.com', name: 'Robert' },
	];
	const byEmail = {
		matchBy: 'email',
		email: '={{ $json.email }}',
		additionalFields: { name: '={{ $json.name }}' },
	};

	it('Retry On Fail: a try that failed half-way is run again without duplicating anyone', async () => {
		// The third write (the update of Bob) loses its connection once; n8n runs the node again.
		sandbox().injectFault({ method: 'PATCH', path: '/contacts', destroy: true });
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			...byEmail,
		});
		Object.assign(workflow.nodes[1], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items: fourItems,
		});

		expect(errors).toEqual({});
		// The second try finds Bob and Carol, whom the first one created.
		expect(
			outputs[NODE_NAME].map((item) => [item.json.name, item.json.created, item.pairedItem]),
		).toEqual([
			['Bob', false, { item: 0 }],
			['Carol', false, { item: 1 }],
			['Bob B.', false, { item: 2 }],
			['Robert', false, { item: 3 }],
		]);
		expect(
			sandbox()
				.store.listContacts()
				.map((contact) => contact.name),
		).toEqual(['Robert', 'Carol']);
	});

	it('Continue On Fail: the failed item gets its error, the others still give one contact each', async () => {
		sandbox().injectFault({ method: 'PATCH', path: '/contacts', status: 500 });

		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{ resource: 'contact', operation: 'upsert', inboxId: 407, ...byEmail },
				{ continueOnFail: true },
			),
			{ credentials: sandboxCredentials(sandbox()), items: fourItems },
		);

		expect(
			outputs[NODE_NAME].map((item) => [
				item.json.error ?? item.json.name,
				item.json.created,
				item.pairedItem,
			]),
		).toEqual([
			['Bob', true, { item: 0 }],
			['Carol', true, { item: 1 }],
			['LiveDesk answered 500: Internal Server Error', undefined, { item: 2 }],
			['Robert', false, { item: 3 }],
		]);
		expect(
			sandbox()
				.store.listContacts()
				.map((contact) => contact.name),
		).toEqual(['Robert', 'Carol']);
	});

	it('a long Retry-After: says so, and does not point at Batching, which one-at-a-time items do not use', async () => {
		sandbox().injectFault({
			method: 'GET',
			path: '/contacts',
			status: 429,
			headers: { 'Retry-After': '120' },
		});

		const { errors } = await upsert({ matchBy: 'identifier', identifier: 'crm-6' });

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 429: Too Many Requests',
			description:
				'LiveDesk asked to wait 120 s (Retry-After), longer than the node waits within one item (60 s). Run the workflow again later, or with fewer items at a time.',
		});
	});

	it('creates with the fields Create documents, then sends the others with the documented update', async () => {
		const fields = {
			name: 'Dana',
			city: 'Berlin',
			firstName: 'Dana',
			customAttributes: { attribute: [{ key: 'plan', value: 'pro' }] },
		};

		const created = await upsert({
			matchBy: 'identifier',
			identifier: 'crm-5',
			additionalFields: fields,
			simplify: false,
		});
		const updated = await upsert({
			matchBy: 'identifier',
			identifier: 'crm-5',
			additionalFields: { ...fields, city: 'Hamburg' },
		});

		expect(created.errors).toEqual({});
		const [search, post, patch, ...again] = sandbox().requests;
		expect([search.method, post.method, patch.method]).toEqual(['GET', 'POST', 'PATCH']);
		expect(post.body).toEqual({ inbox_id: 407, name: 'Dana', identifier: 'crm-5' });
		expect(patch.body).toEqual({
			first_name: 'Dana',
			additional_attributes: { city: 'Berlin' },
			custom_attributes: { plan: 'pro' },
		});
		expect(created.outputs[NODE_NAME][0].json).toMatchObject({
			created: true,
			first_name: 'Dana',
			additional_attributes: { city: 'Berlin' },
			contact_inbox: { source_id: expect.any(String) },
		});
		expect(again.map((request) => request.method)).toEqual(['GET', 'PATCH']);
		expect(again[1].body).toEqual({
			name: 'Dana',
			identifier: 'crm-5',
			first_name: 'Dana',
			additional_attributes: { city: 'Hamburg' },
			custom_attributes: { plan: 'pro' },
		});
		expect(updated.outputs[NODE_NAME][0].json).toMatchObject({
			created: false,
			source_id: expect.any(String),
		});
	});

	it('an item whose write fails lets the next item for the same contact go at once', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 500 });
		const started = Date.now();

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
				items: [{ email: 'dan@example.com' }, { email: 'dan@example.com' }],
			},
		);

		expect(outputs[NODE_NAME].map((item) => item.json.error ?? item.json.created)).toEqual([
			'LiveDesk answered 500: Internal Server Error',
			true,
		]);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('a write that gets no answer (dropped connection) lets the next item go at once, and the rest one by one', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', destroy: true });
		const started = Date.now();

		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{
					resource: 'contact',
					operation: 'upsert',
					inboxId: 407,
					matchBy: 'identifier',
					identifier: 'crm-1',
					additionalFields: { name: '={{ $json.name }}' },
				},
				{ continueOnFail: true },
			),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
			},
		);

		expect(
			outputs[NODE_NAME].map((item) =>
				item.json.error === undefined ? item.json.created : 'error',
			),
		).toEqual(['error', true, false]);
		expect(
			sandbox()
				.store.listContacts()
				.map((contact) => contact.name),
		).toEqual(['C']);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('an item waiting out a long Retry-After keeps its turn: the next item for the contact updates, not creates', async () => {
		sandbox().injectFault({
			method: 'POST',
			path: '/contacts',
			status: 429,
			headers: { 'Retry-After': '2' },
		});

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'upsert',
				inboxId: 407,
				matchBy: 'identifier',
				identifier: 'crm-2',
				additionalFields: { name: '={{ $json.name }}' },
			}),
			{ credentials: sandboxCredentials(sandbox()), items: [{ name: 'A' }, { name: 'B' }] },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME].map((item) => [item.json.name, item.json.created])).toEqual([
			['A', true],
			['B', false],
		]);
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('Retry On Fail after a dropped connection: the next try goes at once and creates the contact', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', destroy: true });
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			matchBy: 'identifier',
			identifier: 'crm-7',
		});
		Object.assign(workflow.nodes[1], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		const started = Date.now();

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toMatchObject({ identifier: 'crm-7', created: true });
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('the look-up is answered like any request: LiveDesk’s status and message, 429 waited out', async () => {
		sandbox().injectFault({
			method: 'GET',
			path: '/contacts',
			status: 429,
			headers: { 'Retry-After': '0' },
		});
		const retried = await upsert({ matchBy: 'identifier', identifier: 'crm-8' });
		expect(retried.errors).toEqual({});
		expect(retried.outputs[NODE_NAME][0].json).toMatchObject({
			identifier: 'crm-8',
			created: true,
		});

		sandbox().injectFault({
			method: 'GET',
			path: '/contacts',
			status: 404,
			body: { error: 'Not Found' },
		});
		const { errors } = await upsert({ matchBy: 'identifier', identifier: 'crm-9' });
		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404: Not Found',
			description: expect.stringContaining('no such call (GET /contacts) at this Base URL'),
		});
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('finds the exact match beyond the first pages of partial matches, and stops where it cannot be sure', async () => {
		const partial = Array.from({ length: 90 }, (_, index) => ({
			name: `P${index}`,
			identifier: `crm-42-${index}`,
		}));
		await createContacts(sandboxCredentials(sandbox()), [
			...partial,
			{ name: 'Exact', identifier: 'crm-42' },
		]);

		const found = await upsert({
			matchBy: 'identifier',
			identifier: 'crm-42',
			additionalFields: { name: 'Exact!' },
		});
		expect(found.errors).toEqual({});
		expect(found.outputs[NODE_NAME][0].json).toMatchObject({ name: 'Exact!', created: false });

		await createContacts(
			sandboxCredentials(sandbox()),
			Array.from({ length: 520 }, (_, index) => ({
				name: `Q${index}`,
				identifier: `crm-4-${index}`,
			})),
		);
		const { errors } = await upsert({ matchBy: 'identifier', identifier: 'crm-4' });
		expect(errors[NODE_NAME]?.message).toBe(
			'More than 600 contacts partly match the Identifier "crm-4", too many to be sure none is exactly this one (item 0)',
		);
		expect(sandbox().store.listContacts()).toHaveLength(611);
	});

	it('a value taken by another contact: says why, without pointing at the operation already in use', async () => {
		await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Eve', email: 'eve@example.com' },
		]);

		const { errors } = await upsert({
			matchBy: 'identifier',
			identifier: 'crm-5',
			additionalFields: { email: 'eve@example.com' },
		});

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 422: Email has already been taken',
			description: expect.stringMatching(
				/^Correct Email for this item and run again\. Another contact already has this value/,
			),
		});
		expect(errors[NODE_NAME]).not.toMatchObject({
			description: expect.stringContaining('use Contact → Create or Update'),
		});
	});

	it('matches by email case-insensitively and only on an exact address', async () => {
		const [existing] = await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Alice', email: 'alice@example.com' },
			{ name: 'Alicia', email: 'alice@example.com.au' },
		]);

		const { outputs, errors } = await upsert({
			matchBy: 'email',
			email: 'ALICE@example.com',
			additionalFields: { name: 'A.' },
		});

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			id: existing.id,
			name: 'A.',
			created: false,
		});
		expect(sandbox().store.listContacts()).toHaveLength(2);
	});

	it('creates when only a partial match exists', async () => {
		await createContacts(sandboxCredentials(sandbox()), [{ name: 'Old', identifier: 'crm-420' }]);

		const { outputs } = await upsert({ matchBy: 'identifier', identifier: 'crm-42' });

		expect(outputs[NODE_NAME][0].json).toMatchObject({ identifier: 'crm-42', created: true });
		expect(sandbox().store.listContacts()).toHaveLength(2);
	});

	it('rejects an empty match value before writing anything', async () => {
		const { errors } = await upsert({
			matchBy: 'identifier',
			identifier: '={{ $json.crmId ?? "" }}',
		});

		expect(errors[NODE_NAME]?.message).toBe(
			'Identifier is empty, so there is nothing to match an existing contact by (item 0)',
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Contact → Create or Update in a project with two API channels', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			quiet: true,
			inboxes: [
				{ id: 512, name: 'Web form' },
				{ id: 407, name: 'WhatsApp bridge' },
			],
		});
	});
	afterAll(async () => await sandbox.close());

	it('gives the source_id of the Inbox ID it was asked for, not of the contact’s first inbox', async () => {
		const credentials = sandboxCredentials(sandbox);
		const run = async (parameters: INodeParameters) =>
			await runWorkflow(singleOperationWorkflow(parameters), { credentials });
		const created = await run({
			resource: 'contact',
			operation: 'create',
			inboxId: 512,
			additionalFields: { identifier: 'crm-77' },
		});
		const contactId = Number(created.outputs[NODE_NAME][0].json.id);
		await run({ resource: 'conversation', operation: 'create', inboxId: 407, contactId });
		const stored = sandbox.store.listContacts()[0];
		const sourceIdIn = (inboxId: number) =>
			stored.contactInboxes.find((link) => link.inboxId === inboxId)?.sourceId;
		expect(stored.contactInboxes.map((link) => link.inboxId)).toEqual([512, 407]);

		const upserted = await run({
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			matchBy: 'identifier',
			identifier: 'crm-77',
		});
		expect(upserted.outputs[NODE_NAME][0].json).toMatchObject({
			id: contactId,
			created: false,
			source_id: sourceIdIn(407),
		});

		const listed = await run({ resource: 'contact', operation: 'getAll' });
		expect(listed.outputs[NODE_NAME][0].json).toMatchObject({ id: contactId, source_id: null });
	});
});
