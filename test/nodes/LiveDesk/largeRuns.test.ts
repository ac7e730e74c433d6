import { runWorkflow } from '../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../helpers/workflow';

/**
 * n8n's routing starts every item's request at once; against a rate-limited LiveDesk a large
 * run must still deliver every item exactly once, with the node's default settings, and at
 * about one request per item. Each case opens its conversation before the limit is switched on.
 */
describe('A large run against a rate-limited LiveDesk', () => {
	const sandbox = useSandbox();

	async function openConversation(): Promise<number> {
		const credentials = sandboxCredentials(sandbox());
		const contact = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'create', inboxId: 407 }),
			{ credentials },
		);
		const contactId = contact.outputs[NODE_NAME][0].json.id as number;
		const conversation = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId,
			}),
			{ credentials },
		);
		return conversation.outputs[NODE_NAME][0].json.id as number;
	}

	it.each([
		['with Retry-After', true],
		['without Retry-After', false],
	])(
		'500 messages at 50 requests a second, 429 %s: all 500 delivered, none twice',
		async (_case, retryAfter) => {
			const conversationId = await openConversation();
			sandbox().setRateLimit({ perSecond: 50, retryAfter });
			const items = Array.from({ length: 500 }, (_, index) => ({ text: `notice ${index}` }));

			const { outputs, errors } = await runWorkflow(
				singleOperationWorkflow({
					resource: 'message',
					operation: 'send',
					conversationId,
					content: '={{ $json.text }}',
				}),
				{ credentials: sandboxCredentials(sandbox()), items },
			);

			expect(errors).toEqual({});
			expect(outputs[NODE_NAME].map((item) => [item.json.content, item.pairedItem])).toEqual(
				items.map((item, index) => [item.text, { item: index }]),
			);
			const stored = sandbox()
				.store.listMessages(conversationId)
				.map((message) => message.content);
			expect(stored).toHaveLength(500);
			expect(new Set(stored).size).toBe(500);
			const { accepted, refused } = sandbox().rateLimitStats;
			expect(accepted).toBe(500);
			expect(refused).toBeGreaterThan(0);
			// Items paced to the limit once it is known cost about one request each; items that all
			// retry together cost several (n8n's routing starts every item at once).
			expect((accepted + refused) / 500).toBeLessThan(1.5);
		},
		120_000,
	);
});
