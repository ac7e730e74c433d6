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
				additionalFields: { priority: 'high', ticketType: 'incident', assignmentTeam: 'IT Support', requesterEuid: 'contact_1' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);
		return outputs[NODE_NAME][0].json.id as string;
	}

	const get = (ticketId: string, simplify?: boolean) =>
		runWorkflow(
			singleOperationWorkflow({ resource: 'ticket', operation: 'get', ticketId, ...(simplify === undefined ? {} : { simplify }) }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

	it('Simplify (the default) keeps id, title, status, priority, type, requester, team and timestamps', async () => {
		const ticketId = await createTicket();

		const { outputs, errors } = await get(ticketId);

		expect(errors).toEqual({});
		expect(sandbox().requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/v2/accounts/tickets/${ticketId}` });
		expect(outputs[NODE_NAME][0].json).toEqual({
			id: ticketId,
			title: 'Printer jam',
			status: 'open',
			priority: 'high',
			ticket_type: 'incident',
			requester: { euid: 'contact_1', name: null, email: null, phone: null, channel_contacts: null },
			assignment_team: { id: 5, name: 'IT Support' },
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
		});
	});

	it('without Simplify outputs the whole ticket with its conversation list, id on top', async () => {
		const ticketId = await createTicket();

		const { outputs } = await get(ticketId, false);

		const ticket = outputs[NODE_NAME][0].json;
		expect(Object.keys(ticket)[0]).toBe('id');
		expect(ticket).toMatchObject({ id: ticketId, ticket_id: ticketId, conversation_list: [], custom_fields: {} });
	});

	it('puts an id that needs encoding into the path URL-encoded, and reads that ticket', async () => {
		const ticketId = 'tk 1/2?#%';
		sandbox().injectFault({
			method: 'GET',
			path: '/tickets/',
			status: 200,
			body: { code: 0, message: 'Success', data: { ticket_id: ticketId, title: 'Odd id', status: 'open' } },
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
			description: expect.stringMatching(/^Ticket ID tk 1\/2: check that it exists in the LiveDesk project/),
		});
	});
});
