import type {
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	NodeConnectionType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';
import { loadProjectPackage, registerNodeType } from '../../tools/engine';
import { useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';
import {
	openConversation,
	sendMessage,
	setStatus,
	settle,
	useTriggerServer,
} from '../nodes/LiveDeskTrigger/helpers';

/**
 * The AI Agent, its chat model and n8n's Tool variants of community nodes (`…liveDeskTool`, which
 * the n8n server derives from the LiveDesk node) are not part of n8n-core, so this example cannot
 * run whole here; tools/e2e/ai-first-line.ts runs it in real n8n against a mock model. Here: its
 * parameters as n8n loads them, and its trigger in n8n-core's webhook handling, with a stand-in
 * agent that records what it would be asked.
 */
const FILE = 'ai-first-line.workflow.json';
const TRIGGER = 'LiveDesk Trigger';
const AGENT = 'AI Agent';
const NODE_TYPE = 'n8n-nodes-engagelab-livedesk.liveDesk';
const TOOL_TYPE = 'n8n-nodes-engagelab-livedesk.liveDeskTool';
const TRIGGER_TYPE = 'n8n-nodes-engagelab-livedesk.liveDeskTrigger';
/** What n8n adds to every node it offers as a tool; not part of the LiveDesk node's own description. */
const TOOL_PARAMETERS = ['descriptionType', 'toolDescription'];

/** Records the prompt the AI Agent would send for each item, resolved from the example's expression. */
class AgentStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AI Agent (stand-in)',
		name: 'agent',
		group: ['transform'],
		version: 3,
		description: 'Stand-in for @n8n/n8n-nodes-langchain.agent: outputs the prompt it would send',
		defaults: { name: 'AI Agent' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Prompt Type', name: 'promptType', type: 'string', default: 'auto' },
			{ displayName: 'Text', name: 'text', type: 'string', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'System Message', name: 'systemMessage', type: 'string', default: '' },
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, item) => ({
				json: {
					prompt: this.getNodeParameter('text', item) as string,
					systemMessage: (this.getNodeParameter('options', item) as INodeParameters)
						.systemMessage as string,
				},
				pairedItem: { item },
			})),
		];
	}
}

/** A sub-node the engine here never runs (it runs only what is connected by main): a name and an output. */
function subNodeStandIn(name: string, output: NodeConnectionType): INodeType {
	return {
		description: {
			displayName: `${name} (stand-in)`,
			name,
			group: ['transform'],
			version: [1, 1.2],
			description: `Stand-in for an AI sub-node (${output}); never executed here`,
			defaults: { name },
			inputs: [],
			outputs: [output],
			properties: [],
		},
	};
}

function node(name: string): INode {
	const found = readExampleWorkflow(FILE).nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`The example lost its node "${name}"`);
	return found;
}

describe('Example: AI first-line support (LiveDesk Trigger → AI Agent with LiveDesk tools)', () => {
	it('starts the bot on customers’ messages in pending conversations only, simplified', () => {
		expect(node(TRIGGER)).toMatchObject({
			type: TRIGGER_TYPE,
			typeVersion: 1.1,
			webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			parameters: {
				events: ['message_created'],
				messageTypes: ['incoming'],
				conversationStatuses: ['pending'],
				simplify: true,
			},
		});
	});

	it('gives the agent four LiveDesk tools: answer (Outgoing), look up, private note, hand over (Open)', () => {
		const workflow = readExampleWorkflow(FILE);
		const tools = workflow.nodes.filter((candidate) => candidate.type === TOOL_TYPE);
		const toAgent = (name: string) => workflow.connections[name]?.ai_tool?.[0]?.[0]?.node;
		expect(tools.map((tool) => [tool.name, toAgent(tool.name)])).toEqual([
			['Reply to Customer', AGENT],
			['Find Customer', AGENT],
			['Leave Note for Agent', AGENT],
			['Hand Over to People', AGENT],
		]);
		const fromTrigger = "={{ $('LiveDesk Trigger').item.json.conversation_id }}";
		expect(node('Reply to Customer').parameters).toMatchObject({
			resource: 'message',
			operation: 'send',
			messageType: 'outgoing',
			conversationId: fromTrigger,
			content: expect.stringMatching(/^=\{\{ \$fromAI\('Content', /),
			additionalFields: {},
		});
		expect(node('Find Customer').parameters).toMatchObject({
			resource: 'contact',
			operation: 'search',
			query: expect.stringMatching(/^=\{\{ \$fromAI\('Search_Term', /),
		});
		expect(node('Leave Note for Agent').parameters).toMatchObject({
			resource: 'message',
			operation: 'send',
			messageType: 'outgoing',
			conversationId: fromTrigger,
			content: expect.stringMatching(/^=\{\{ \$fromAI\('Summary', /),
			additionalFields: { private: true },
		});
		expect(node('Hand Over to People').parameters).toMatchObject({
			resource: 'conversation',
			operation: 'updateStatus',
			conversationId: fromTrigger,
			status: 'open',
		});
		// Two tools send messages: each says what it is for, so the model can tell them apart.
		for (const tool of tools)
			expect(tool.parameters).toMatchObject({
				descriptionType: 'manual',
				toolDescription: expect.any(String),
			});
		expect(workflow.connections[TRIGGER]?.main?.[0]?.[0]?.node).toBe(AGENT);
		expect(workflow.connections['OpenAI Chat Model']?.ai_languageModel?.[0]?.[0]?.node).toBe(AGENT);
	});

	it('runs with execution order v1, and its system message says when to hand over', () => {
		const workflow = readExampleWorkflow(FILE);
		expect(workflow.settings?.executionOrder).toBe('v1');
		const systemMessage = String((node(AGENT).parameters.options as INodeParameters).systemMessage);
		expect(systemMessage).toMatch(/Hand the conversation to a person when/);
		for (const tool of [
			'Reply to Customer',
			'Find Customer',
			'Leave Note for Agent',
			'Hand Over to People',
		]) {
			expect(systemMessage).toContain(tool);
		}
	});

	it('keeps every LiveDesk parameter when n8n loads it: each is declared and shown, and every required one is set', async () => {
		const loader = await loadProjectPackage();
		const types: Record<string, INodeType> = {
			[NODE_TYPE]: loader.nodeTypes.liveDesk.type as INodeType,
			[TOOL_TYPE]: loader.nodeTypes.liveDesk.type as INodeType,
			[TRIGGER_TYPE]: NodeHelpers.getVersionedNodeType(loader.nodeTypes.liveDeskTrigger.type, 1.1),
		};
		const liveDeskNodes = readExampleWorkflow(FILE).nodes.filter(
			(candidate) => types[candidate.type],
		);
		expect(liveDeskNodes).toHaveLength(5);
		for (const candidate of liveDeskNodes) {
			const { description } = types[candidate.type];
			const own = Object.fromEntries(
				Object.entries(candidate.parameters).filter(([name]) => !TOOL_PARAMETERS.includes(name)),
			);
			// What n8n does on load: parameters the node does not declare, or hides, are dropped (and the
			// defaults of the others filled in).
			const loaded = NodeHelpers.getNodeParameters(
				description.properties,
				own,
				true,
				false,
				candidate,
				description,
			);
			expect([candidate.name, loaded]).toMatchObject([candidate.name, own]);
			// Required fields are set in the file, not left to a default such as Conversation ID 0, which
			// n8n's own issue check does not flag for numbers.
			const required = description.properties
				.filter(
					(property) =>
						property.required &&
						NodeHelpers.displayParameter(loaded ?? {}, property, candidate, description),
				)
				.map((property) => property.name);
			expect([candidate.name, required.filter((name) => !(name in own))]).toEqual([
				candidate.name,
				[],
			]);
			const issues = NodeHelpers.getNodeParametersIssues(
				description.properties,
				{ ...candidate, parameters: own },
				description,
			);
			expect([candidate.name, issues]).toEqual([candidate.name, null]);
			expect(candidate.credentials).toEqual({
				liveDeskApi: { id: 'livedesk-sandbox', name: 'LiveDesk sandbox' },
			});
		}
	});

	describe('its trigger in n8n-core', () => {
		const sandbox = useSandbox();
		const serve = useTriggerServer();
		beforeAll(() => {
			registerNodeType('@n8n/n8n-nodes-langchain.agent', new AgentStandIn());
			registerNodeType(
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				subNodeStandIn('lmChatOpenAi', NodeConnectionTypes.AiLanguageModel),
			);
			registerNodeType(TOOL_TYPE, subNodeStandIn('liveDeskTool', NodeConnectionTypes.AiTool));
		});

		it('asks the agent about the customer’s message; its answer, its note and messages after the hand-off start nothing', async () => {
			const server = await serve(
				sandbox(),
				readExampleWorkflow(FILE),
				'?token=bot-token',
				'bot-token',
			);
			const conversation = await openConversation(sandbox());
			await setStatus(sandbox(), conversation.id, 'pending');
			await sendMessage(sandbox(), conversation.id, 'How long does shipping take?', 'incoming');
			await settle(sandbox(), server);
			// What the example's tools would post, and the hand-off; then the customer writes again.
			await sendMessage(
				sandbox(),
				conversation.id,
				'Orders ship within 2 business days.',
				'outgoing',
			);
			await sendMessage(sandbox(), conversation.id, 'Summary for the agent', 'outgoing', {
				private: true,
			});
			await setStatus(sandbox(), conversation.id, 'open');
			await sendMessage(sandbox(), conversation.id, 'Thanks! One more question.', 'incoming');
			await settle(sandbox(), server);

			expect(server.calls.map((call) => [call.status, call.started])).toEqual([
				[200, false], // conversation_created
				[200, false], // conversation_status_changed (pending)
				[200, false], // conversation_updated
				[200, true], // the customer's message
				[200, false], // the bot's answer: Outgoing
				[200, false], // the private note
				[200, false], // conversation_status_changed (open)
				[200, false], // conversation_updated
				[200, false], // the customer again, but the conversation is open now
			]);
			expect(server.runs).toHaveLength(1);
			const [{ outputs, errors }] = server.runs;
			expect(errors).toEqual({});
			expect(outputs[TRIGGER].map((item) => item.json)).toMatchObject([
				{
					message_type: 'incoming',
					status: 'pending',
					conversation_id: conversation.id,
					content: 'How long does shipping take?',
				},
			]);
			expect(outputs[AGENT][0].json.prompt).toBe(
				'The customer wrote:\nHow long does shipping take?\n\nWhat LiveDesk knows about them: name Alice Example, email not given, phone number +4915112345678.',
			);
		});
	});
});
