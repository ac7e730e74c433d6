import { runWorkflow } from '../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const createContact = { resource: 'contact', operation: 'create', inboxId: 407, additionalFields: { name: '={{ $json.name }}' } };

describe('429 without Retry-After: exponential backoff with full jitter', () => {
	const sandbox = useSandbox();

	it('20 items rate limited at once come back at spread-out times and all succeed', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 429, times: 20 });
		const items = Array.from({ length: 20 }, (_, index) => ({ name: `Person ${index}` }));

		const { outputs, errors } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox()),
			items,
		});

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME].map((item) => [item.json.name, item.pairedItem])).toEqual(
			items.map((item, index) => [item.name, { item: index }]),
		);
		expect(sandbox().store.listContacts()).toHaveLength(20);
		const requests = sandbox().requests;
		expect(requests).toHaveLength(40);
		const firstTries = requests.slice(0, 20).map((request) => request.receivedAt);
		const retries = requests.slice(20).map((request) => request.receivedAt);
		// All first tries arrive together; the retries spread over the first backoff window (0–500 ms)
		// instead of arriving as one herd.
		expect(Math.max(...firstTries) - Math.min(...firstTries)).toBeLessThan(1000);
		expect(Math.max(...retries) - Math.min(...retries)).toBeGreaterThan(100);
		expect(new Set(retries.map((time) => Math.floor(time / 25))).size).toBeGreaterThanOrEqual(5);
	});
});
