import { runWorkflow, type RunResult } from '../../../../tools/engine';
import { startSandbox, type Sandbox } from '../../../../tools/sandbox';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const createContact = {
	resource: 'contact',
	operation: 'create',
	inboxId: 407,
	additionalFields: { name: '={{ $json.name }}' },
};
const people = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, index) => ({ name: `${prefix} ${index}` }));
const until = async (done: () => boolean): Promise<void> => {
	while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
};
const nameOf = (body: unknown) => String((body as { name?: string }).name);

describe('429 without Retry-After', () => {
	const sandbox = useSandbox();

	it('20 items rate limited at once are each sent again and all succeed, once', async () => {
		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 429, times: 20 });
		const items = people('Person', 20);

		const { outputs, errors } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox()),
			items,
		});

		expect(errors).toEqual({});
		expect(outputs[NODE_NAME].map((item) => [item.json.name, item.pairedItem])).toEqual(
			items.map((item, index) => [item.name, { item: index }]),
		);
		expect(sandbox().store.listContacts()).toHaveLength(20);
		expect(sandbox().requests).toHaveLength(40);
	});
});

/**
 * The pace is per account and per process, so each test starts sandboxes of its own: a new
 * origin is an account the pacer has not met.
 */
describe('Retry-After pauses every request of the account that received it, and only those', () => {
	const started: Sandbox[] = [];
	const fresh = async (): Promise<Sandbox> => {
		const box = await startSandbox({ quiet: true });
		started.push(box);
		return box;
	};
	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (box) => await box.close()));
	});

	/** One execution meets a 429 asking for `seconds`; resolves once the node has had the answer. */
	async function limitedAccount(
		box: Sandbox,
		seconds: number,
	): Promise<{ limitedAt: number; first: Promise<RunResult> }> {
		box.injectFault({
			method: 'POST',
			path: '/contacts',
			status: 429,
			headers: { 'Retry-After': String(seconds) },
		});
		const first = runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(box),
			items: people('First', 1),
		});
		await until(() => box.requests.length > 0);
		const limitedAt = box.requests[0]?.receivedAt ?? NaN;
		// The answer travels back over loopback; the pacer has it long before this.
		await new Promise((resolve) => setTimeout(resolve, 200));
		return { limitedAt, first };
	}

	it('another execution on the same key waits until the Retry-After ends; another origin is not slowed', async () => {
		const limitedBox = await fresh();
		const otherBox = await fresh();
		const { limitedAt, first } = await limitedAccount(limitedBox, 2);
		const resumesAt = limitedAt + 2000;

		const [sameAccount, otherAccount] = await Promise.all([
			runWorkflow(singleOperationWorkflow(createContact), {
				credentials: sandboxCredentials(limitedBox),
				items: people('Same', 10),
			}),
			runWorkflow(singleOperationWorkflow(createContact), {
				credentials: sandboxCredentials(otherBox),
				items: people('Other', 10),
			}),
		]);
		expect((await first).errors).toEqual({});

		expect(sameAccount.errors).toEqual({});
		expect(otherAccount.errors).toEqual({});
		// Counted, not timed: which requests reached each sandbox while the Retry-After lasted.
		const during = (box: Sandbox) =>
			box.requests
				.filter((request) => request.receivedAt < resumesAt - 50)
				.map((request) => nameOf(request.body));
		expect(during(limitedBox)).toEqual(['First 0']);
		expect(during(otherBox)).toHaveLength(10);
		expect(limitedBox.store.listContacts()).toHaveLength(11);
		expect(limitedBox.requests).toHaveLength(12);
	});

	it('a cancelled execution stops waiting: none of its requests is sent when the pause ends', async () => {
		const box = await fresh();
		const { limitedAt, first } = await limitedAccount(box, 2);
		const stop = new AbortController();
		let started = false;

		const cancelled = runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(box),
			items: people('Cancelled', 10),
			signal: stop.signal,
			onNodeStart: (nodeName) => (started ||= nodeName === NODE_NAME),
		});
		await until(() => started);
		await new Promise((resolve) => setTimeout(resolve, 300));
		stop.abort();
		// The items were waiting for the account's turn when the execution was cancelled.
		expect((await cancelled).errors[NODE_NAME]?.message).toMatch(
			/cancelled while this request waited for its turn/,
		);
		expect((await first).errors).toEqual({});
		await until(() => Date.now() > limitedAt + 2500);

		expect(box.requests.map((request) => nameOf(request.body))).toEqual(['First 0', 'First 0']);
		expect(box.store.listContacts()).toHaveLength(1);
	});
});
