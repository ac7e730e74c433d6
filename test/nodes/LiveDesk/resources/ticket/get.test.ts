import { runWorkflow } from '../../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Ticket → Get', () => {
	const sandbox = useSandbox();

	async function createTicket(): Promise<string> {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Printer jam',
				additionalFields: {
					priority: 'high',
					ticketType: 'incident',
					assignmentTeam: 'IT Support',
					requesterEuid: 'contact_1',
				},
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);
		return outputs[NODE_NAME][0].json.id as string;
	}

	const get = (ticketId: string, simplify?: boolean) =>
		runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'get',
				ticketId,
				...(simplify === undefined ? {} : { simplify }),
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

	it('Simplify (the default) keeps id, title, status, priority, type, requester, team, status changes, messages and timestamps', async () => {
		const ticketId = await createTicket();

		const { outputs, errors } = await get(ticketId);

		expect(errors).toEqual({});
		expect(sandbox().requests.at(-1)).toMatchObject({
			method: 'GET',
			path: `/api/v2/accounts/tickets/${ticketId}`,
		});
		expect(outputs[NODE_NAME][0].json).toEqual({
			id: ticketId,
			title: 'Printer jam',
			status: 'open',
			priority: 'high',
			ticket_type: 'incident',
			requester: {
				euid: 'contact_1',
				name: null,
				email: null,
				phone: null,
				channel_contacts: null,
			},
			assignment_team: { id: 5, name: 'IT Support' },
			status_changes: [],
			messages: [],
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
		});
	});

	it('without Simplify outputs the whole ticket with its conversation list, id on top', async () => {
		const ticketId = await createTicket();

		const { outputs } = await get(ticketId, false);

		const ticket = outputs[NODE_NAME][0].json;
		expect(Object.keys(ticket)[0]).toBe('id');
		expect(ticket).toMatchObject({
			id: ticketId,
			ticket_id: ticketId,
			conversation_list: [],
			custom_fields: {},
		});
	});

	it('puts an id that needs encoding into the path URL-encoded, and reads that ticket', async () => {
		const ticketId = 'tk 1/2?#%';
		sandbox().injectFault({
			method: 'GET',
			path: '/tickets/',
			status: 200,
			body: {
				code: 0,
				message: 'Success',
				data: { ticket_id: ticketId, title: 'Odd id', status: 'open' },
			},
		});

		const { outputs, errors } = await get(ticketId);

		expect(errors).toEqual({});
		expect(sandbox().requests[0].path).toBe('/api/v2/accounts/tickets/tk%201%2F2%3F%23%25');
		expect(outputs[NODE_NAME][0].json).toMatchObject({ id: ticketId, title: 'Odd id' });
	});

	it('an unknown id fails with LiveDesk’s 404, naming the Ticket ID', async () => {
		const { errors } = await get('tk 1/2');

		expect(sandbox().requests[0].path).toBe('/api/v2/accounts/tickets/tk%201%2F2');
		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404 (code 40401): Ticket tk 1/2 not found',
			description: expect.stringMatching(
				/^Ticket ID tk 1\/2: check that it exists in the LiveDesk project/,
			),
		});
	});

	it('Simplify reads the followers Get answers as plain ids ("u_12345") as {id, name}', async () => {
		const { outputs: created } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Printer jam',
				additionalFields: {
					requesterChannelId: 'inbox_100',
					requesterFollowers: {
						follower: [{ id: '7562646527', name: 'Zhang San' }, { id: 'u_12345' }],
					},
				},
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		const { outputs } = await get(created[NODE_NAME][0].json.id as string);

		expect(sandbox().requests.at(-2)?.body).toMatchObject({
			requester: {
				channel_contacts: {
					followers: [{ id: '7562646527', name: 'Zhang San' }, { id: 'u_12345' }],
				},
			},
		});
		expect(outputs[NODE_NAME][0].json.requester).toMatchObject({
			channel_contacts: {
				channel_id: 'inbox_100',
				followers: [
					{ id: '7562646527', name: null },
					{ id: 'u_12345', name: null },
				],
			},
		});
	});

	/** Get's answer with what the docs print beyond our sandbox: status_changes, sent_at, is_internal, both follower shapes. */
	const documentedAnswer = {
		code: 0,
		message: 'Success',
		data: {
			ticket_id: 'tk_20251104_789abc',
			title: 'Printer paper jam, unable to print',
			status: 'processing',
			priority: 'high',
			ticket_type: 'incident',
			requester: {
				euid: 'contact_12345',
				name: 'Li Si',
				email: 'lisi@example.com',
				phone: '+8613800000000',
				channel_contacts: {
					channel_id: 'inbox_100',
					followers: ['u_12345', { id: '7562646527', name: 'Zhang San' }],
				},
			},
			assignment_team: { id: 5, name: 'IT Support' },
			status_changes: [{ from: 'open', to: 'processing' }],
			conversation_list: [
				{
					message_id: 'm_1',
					sender: { id: 'contact_12345', type: 'contact', name: 'Li Si' },
					content: 'The printer jams again.',
					content_type: 'text',
					attachments: [
						{ file_type: 'image/jpeg', file_url: 'https://example.com/files/error.jpg' },
					],
					sent_at: 1762243200,
					is_internal: false,
				},
				{
					message_id: 'm_2',
					sender: { id: 'u_12345', type: 'agent', name: 'Wang Wu' },
					content: 'Feeder worn out; replace, do not tell the customer the cost yet.',
					content_type: 'text',
					attachments: [],
					sent_at: 1762243260,
					is_internal: true,
				},
			],
		},
	};

	it('Simplify keeps status_changes, reads both follower shapes and marks internal messages', async () => {
		sandbox().injectFault({
			method: 'GET',
			path: '/tickets/',
			status: 200,
			body: documentedAnswer,
		});

		const { outputs, errors } = await get('tk_20251104_789abc');

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toEqual({
			id: 'tk_20251104_789abc',
			title: 'Printer paper jam, unable to print',
			status: 'processing',
			priority: 'high',
			ticket_type: 'incident',
			requester: {
				euid: 'contact_12345',
				name: 'Li Si',
				email: 'lisi@example.com',
				phone: '+8613800000000',
				channel_contacts: {
					channel_id: 'inbox_100',
					followers: [
						{ id: 'u_12345', name: null },
						{ id: '7562646527', name: 'Zhang San' },
					],
				},
			},
			assignment_team: { id: 5, name: 'IT Support' },
			status_changes: [{ from: 'open', to: 'processing' }],
			messages: [
				{
					id: 'm_1',
					is_internal: false,
					sender_id: 'contact_12345',
					sender_name: 'Li Si',
					sender_type: 'contact',
					content: 'The printer jams again.',
					content_type: 'text',
					sent_at: 1762243200,
					attachments: [
						{ file_type: 'image/jpeg', file_url: 'https://example.com/files/error.jpg' },
					],
				},
				{
					id: 'm_2',
					is_internal: true,
					sender_id: 'u_12345',
					sender_name: 'Wang Wu',
					sender_type: 'agent',
					content: 'Feeder worn out; replace, do not tell the customer the cost yet.',
					content_type: 'text',
					sent_at: 1762243260,
					attachments: [],
				},
			],
			created_at: null,
			updated_at: null,
		});
	});

	it('without Simplify the answer is LiveDesk’s as it is, status_changes and is_internal included', async () => {
		sandbox().injectFault({
			method: 'GET',
			path: '/tickets/',
			status: 200,
			body: documentedAnswer,
		});

		const { outputs } = await get('tk_20251104_789abc', false);

		expect(outputs[NODE_NAME][0].json).toEqual({
			id: 'tk_20251104_789abc',
			...documentedAnswer.data,
		});
	});
});
