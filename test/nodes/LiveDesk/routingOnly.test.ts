import { RoutingNode } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { loadProjectPackage, registerNodeType, runWorkflow } from '../../../tools/engine';
import { createContacts } from '../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../helpers/sandbox';
import { NODE_NAME, NODE_TYPE, singleOperationWorkflow } from '../../helpers/workflow';

/**
 * Where n8n runs the node as a tool (AI Agent 2.2's tools, the MCP Server Trigger's), it calls the
 * node type's execute, which n8n's server gives a declarative node (packages/cli node-types.ts):
 * new RoutingNode(this, nodeType).runNode(), and nothing else, so custom operations are not seen.
 * This type is exactly that; the package's own is run by WorkflowExecute, custom operations first.
 */
const ROUTING_ONLY_TYPE = 'n8n-nodes-engagelab-livedesk.liveDeskRoutingOnly';

async function registerRoutingOnly(): Promise<void> {
	const liveDesk = (await loadProjectPackage()).nodeTypes.liveDesk.type as INodeType;
	const routingOnly: INodeType = {
		description: liveDesk.description,
		methods: liveDesk.methods,
		async execute(this: IExecuteFunctions) {
			return (
				(await new RoutingNode(
					this as ConstructorParameters<typeof RoutingNode>[0],
					routingOnly,
				).runNode()) ?? []
			);
		},
	};
	registerNodeType(ROUTING_ONLY_TYPE, routingOnly);
}

describe('The three programs where n8n runs only the routing (a tool)', () => {
	const sandbox = useSandbox();
	beforeAll(registerRoutingOnly);

	const run = async (
		type: string,
		parameters: INodeParameters,
		items: IDataObject[],
		continueOnFail = false,
	) => {
		const workflow = singleOperationWorkflow(parameters, { continueOnFail });
		const node = workflow.nodes.find((candidate) => candidate.name === NODE_NAME);
		if (node) node.type = type;
		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items,
		});
		expect(errors).toEqual({});
		return outputs[NODE_NAME];
	};
	/** The same run both ways, each on an empty sandbox: what n8n's engine gives is what the tool gives. */
	const bothWays = async (
		parameters: INodeParameters,
		items: IDataObject[],
		continueOnFail = false,
	) => {
		sandbox().reset();
		const routed = await run(ROUTING_ONLY_TYPE, parameters, items, continueOnFail);
		const routedRequests = sandbox().requests.map((request) => `${request.method} ${request.path}`);
		sandbox().reset();
		const engine = await run(NODE_TYPE, parameters, items, continueOnFail);
		const engineRequests = sandbox().requests.map((request) => `${request.method} ${request.path}`);
		expect(comparable(routed)).toEqual(comparable(engine));
		expect(routedRequests).toEqual(engineRequests);
		// The routed request the hook stands in for (the API root, no path) is never sent.
		expect(routedRequests).not.toContain('GET /api/v2/accounts');
		return routed;
	};
	const contents = () =>
		sandbox()
			.store.listConversations()
			.flatMap((conversation) =>
				sandbox()
					.store.listMessages(conversation.id)
					.map((message) => message.content),
			);

	it('Send to Contact, a new customer: contact, conversation and message, as through the engine', async () => {
		const parameters = {
			resource: 'message',
			operation: 'sendToContact',
			inboxId: 407,
			phoneNumber: '={{ $json.phone }}',
			contactName: 'Alice',
			content: '={{ $json.text }}',
			messageType: 'incoming',
		};
		const [sent] = await bothWays(parameters, [{ phone: '+4915100000001', text: 'hello' }]);

		expect(sent.json).toMatchObject({
			content: 'hello',
			contact_created: true,
			conversation_created: true,
		});
		expect(sent.pairedItem).toEqual({ item: 0 });
		expect(sandbox().store.listContacts()).toMatchObject([
			{ name: 'Alice', phoneNumber: '+4915100000001' },
		]);
		expect(sandbox().store.listConversations()).toHaveLength(1);
		expect(contents()).toEqual(['hello']);
	});

	it('Send to Contact, several items of one customer (the routing starts them together): one contact, one conversation', async () => {
		const parameters = {
			resource: 'message',
			operation: 'sendToContact',
			inboxId: 407,
			phoneNumber: '+4915100000002',
			content: '={{ $json.text }}',
			messageType: 'incoming',
		};
		const sent = await run(ROUTING_ONLY_TYPE, parameters, [
			{ text: 'one' },
			{ text: 'two' },
			{ text: 'three' },
		]);

		expect(sent.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sent.map((item) => item.json.content)).toEqual(['one', 'two', 'three']);
		expect(sandbox().store.listContacts()).toHaveLength(1);
		expect(sandbox().store.listConversations()).toHaveLength(1);
		expect([...contents()].sort()).toEqual(['one', 'three', 'two']);
	});

	it('a Base URL that cannot work, with Continue On Fail: the same error item as through the engine', async () => {
		const parameters = {
			resource: 'message',
			operation: 'sendToContact',
			inboxId: 407,
			phoneNumber: '+4915100000003',
			content: 'hi',
			messageType: 'incoming',
		};
		const credentials = sandboxCredentials(sandbox(), { baseUrl: 'ftp://127.0.0.1' });
		const both = [];
		for (const type of [ROUTING_ONLY_TYPE, NODE_TYPE]) {
			const workflow = singleOperationWorkflow(parameters, { continueOnFail: true });
			const node = workflow.nodes.find((candidate) => candidate.name === NODE_NAME);
			if (node) node.type = type;
			both.push((await runWorkflow(workflow, { credentials, items: [{}] })).outputs[NODE_NAME]);
		}
		expect(comparable(both[0])).toEqual(comparable(both[1]));
	});

	it('a failing item without Continue On Fail: the node stops with the same message and advice as through the engine', async () => {
		const parameters = {
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			matchBy: 'email',
			email: 'not an email',
		};
		const both = [];
		for (const type of [ROUTING_ONLY_TYPE, NODE_TYPE]) {
			const workflow = singleOperationWorkflow(parameters);
			const node = workflow.nodes.find((candidate) => candidate.name === NODE_NAME);
			if (node) node.type = type;
			const { errors } = await runWorkflow(workflow, {
				credentials: sandboxCredentials(sandbox()),
				items: [{}],
			});
			both.push(errors[NODE_NAME] as Error & { description?: string });
		}
		expect(both[0].message).toMatch(/email/i);
		expect([both[0].message, both[0].description]).toEqual([both[1].message, both[1].description]);
		expect(sandbox().requests).toEqual([]);
	});

	it('Get or Create: opens the conversation, then returns the same one', async () => {
		const seed = async () =>
			(
				await createContacts(sandboxCredentials(sandbox()), [{ name: 'Bob', identifier: 'b-1' }])
			)[0];
		const contact = await seed();
		const parameters = {
			resource: 'conversation',
			operation: 'getOrCreate',
			inboxId: 407,
			contactId: { __rl: true, mode: 'id', value: String(contact.id) },
		};

		const first = await run(ROUTING_ONLY_TYPE, parameters, [{}]);
		const second = await run(ROUTING_ONLY_TYPE, parameters, [{}]);

		expect(first[0].json).toMatchObject({ inbox_id: 407, contact_id: contact.id, created: true });
		expect(second[0].json).toEqual({
			id: first[0].json.id,
			inbox_id: 407,
			contact_id: contact.id,
			created: false,
		});
		expect(sandbox().store.listConversations()).toHaveLength(1);
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).not.toContain(
			'GET /api/v2/accounts',
		);
	});

	it('Create or Update: creates, then updates the same contact; a bad item with Continue On Fail is its error item', async () => {
		const parameters = {
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			matchBy: 'email',
			email: '={{ $json.email }}',
			additionalFields: { name: '={{ $json.name }}' },
		};
		const [created] = await bothWays(parameters, [{ email: 'carol@example.com', name: 'Carol' }]);
		const [updated] = await run(ROUTING_ONLY_TYPE, parameters, [
			{ email: 'CAROL@example.com', name: 'Carol C.' },
		]);
		expect(created.json).toMatchObject({
			name: 'Carol',
			email: 'carol@example.com',
			created: true,
		});
		expect(updated.json).toMatchObject({ id: created.json.id, name: 'Carol C.', created: false });
		expect(sandbox().store.listContacts()).toHaveLength(1);

		const failed = await bothWays(parameters, [{ email: 'not an email', name: 'X' }], true);
		expect(failed).toEqual([
			{ json: { error: expect.stringMatching(/email/i) }, pairedItem: { item: 0 } },
		]);
	});
});

/** Items without what differs between two runs on an empty sandbox: times, and the random source_id. */
function comparable(items: INodeExecutionData[]): unknown {
	return JSON.parse(
		JSON.stringify(items, (key, value: unknown) =>
			/_at$|At$|^source_id$/.test(key) ? '<differs>' : value,
		),
	);
}
