import { runWorkflow } from '../../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Ticket → Update', () => {
	const sandbox = useSandbox();

	async function createTicket(): Promise<string> {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Printer jam',
				additionalFields: {
					priority: 'high',
					customFields: { field: [{ key: 'device_sn', value: 'PRN-1' }] },
				},
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);
		return outputs[NODE_NAME][0].json.id as string;
	}

	it('PUTs only the fields added, tags as a list, to the ticket’s path, and outputs its id', async () => {
		const ticketId = await createTicket();

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'update',
				ticketId: '={{ $json.ticket }}',
				updateFields: {
					priority: 'normal',
					description: '',
					tags: 'printer, hardware ,, resolved',
					customFields: { field: [{ key: 'resolution_note', value: 'Replaced the feeder' }] },
				},
			}),
			{ credentials: sandboxCredentials(sandbox()), items: [{ ticket: ticketId }] },
		);

		expect(errors).toEqual({});
		const request = sandbox().requests.at(-1);
		expect(request).toMatchObject({ method: 'PUT', path: `/api/v2/accounts/tickets/${ticketId}` });
		expect(request?.body).toEqual({
			priority: 'normal',
			tags: ['printer', 'hardware', 'resolved'],
			custom_fields: { resolution_note: 'Replaced the feeder' },
		});
		expect(outputs[NODE_NAME][0].json).toEqual({ id: ticketId, ticket_id: ticketId });
		expect(sandbox().store.getTicket(ticketId)).toMatchObject({
			title: 'Printer jam',
			priority: 'normal',
			tags: ['printer', 'hardware', 'resolved'],
			customFields: { device_sn: 'PRN-1', resolution_note: 'Replaced the feeder' },
		});
	});

	it('takes tags from an expression’s list', async () => {
		const ticketId = await createTicket();

		await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'update',
				ticketId,
				updateFields: { tags: '={{ $json.tags }}' },
			}),
			{ credentials: sandboxCredentials(sandbox()), items: [{ tags: ['vip', ' urgent '] }] },
		);

		expect(sandbox().requests.at(-1)?.body).toEqual({ tags: ['vip', 'urgent'] });
	});

	it('rejects an update with nothing to change, or without a ticket id, before sending', async () => {
		const ticketId = await createTicket();
		sandbox().requests.length = 0;

		const { outputs } = await runWorkflow(
			singleOperationWorkflow(
				{
					resource: 'ticket',
					operation: 'update',
					ticketId: '={{ $json.id }}',
					updateFields: '={{ $json.fields }}',
				},
				{ continueOnFail: true },
			),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [
					{ id: ticketId, fields: { title: ' ' } },
					{ id: '  ', fields: { title: 'New' } },
				],
			},
		);

		expect(sandbox().requests).toHaveLength(0);
		expect(outputs[NODE_NAME].map((item) => item.json.error)).toEqual([
			'Nothing to update: Update Fields is empty (item 0)',
			'Ticket ID is empty (item 1)',
		]);
	});
});
