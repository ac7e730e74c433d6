import { runWorkflow } from '../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

/**
 * encodeURIComponent leaves dots alone: an id of ".." from an expression or an AI tool's $fromAI
 * would make GET/PUT /tickets/.. a call on /api/v2/accounts/ instead of a ticket.
 */
describe('Ticket IDs that are path steps', () => {
	const sandbox = useSandbox();
	const ids = ['.', '..', ' .. ', '%2e%2e', '%2E', '%252e%252e'];

	it.each(['get', 'update'])(
		'Ticket → %s refuses ".", ".." and their encodings before sending anything',
		async (operation) => {
			const { outputs, errors } = await runWorkflow(
				singleOperationWorkflow(
					{
						resource: 'ticket',
						operation,
						ticketId: '={{ $json.id }}',
						updateFields: { title: 'Bent' },
					},
					{ continueOnFail: true },
				),
				{ credentials: sandboxCredentials(sandbox()), items: ids.map((id) => ({ id })) },
			);

			expect(errors).toEqual({});
			expect(sandbox().requests).toEqual([]);
			expect(outputs[NODE_NAME].map((item) => [item.pairedItem, item.json.error])).toEqual(
				ids.map((id, index) => [
					{ item: index },
					`Ticket ID "${id.trim()}" is not a ticket id: it would address a folder of the API, not a ticket, so nothing was sent (item ${index})`,
				]),
			);
		},
	);

	it('still sends an id that only contains dots', async () => {
		sandbox().injectFault({
			method: 'GET',
			path: '/tickets/',
			status: 200,
			body: { code: 0, message: 'Success', data: { ticket_id: '...', title: 'Dots' } },
		});
		const { errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'ticket', operation: 'get', ticketId: '...' }),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);

		expect(errors).toEqual({});
		expect(sandbox().requests.map((request) => request.path)).toEqual([
			'/api/v2/accounts/tickets/...',
		]);
	});
});
