import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { docsExample } from '../helpers/docs';
import { call, createContact, obj } from './helpers';

describe('sandbox: tickets', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('creates the docs’ example ticket and answers its string id in the envelope', async () => {
		const created = await call(sandbox, 'POST', '/tickets', {
			body: docsExample('create-ticket.request.json'),
		});

		expect(created.status).toBe(200);
		const answer = obj(created.json);
		expect(answer).toMatchObject({ code: 0, message: 'Success' });
		const ticketId = obj(answer.data).ticket_id;
		expect(ticketId).toMatch(/^tk_\d{8}_[0-9a-f]{6}$/);
		expect(sandbox.store.getTicket(String(ticketId))).toMatchObject({
			title: 'Printer paper jam, unable to print',
			status: 'open',
		});
	});

	it('answers Get with the documented shape: team as {id, name}, followers as ids, conversation list', async () => {
		const { data } = obj(
			(await call(sandbox, 'POST', '/tickets', { body: docsExample('create-ticket.request.json') }))
				.json,
		);
		const ticketId = String(obj(data).ticket_id);

		const found = obj((await call(sandbox, 'GET', `/tickets/${ticketId}`)).json);

		expect(found).toMatchObject({ code: 0, message: 'Success' });
		expect(obj(found.data)).toEqual({
			ticket_id: ticketId,
			title: 'Printer paper jam, unable to print',
			description: 'Customer reported A4 paper jammed at the output tray, needs urgent handling.',
			attachments: [{ file_url: 'https://example.com/files/error.jpg' }],
			status: 'open',
			priority: 'high',
			ticket_type: 'incident',
			requester: {
				euid: 'contact_12345',
				name: null,
				email: null,
				phone: null,
				channel_contacts: {
					channel_id: 'inbox_100',
					contact_id: '-1001234567890',
					sub_contact_id: '23232323',
					followers: ['7562646527'],
				},
			},
			submitter: { id: 'u_12345' },
			assignment_team: { id: 5, name: 'IT Support' },
			custom_fields: { device_sn: 'PRN-2024-001', location: 'Beijing HQ - 3rd Floor Print Room' },
			tags: [],
			conversation_list: [],
			status_changes: [],
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
		});
	});

	it('fills the requester’s name, email and phone from the contact whose id is the euid', async () => {
		const contact = await createContact(sandbox, {
			name: 'Alice',
			email: 'alice@example.com',
			phone_number: '+4915112345678',
		});
		const { data } = obj(
			(
				await call(sandbox, 'POST', '/tickets', {
					body: { title: 'Hi', requester: { euid: String(contact.id) } },
				})
			).json,
		);

		const found = obj(
			obj((await call(sandbox, 'GET', `/tickets/${String(obj(data).ticket_id)}`)).json).data,
		);

		expect(found.requester).toEqual({
			euid: String(contact.id),
			name: 'Alice',
			email: 'alice@example.com',
			phone: '+4915112345678',
			channel_contacts: null,
		});
	});

	it('updates with PUT: fields sent replace, custom fields merge, tags are set', async () => {
		const { data } = obj(
			(await call(sandbox, 'POST', '/tickets', { body: docsExample('create-ticket.request.json') }))
				.json,
		);
		const ticketId = String(obj(data).ticket_id);

		const updated = await call(sandbox, 'PUT', `/tickets/${ticketId}`, {
			body: {
				priority: 'normal',
				custom_fields: { resolution_note: 'Replaced the feeder' },
				tags: ['printer', 'hardware'],
			},
		});

		expect(updated.json).toEqual({ code: 0, message: 'Success', data: { ticket_id: ticketId } });
		expect(sandbox.store.getTicket(ticketId)).toMatchObject({
			title: 'Printer paper jam, unable to print',
			priority: 'normal',
			tags: ['printer', 'hardware'],
			customFields: {
				device_sn: 'PRN-2024-001',
				location: 'Beijing HQ - 3rd Floor Print Room',
				resolution_note: 'Replaced the feeder',
			},
		});
	});

	it('refuses bad input with HTTP 200 and a non-zero code naming the field', async () => {
		const cases: Array<[unknown, string]> = [
			[{ description: 'no title' }, 'title is required'],
			[{ title: '  ' }, 'title is required'],
			[
				{ title: 'x', attachments: [{ file_url: 'not a url' }] },
				'attachments[0].file_url must be an http(s) URL',
			],
			[
				{ title: 'x', requester: { channel_contacts: { contact_id: 42 } } },
				'requester.channel_contacts.contact_id must be a string',
			],
			[{ title: 'x', custom_fields: ['a'] }, 'custom_fields must be an object'],
		];
		for (const [body, message] of cases) {
			const answer = await call(sandbox, 'POST', '/tickets', { body });
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ code: 40001, message, data: null });
		}
		expect(sandbox.store.listTickets()).toHaveLength(0);
	});

	it('answers 404 with the envelope for unknown ids, and matches ids that needed URL encoding', async () => {
		for (const [method, body] of [
			['GET', undefined],
			['PUT', { title: 'x' }],
		] as const) {
			const answer = await call(sandbox, method, '/tickets/tk%201%2F2', { body });
			expect(answer.status).toBe(404);
			expect(answer.json).toEqual({ code: 40401, message: 'Ticket tk 1/2 not found', data: null });
		}
	});
});
