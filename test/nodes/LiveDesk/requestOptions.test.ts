import { runWorkflow } from '../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../helpers/workflow';

describe('Request Options, added by n8n’s loader to declarative nodes', () => {
	const sandbox = useSandbox();

	it('Batching spaces the requests out: 6 items, 2 per batch, 300 ms apart', async () => {
		const workflow = singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: { name: '={{ $json.name }}' },
			requestOptions: { batching: { batch: { batchSize: 2, batchInterval: 300 } } },
		});
		const started = Date.now();

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name })),
		});

		expect(errors).toEqual({});
		// Two pauses between three batches; an upper bound would only measure the machine.
		expect(Date.now() - started).toBeGreaterThanOrEqual(600);
		expect(outputs[NODE_NAME].map((item) => item.json.name)).toEqual([
			'a',
			'b',
			'c',
			'd',
			'e',
			'f',
		]);
		expect(sandbox().store.listContacts()).toHaveLength(6);
	});
});
