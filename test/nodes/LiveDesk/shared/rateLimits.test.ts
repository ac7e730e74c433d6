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
		// Each item's wait between its 429 and its retry: the same for all without jitter, spread over
		// the first backoff window (0–500 ms) with it, so the items do not come back as one herd.
		const nameOf = (body: unknown) => (body as { name?: string }).name;
		const firstTry = new Map(requests.slice(0, 20).map((request) => [nameOf(request.body), request.receivedAt]));
		const waits = requests.slice(20).map((request) => request.receivedAt - (firstTry.get(nameOf(request.body)) ?? NaN));
		expect(waits.every((wait) => wait >= 0 && wait < 2000)).toBe(true);
		expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(250);
	});
});
