import { runWorkflow } from '../../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Ticket answers: {code, message, data} with code ≠ 0 is a failure, also with HTTP 200', () => {
	const sandbox = useSandbox();

	const createWithAttachment = (settings: { continueOnFail?: boolean } = {}) =>
		singleOperationWorkflow(
			{
				resource: 'ticket',
				operation: 'create',
				title: '={{ $json.title }}',
				additionalFields: { attachments: { attachment: [{ fileUrl: '={{ $json.file }}' }] } },
			},
			settings,
		);

	it('fails the item with LiveDesk’s message, the code and what to do', async () => {
		const { errors } = await runWorkflow(createWithAttachment(), {
			credentials: sandboxCredentials(sandbox()),
			items: [{ title: 'Jam', file: 'error.jpg' }],
		});

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered code 40001: attachments[0].file_url must be an http(s) URL',
			description:
				'LiveDesk refused the request (HTTP 200, code 40001). Check the fields of this item against LiveDesk’s message, correct them and run again.',
			httpCode: '200',
		});
		expect(sandbox().store.listTickets()).toHaveLength(0);
	});

	it('with Continue On Fail gives a paired error item and goes on with the next items', async () => {
		const { outputs, errors } = await runWorkflow(createWithAttachment({ continueOnFail: true }), {
			credentials: sandboxCredentials(sandbox()),
			items: [
				{ title: 'One', file: 'https://example.com/1.jpg' },
				{ title: 'Two', file: 'two.jpg' },
				{ title: 'Three', file: 'https://example.com/3.jpg' },
			],
		});

		expect(errors).toEqual({});
		const output = outputs[NODE_NAME];
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json).toEqual({
			error: 'LiveDesk answered code 40001: attachments[0].file_url must be an http(s) URL',
		});
		expect([output[0].json.id, output[2].json.id]).toEqual(
			sandbox()
				.store.listTickets()
				.map((ticket) => ticket.ticketId),
		);
	});

	it('names the ticket of an Update that LiveDesk refuses, and reads a code sent as text', async () => {
		sandbox().injectFault({
			method: 'PUT',
			status: 200,
			body: { code: '10023', message: 'Ticket is closed', data: null },
		});

		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'update',
				ticketId: 'tk_20260101_abc123',
				updateFields: { priority: 'low' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered code 10023: Ticket is closed',
			description: expect.stringContaining(
				'Check Ticket ID tk_20260101_abc123 and the fields of this item',
			),
		});
	});

	it('code 0 is success whatever data holds: a bare id string also becomes id', async () => {
		sandbox().injectFault({
			method: 'POST',
			status: 200,
			body: { code: 0, message: 'Success', data: 'tk_20260101_abc123' },
		});

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ resource: 'ticket', operation: 'create', title: 'Jam' }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME][0].json).toEqual({ id: 'tk_20260101_abc123' });
	});
});
