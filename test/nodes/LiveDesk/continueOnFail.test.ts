import { runWorkflow } from '../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../helpers/workflow';

describe('On Error → Continue: nothing lost, nothing duplicated', () => {
	const sandbox = useSandbox();

	it('1,000 messages of which every tenth fails give 900 results and 100 error items, each paired to its input', async () => {
		const credentials = sandboxCredentials(sandbox());
		const opened = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'create', inboxId: 407 }),
			{ credentials },
		);
		const contactId = opened.outputs[NODE_NAME][0].json.id as number;
		const conversation = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId,
			}),
			{ credentials },
		);
		const conversationId = conversation.outputs[NODE_NAME][0].json.id as number;
		const items = Array.from({ length: 1000 }, (_, index) => ({
			conversation: index % 10 === 9 ? 999999 : conversationId,
			text: `message ${index}`,
		}));

		const { outputs, errors, run } = await runWorkflow(
			singleOperationWorkflow(
				{
					resource: 'message',
					operation: 'send',
					conversationId: '={{ $json.conversation }}',
					content: '={{ $json.text }}',
				},
				{ continueOnFail: true },
			),
			{ credentials, items },
		);

		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		const output = outputs[NODE_NAME];
		expect(output).toHaveLength(1000);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index % 10 === 9) {
				expect(item.json).toEqual({ error: 'LiveDesk answered 404: Resource could not be found' });
			} else {
				expect(item.json).toMatchObject({
					content: `message ${index}`,
					conversation_id: conversationId,
				});
			}
		});
		const failed = output.filter((item) => item.json.error !== undefined);
		const sent = output.filter((item) => item.json.error === undefined);
		expect(failed).toHaveLength(100);
		expect(sent).toHaveLength(900);
		expect(new Set(sent.map((item) => item.json.id)).size).toBe(900);
		const stored = sandbox()
			.store.listMessages(conversationId)
			.map((message) => message.content);
		expect(stored).toHaveLength(900);
		expect(new Set(stored).size).toBe(900);
		// 1,000 items through the engine: the default 30 s is not enough on a loaded 2-core machine (measured 42 s).
	}, 120_000);
});
