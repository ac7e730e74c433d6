import { runWorkflow } from '../../../../../tools/engine';
import { expectedBasicAuth, sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Ticket → Create', () => {
	const sandbox = useSandbox();

	it('sends title and description only when nothing else is set, and outputs the string id as id', async () => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Printer jam',
				description: 'A4 stuck',
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		const [request] = sandbox().requests;
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/v2/accounts/tickets',
			body: { title: 'Printer jam', description: 'A4 stuck' },
		});
		expect(request.headers.authorization).toBe(expectedBasicAuth(sandbox()));
		const [ticket] = sandbox().store.listTickets();
		expect(outputs[NODE_NAME]).toEqual([
			{ json: { id: ticket.ticketId, ticket_id: ticket.ticketId }, pairedItem: { item: 0 } },
		]);
	});

	it('nests requester, submitter, attachments and custom fields as the docs do, ids as text', async () => {
		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: '={{ $json.subject }}',
				description: '',
				additionalFields: {
					priority: 'high',
					ticketType: 'incident',
					assignmentTeam: 'IT Support',
					submitterId: 'u_12345',
					requesterEuid: '={{ $json.contactId }}',
					requesterChannelId: '={{ $json.inboxId }}',
					requesterContactId: '-1001234567890',
					requesterSubContactId: '',
					requesterFollowers: {
						follower: [
							{ id: '7562646527', name: 'Zhang San' },
							{ id: '', name: 'nobody' },
							{ id: '42', name: '' },
						],
					},
					attachments: {
						attachment: [
							{ fileUrl: 'https://example.com/a.jpg' },
							{ fileUrl: '={{ $json.files }}' },
							{ fileUrl: ' ' },
						],
					},
					customFields: {
						field: [
							{ key: 'device_sn', value: 'PRN-1' },
							{ key: ' ', value: 'dropped' },
							{ key: 'location', value: 'HQ' },
						],
					},
				},
			}),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [
					{
						subject: 'Paper jam',
						contactId: 2219256,
						inboxId: 407,
						files: ['https://example.com/b.pdf', 'https://example.com/c.png'],
					},
				],
			},
		);

		expect(errors).toEqual({});
		expect(sandbox().requests[0].body).toEqual({
			title: 'Paper jam',
			priority: 'high',
			ticket_type: 'incident',
			assignment_team: 'IT Support',
			submitter: { id: 'u_12345' },
			requester: {
				euid: '2219256',
				channel_contacts: {
					channel_id: '407',
					contact_id: '-1001234567890',
					followers: [{ id: '7562646527', name: 'Zhang San' }, { id: '42' }],
				},
			},
			attachments: [
				{ file_url: 'https://example.com/a.jpg' },
				{ file_url: 'https://example.com/b.pdf' },
				{ file_url: 'https://example.com/c.png' },
			],
			custom_fields: { device_sn: 'PRN-1', location: 'HQ' },
		});
		expect(sandbox().store.listTickets()).toHaveLength(1);
	});

	it('rejects an item whose title is empty before sending, and creates the others', async () => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow(
				{ resource: 'ticket', operation: 'create', title: '={{ $json.title }}' },
				{ continueOnFail: true },
			),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [{ title: 'One' }, { title: ' ' }, { title: 'Three' }],
			},
		);

		expect(errors).toEqual({});
		expect(sandbox().requests.map((request) => (request.body as { title: string }).title)).toEqual([
			'One',
			'Three',
		]);
		const output = outputs[NODE_NAME];
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({
			error: 'Title is empty; LiveDesk does not create a ticket without one (item 1)',
		});
		expect(output[0].json.id).toMatch(/^tk_/);
	});
});
