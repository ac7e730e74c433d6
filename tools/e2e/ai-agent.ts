/**
 * LiveDesk as an AI Agent's tools in one cached real n8n: Manual Trigger → n8n's AI Agent, whose
 * OpenAI Chat Model talks to a mock model on 127.0.0.1 (tools/e2e/openai-mock.ts), with four
 * LiveDesk tools a first-line bot uses: Contact → Search, Message → Send (the reply), Message →
 * Send as a private note (the summary for the agent), Conversation → Update Status to Open (the
 * hand-off). The mock calls them one after the other, then answers. Run with `n8n execute`.
 *
 * Asserts: n8n offered the model each tool under its node's name, with the description n8n builds
 * from the operation's action and a typed, described parameter per $fromAI field; the sandbox
 * holds exactly the reply and the note the mock chose and the conversation is open; each tool
 * result handed back to the model is LiveDesk's answer (not empty); the agent finished with the
 * mock's answer. Negative control: when the model calls no tool, nothing reaches the sandbox.
 *
 * Legacy execution order: the same set-up without `executionOrder: "v1"` in the workflow's settings,
 * with an AI Agent 2.2 and an AI Agent 3 (the version a new AI Agent gets: 3 in 1.123, 3.1 in 2.41)
 * side by side, each with one LiveDesk Send tool. Both tools send their message; Agent 2.2 gets the
 * sent message back, Agent 3 gets an empty result ("") — the reason every example sets v1.
 *
 * Send to Contact as a tool, once under an AI Agent 3 (it runs tools through n8n's engine: the custom
 * operation) and once under an AI Agent 2.2 (it calls the tool's execute: the node's routing only,
 * where the operation's routing hook runs the same program): one LiveDesk tool, Message → Send to
 * Contact (find or create the contact by Email, get or create their conversation, send), with the
 * customer's email, name and the message as $fromAI fields, and a new customer per version. Asserts
 * per version: the input schema the model saw names those three fields, typed and described; the
 * model's one call leaves exactly one new contact (the asked email and name), one conversation of it
 * in the inbox and the one message in it; the tool result is that message with the contact's and
 * conversation's ids and what was created. E2E_AI_AGENT_UNPLUG=1 (the control) leaves the tool
 * unconnected to its agents: the check must fail.
 *
 * Usage (env from lib.sh): node build/tools/e2e/ai-agent.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { check, nodeOutput, parseRunData, step, timed, type Json } from './cli-run';
import {
	freeN8nPorts,
	installCommunityPackage,
	installFromEnv,
	makeUserFolder,
	runN8nAsync,
} from './n8n-env';
import {
	startOpenAiMock,
	toolResults,
	userPrompt,
	MOCK_MODEL,
	type ChatRequest,
	type OfferedTool,
	type ToolCall,
} from './openai-mock';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const REPLY = 'Your order 1042 ships today; you will get the tracking link by email.';
const NOTE =
	'Bot summary: Alice asked about order 1042; told her it ships today. She wants a person.';
const FINAL_ANSWER = 'I answered the customer and handed the conversation to people.';
const CUSTOMER_EMAIL = 'alice@example.com';
/** The prompt that makes the mock answer without calling a tool (the negative control). */
const NO_TOOL_PROMPT = 'Just say hello, do not contact the customer.';
const AGENT_WORKFLOW = 'LiveDeskE2eAgent';
const CONTROL_WORKFLOW = 'LiveDeskE2eNoTool';
const LEGACY_WORKFLOW = 'LiveDeskE2eLegcy';
/** The prompt that makes the mock call the one tool it was offered once (the legacy-order check). */
const LEGACY_PROMPT = 'Legacy execution order: send one reply.';
/** The agent versions the legacy-order check runs: the existing E2E's, and the one new AI Agents get on both lines. */
const LEGACY_AGENT_VERSIONS = [2.2, 3] as const;
const INBOX_ID = 407;

/**
 * Send to Contact as the agent's tool, for a customer LiveDesk does not know yet, under both ways
 * n8n's AI Agent runs a tool: version 3 through n8n's engine (the custom operation), version 2.2
 * through the node's routing only (the operation's routing hook).
 */
const SEND_TO_AGENT_VERSIONS = [3, 2.2] as const;
type SendToAgentVersion = (typeof SEND_TO_AGENT_VERSIONS)[number];
const sendToWorkflowId = (version: SendToAgentVersion): string =>
	`LiveDeskE2eSendTo${String(version).replace('.', '')}`;
const SEND_TO_TOOL = { node: 'Message the Customer', name: 'Message_the_Customer' };
/** A new customer per agent version, so each run must create its own contact. */
const newCustomer = (version: SendToAgentVersion) => ({
	email: `bob.newcomer.v${String(version).replace('.', '')}@example.com`,
	name: `Bob Newcomer ${version}`,
});
const SEND_TO_MESSAGE = 'Hello Bob, the replacement part for order 2077 ships tomorrow.';
/** The prompt that makes the mock call Send to Contact once, for that version's customer. */
const sendToPrompt = (version: SendToAgentVersion): string =>
	`A new customer, ${newCustomer(version).name} (${newCustomer(version).email}), needs to hear that order 2077 ships tomorrow.`;
const SEND_TO_PROMPT = 'needs to hear that order 2077 ships tomorrow';
/** The $fromAI fields of the Send to Contact tool: what an agent needs to reach a customer. */
const SEND_TO_FIELDS = {
	Customer_Email: { parameter: 'email', hint: 'The email address of the customer to message' },
	Customer_Name: {
		parameter: 'contactName',
		hint: 'The name of the customer, used if they are new',
	},
	Message: { parameter: 'content', hint: 'The message to send to the customer, in plain text' },
} as const;

interface ToolSpec {
	node: string;
	/** What n8n makes of the node's name for the model. */
	name: string;
	/** What n8n builds from the operation's action. */
	description: string;
	parameters: Json;
	/** The $fromAI field the model fills, with its description; none for Hand Over. */
	fromAi?: { key: string; hint: string };
	/** What the mock model calls the tool with. */
	arguments: Record<string, unknown>;
}

const SEND = 'Send a message or private note into a conversation in LiveDesk';
/** In the order the mock model calls them: look the customer up, answer, leave a note, hand over. */
const TOOLS: ToolSpec[] = [
	{
		node: 'Find Customer',
		name: 'Find_Customer',
		description: 'Search contacts by name or email or phone number in LiveDesk',
		parameters: {
			resource: 'contact',
			operation: 'search',
			returnAll: false,
			limit: 5,
			options: {},
		},
		fromAi: { key: 'Search_Term', hint: 'The email address or phone number the customer gave' },
		arguments: { Search_Term: CUSTOMER_EMAIL },
	},
	{
		node: 'Reply to Customer',
		name: 'Reply_to_Customer',
		description: SEND,
		parameters: {
			resource: 'message',
			operation: 'send',
			messageType: 'outgoing',
			additionalFields: {},
		},
		fromAi: { key: 'Content', hint: 'The answer to the customer, in plain text' },
		arguments: { Content: REPLY },
	},
	{
		node: 'Leave Agent a Note',
		name: 'Leave_Agent_a_Note',
		description: SEND,
		parameters: {
			resource: 'message',
			operation: 'send',
			messageType: 'outgoing',
			additionalFields: { private: true },
		},
		fromAi: { key: 'Summary', hint: 'A summary of the conversation for the human agent' },
		arguments: { Summary: NOTE },
	},
	{
		node: 'Hand Over to People',
		name: 'Hand_Over_to_People',
		description: 'Hand over or resolve a conversation by setting its status in LiveDesk',
		parameters: { resource: 'conversation', operation: 'updateStatus', status: 'open' },
		arguments: {},
	},
];

/** Where each tool's $fromAI field goes in its node's parameters. */
const FROM_AI_FIELD: Record<string, string> = {
	Search_Term: 'query',
	Content: 'content',
	Summary: 'content',
};

function toolNode(tool: ToolSpec, index: number, conversationId: number): Json {
	const parameters: Json = { descriptionType: 'auto', ...tool.parameters };
	if (tool.parameters.resource !== 'contact') parameters.conversationId = conversationId;
	if (tool.fromAi) {
		parameters[FROM_AI_FIELD[tool.fromAi.key]] =
			`={{ $fromAI('${tool.fromAi.key}', '${tool.fromAi.hint}', 'string') }}`;
	}
	return {
		id: `tool-${index}`,
		name: tool.node,
		type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
		typeVersion: 1,
		position: [120 + 160 * index, 200],
		parameters,
		credentials: { liveDeskApi: { id: 'livedesk-sandbox', name: 'livedesk-sandbox' } },
	};
}

function modelNode(name: string, position: [number, number]): Json {
	return {
		id: name,
		name,
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		// 1.2 speaks Chat Completions; 1.3 defaults to the Responses API, which the mock does not.
		typeVersion: 1.2,
		position,
		parameters: { model: { __rl: true, mode: 'list', value: MOCK_MODEL }, options: {} },
		credentials: { openAiApi: { id: 'openai-mock', name: 'openai-mock' } },
	};
}

function agentWorkflow(id: string, prompt: string, conversationId: number): Json {
	return {
		id,
		name: `LiveDesk E2E: AI Agent (${id})`,
		active: false,
		// As every example: under the legacy order AI Agent 3 hands the model an empty tool result (the
		// legacy-order check below); this 2.2 agent would not mind, but runs as users' workflows do.
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				position: [220, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			modelNode('OpenAI Chat Model', [0, 200]),
			...TOOLS.map((tool, index) => toolNode(tool, index, conversationId)),
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			...Object.fromEntries(
				TOOLS.map((tool) => [
					tool.node,
					{ ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
}

/** The tool node of the agent of `version` in the legacy-order workflow; the model calls it Reply_v2 or Reply_v3. */
const legacyTool = (version: number): string => `Reply v${Math.floor(version)}`;
const legacyReply = (version: number): string =>
	`Reply sent by AI Agent ${version} under the legacy execution order`;

/**
 * Start → AI Agent 2.2 and Start → AI Agent 3, each with its own model and one LiveDesk Send tool,
 * in a workflow whose settings have no executionOrder: how workflows saved before v1 look, and
 * what n8n runs as the legacy order ("v0").
 */
function legacyOrderWorkflow(conversationId: number): Json {
	const nodes: Json[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Json = {
		Start: {
			main: [
				LEGACY_AGENT_VERSIONS.map((version) => ({
					node: `AI Agent ${version}`,
					type: 'main',
					index: 0,
				})),
			],
		},
	};
	for (const [row, version] of LEGACY_AGENT_VERSIONS.entries()) {
		const agent = `AI Agent ${version}`;
		const model = `Model for ${version}`;
		const tool = legacyTool(version);
		nodes.push(
			{
				id: agent,
				name: agent,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: version,
				position: [220, 400 * row],
				parameters: { promptType: 'define', text: `${LEGACY_PROMPT} (${agent})`, options: {} },
			},
			modelNode(model, [0, 400 * row + 200]),
			{
				id: tool,
				name: tool,
				type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
				typeVersion: 1,
				position: [220, 400 * row + 200],
				parameters: {
					descriptionType: 'auto',
					resource: 'message',
					operation: 'send',
					conversationId,
					content: "={{ $fromAI('Content', 'The answer to the customer', 'string') }}",
					messageType: 'outgoing',
					additionalFields: {},
				},
				credentials: { liveDeskApi: { id: 'livedesk-sandbox', name: 'livedesk-sandbox' } },
			},
		);
		connections[model] = {
			ai_languageModel: [[{ node: agent, type: 'ai_languageModel', index: 0 }]],
		};
		connections[tool] = { ai_tool: [[{ node: agent, type: 'ai_tool', index: 0 }]] };
	}
	// No executionOrder: the legacy order.
	return {
		id: LEGACY_WORKFLOW,
		name: 'LiveDesk E2E: AI Agent under the legacy execution order',
		active: false,
		settings: {},
		nodes,
		connections,
	};
}

/** The legacy-order check's agents: call the one tool offered once, then answer. */
function legacyCall(request: ChatRequest): ToolCall | undefined {
	const version = LEGACY_AGENT_VERSIONS.find(
		(candidate) => request.tools[0]?.name === legacyTool(candidate).replace(/ /g, '_'),
	);
	if (version === undefined || request.toolResults > 0) return undefined;
	return { name: request.tools[0].name, arguments: { Content: legacyReply(version) } };
}

/**
 * Manual Trigger → AI Agent with one LiveDesk tool, Message → Send to Contact, matching by Email in
 * inbox 407, the email, name and message from $fromAI. `plugged: false` (E2E_AI_AGENT_UNPLUG=1)
 * leaves the tool unconnected, so the model is never offered it.
 */
function sendToContactWorkflow(version: SendToAgentVersion, plugged: boolean): Json {
	const fromAi = Object.fromEntries(
		Object.entries(SEND_TO_FIELDS).map(([key, field]) => [
			field.parameter,
			`={{ $fromAI('${key}', '${field.hint}', 'string') }}`,
		]),
	);
	return {
		id: sendToWorkflowId(version),
		name: `LiveDesk E2E: AI Agent ${version} with Send to Contact`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				// 3 (what a new AI Agent is) runs its tools through n8n's engine, which runs Send to Contact's
				// custom operation. 2.2 calls the tool's execute, which n8n gives a declarative node: its
				// routing only, where the operation's routing hook runs the same program. Before that hook,
				// 2.2 sent a bare GET to the Base URL and failed with a 404 (seen on 2.41.1).
				typeVersion: version,
				position: [220, 0],
				parameters: { promptType: 'define', text: sendToPrompt(version), options: {} },
			},
			modelNode('OpenAI Chat Model', [0, 200]),
			{
				id: 'send-to-contact',
				name: SEND_TO_TOOL.node,
				type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
				typeVersion: 1,
				position: [220, 200],
				parameters: {
					descriptionType: 'auto',
					resource: 'message',
					operation: 'sendToContact',
					inboxId: INBOX_ID,
					matchBy: 'email',
					messageType: 'outgoing',
					additionalFields: {},
					options: {},
					...fromAi,
				},
				credentials: { liveDeskApi: { id: 'livedesk-sandbox', name: 'livedesk-sandbox' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			...(plugged
				? { [SEND_TO_TOOL.node]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] } }
				: {}),
		},
	};
}

/** The Send to Contact agent: call the tool once, for the customer its prompt names, if it was offered, then answer. */
function sendToCall(request: ChatRequest): ToolCall | undefined {
	if (request.toolResults > 0 || !request.tools.some((tool) => tool.name === SEND_TO_TOOL.name))
		return undefined;
	const version = SEND_TO_AGENT_VERSIONS.find((candidate) =>
		userPrompt(request).includes(sendToPrompt(candidate)),
	);
	if (version === undefined) return undefined;
	const customer = newCustomer(version);
	return {
		name: SEND_TO_TOOL.name,
		arguments: {
			Customer_Email: customer.email,
			Customer_Name: customer.name,
			Message: SEND_TO_MESSAGE,
		},
	};
}

/** The model's turns: one tool after the other as in TOOLS, then the answer; no tool if told so. */
function chooseCall(request: ChatRequest): ToolCall | undefined {
	if (userPrompt(request).includes(LEGACY_PROMPT)) return legacyCall(request);
	if (userPrompt(request).includes(SEND_TO_PROMPT)) return sendToCall(request);
	if (userPrompt(request).includes(NO_TOOL_PROMPT)) return undefined;
	const next = TOOLS[request.toolResults];
	return next ? { name: next.name, arguments: next.arguments } : undefined;
}

async function createContact(sandbox: SandboxProcess): Promise<number> {
	const contact = (await sandbox.post('/contacts', {
		inbox_id: INBOX_ID,
		name: 'Alice Example',
		email: CUSTOMER_EMAIL,
	})) as {
		payload: { contact: { id: number } };
	};
	return contact.payload.contact.id;
}

async function openConversation(sandbox: SandboxProcess, contactId: number): Promise<number> {
	const conversation = (await sandbox.post('/conversations', {
		inbox_id: INBOX_ID,
		contact_id: contactId,
	})) as { id: number };
	// The state a bot owns before it hands over.
	await sandbox.post(`/conversations/${conversation.id}/toggle_status`, { status: 'pending' });
	return conversation.id;
}

async function messagesOf(sandbox: SandboxProcess, conversationId: number): Promise<Json[]> {
	return ((await sandbox.get(`/conversations/${conversationId}/messages`)) as { payload: Json[] })
		.payload;
}

/** Every contact in the sandbox (the E2E makes a handful, one page). */
async function allContacts(sandbox: SandboxProcess): Promise<Json[]> {
	const list = (await sandbox.get('/contacts')) as { meta: { count: number }; payload: Json[] };
	assert.equal(list.payload.length, list.meta.count, 'every contact on one page');
	return list.payload;
}

/**
 * Send to Contact called by the agent: the schema the model saw, then the sandbox's state for the
 * asked customer and what the model got back.
 */
async function checkSendToContact(
	version: SendToAgentVersion,
	sandbox: SandboxProcess,
	requests: readonly ChatRequest[],
	contactsBefore: readonly Json[],
	conversationsBefore: readonly Json[],
): Promise<void> {
	const offered = requests[0].tools.find((tool) => tool.name === SEND_TO_TOOL.name);
	assert.ok(
		offered,
		`the model was offered ${SEND_TO_TOOL.name}; it got: ${requests[0].tools.map((tool) => tool.name).join(', ') || 'no tool'}`,
	);
	assert.equal(
		offered.description,
		'Send a message to a customer in LiveDesk',
		'the description n8n built from the action',
	);
	const { properties = {}, required = [] } = offered.parameters as {
		properties?: Json;
		required?: string[];
	};
	assert.deepEqual(
		properties,
		Object.fromEntries(
			Object.entries(SEND_TO_FIELDS).map(([key, field]) => [
				key,
				{ type: 'string', description: field.hint },
			]),
		),
		'the input schema names the customer’s email, their name and the message, each typed and described',
	);
	assert.deepEqual(
		[...required].sort(),
		Object.keys(SEND_TO_FIELDS).sort(),
		'the model must fill all three',
	);
	const customer = newCustomer(version);
	step(
		`AI Agent ${version}: ${SEND_TO_TOOL.name} offered as "${offered.description}" with ${JSON.stringify(properties)}`,
	);
	assert.equal(requests.length, 2, 'the model was asked twice: the call, then the answer');
	const [result = ''] = toolResults(requests[1]);
	step(`tool result for ${SEND_TO_TOOL.name}: ${result.slice(0, 400)}`);

	const contacts = await allContacts(sandbox);
	const added = contacts.filter(
		(contact) => !contactsBefore.some((before) => before.id === contact.id),
	);
	assert.deepEqual(
		added.map((contact) => [contact.email, contact.name]),
		[[customer.email, customer.name]],
		'exactly one new contact: the customer the model asked for, with their name',
	);
	const contactId = added[0].id as number;
	const conversations = (await sandbox.conversations()).filter(
		(conversation) => !conversationsBefore.some((before) => before.id === conversation.id),
	);
	assert.deepEqual(
		conversations.map((conversation) => [
			((conversation.meta as Json).sender as Json).id,
			conversation.inbox_id,
		]),
		[[contactId, INBOX_ID]],
		'exactly one new conversation: the new contact’s, in the tool’s inbox',
	);
	const conversationId = conversations[0].id as number;
	const messages = await messagesOf(sandbox, conversationId);
	assert.deepEqual(
		messages.map((message) => [message.content, message.message_type, message.private]),
		[[SEND_TO_MESSAGE, 1, false]],
		'the conversation holds exactly the model’s message, Outgoing (1)',
	);
	const handedBack = JSON.parse(result) as Json | Json[];
	const sent = (Array.isArray(handedBack) ? handedBack[0] : handedBack) as Json;
	assert.deepEqual(
		[
			sent.id,
			sent.content,
			sent.contact_id,
			sent.conversation_id,
			sent.contact_created,
			sent.conversation_created,
		],
		[messages[0].id, SEND_TO_MESSAGE, contactId, conversationId, true, true],
		`the tool result is the sent message with the new contact and conversation: ${result}`,
	);
	step(
		`AI Agent ${version}, Send to Contact: contact ${contactId} (${customer.email}) created, conversation ${conversationId} in inbox ${INBOX_ID}, message ${String(messages[0].id)}; tool result ${result.slice(0, 160)}…`,
	);
}

function assertOfferedTools(tools: readonly OfferedTool[]): void {
	// n8n does not keep the order in which the tools are connected.
	const byName = (list: Array<[string, string]>) =>
		[...list].sort(([a], [b]) => a.localeCompare(b));
	assert.deepEqual(
		byName(tools.map((tool) => [tool.name, tool.description])),
		byName(TOOLS.map((tool) => [tool.name, tool.description])),
		'the model was offered each LiveDesk tool under its node’s name, with the description n8n built from the action',
	);
	for (const spec of TOOLS) {
		const offered = tools.find((tool) => tool.name === spec.name);
		const { properties = {}, required = [] } = (offered?.parameters ?? {}) as {
			properties?: Json;
			required?: string[];
		};
		const expected = spec.fromAi
			? { [spec.fromAi.key]: { type: 'string', description: spec.fromAi.hint } }
			: {};
		assert.deepEqual(
			properties,
			expected,
			`${spec.name}: one typed, described parameter per $fromAI field`,
		);
		assert.deepEqual(
			required,
			spec.fromAi ? [spec.fromAi.key] : [],
			`${spec.name}: the model must fill its $fromAI field`,
		);
	}
	step(
		`offered tools: ${tools.map((tool) => `${tool.name} ("${tool.description}") ${JSON.stringify(tool.parameters.properties ?? {})}`).join('; ')}`,
	);
}

async function main(): Promise<void> {
	const tarball = path.resolve(process.argv[2] ?? '');
	if (!process.argv[2]) throw new Error('usage: ai-agent.js <tarball>');
	const install = installFromEnv();
	const userFolder = makeUserFolder(`ai-${install.version}`);
	const sandbox = await startSandboxProcess();
	const model = await startOpenAiMock({ chooseCall, finalAnswer: FINAL_ANSWER });
	const ports = await freeN8nPorts();
	// Not spawnSync: the mock model answers n8n from this process while the command runs.
	const n8n = async (args: readonly string[]) =>
		await runN8nAsync(install, userFolder, args, ports);
	let ok = false;
	try {
		step(`user folder ${userFolder}, sandbox ${sandbox.url}, model ${model.url}`);
		await timed('community install of the tarball', () =>
			installCommunityPackage(install, userFolder, tarball),
		);
		const contactId = await createContact(sandbox);
		const conversationId = await openConversation(sandbox, contactId);
		const legacyConversationId = await openConversation(sandbox, contactId);
		const credentials = path.join(userFolder, 'credentials.json');
		writeFileSync(
			credentials,
			JSON.stringify([
				{
					id: 'livedesk-sandbox',
					name: 'livedesk-sandbox',
					type: 'liveDeskApi',
					data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
				},
				{
					id: 'openai-mock',
					name: 'openai-mock',
					type: 'openAiApi',
					data: { apiKey: 'sk-mock', url: model.url },
				},
			]),
		);
		const workflows = path.join(userFolder, 'workflows');
		mkdirSync(workflows);
		writeFileSync(
			path.join(workflows, 'agent.json'),
			JSON.stringify(
				agentWorkflow(
					AGENT_WORKFLOW,
					'The customer (alice@example.com) asks: where is my order 1042? I want to talk to a person.',
					conversationId,
				),
			),
		);
		writeFileSync(
			path.join(workflows, 'control.json'),
			JSON.stringify(agentWorkflow(CONTROL_WORKFLOW, NO_TOOL_PROMPT, conversationId)),
		);
		writeFileSync(
			path.join(workflows, 'legacy.json'),
			JSON.stringify(legacyOrderWorkflow(legacyConversationId)),
		);
		// E2E_AI_AGENT_UNPLUG=1 (the check's own control): the Send to Contact tool is not connected; the run must fail.
		const plugged = process.env.E2E_AI_AGENT_UNPLUG !== '1';
		if (!plugged)
			step(
				'E2E_AI_AGENT_UNPLUG=1: the Send to Contact tool is not connected to its agent, the check must fail',
			);
		for (const version of SEND_TO_AGENT_VERSIONS) {
			writeFileSync(
				path.join(workflows, `send-to-${sendToWorkflowId(version)}.json`),
				JSON.stringify(sendToContactWorkflow(version, plugged)),
			);
		}
		await timed('import:credentials', async () =>
			check(await n8n(['import:credentials', `--input=${credentials}`]), 'import:credentials'),
		);
		await timed('import:workflow', async () =>
			check(
				await n8n(['import:workflow', '--separate', `--input=${workflows}`]),
				'import:workflow',
			),
		);

		const result = await timed('execute the AI Agent with the LiveDesk tools', () =>
			n8n(['execute', `--id=${AGENT_WORKFLOW}`, '--rawOutput']),
		);
		const output = check(result, `n8n execute --id=${AGENT_WORKFLOW}`);
		const run = parseRunData(result.stdout);
		assert.ok(run !== undefined, `n8n execute --rawOutput printed no JSON:\n${output}`);
		assert.equal(
			model.requests.length,
			TOOLS.length + 1,
			'the model was called once per tool, then for the answer',
		);
		step(`model calls: ${model.requests.map((request) => request.path).join(', ')}`);
		assertOfferedTools(model.requests[0].tools);
		const messages = await messagesOf(sandbox, conversationId);
		assert.deepEqual(
			messages.map((message) => [message.content, message.message_type, message.private]),
			[
				[REPLY, 1, false],
				[NOTE, 1, true],
			],
			'the sandbox holds exactly the reply and the note the model chose, as outgoing (1); the note private',
		);
		const conversation = (await sandbox.get(`/conversations/${conversationId}`)) as Json;
		assert.equal(conversation.status, 'open', 'the hand-off set the conversation open');
		const results = toolResults(model.requests[TOOLS.length]);
		assert.equal(results.length, TOOLS.length, 'one tool result per call');
		assert.ok(
			results[0].includes(CUSTOMER_EMAIL),
			`the search result names the customer: ${results[0]}`,
		);
		assert.ok(
			results[1].includes(String(messages[0].id)) && results[1].includes(REPLY),
			`the reply's result is the sent message: ${results[1]}`,
		);
		assert.ok(
			results[2].includes(String(messages[1].id)),
			`the note's result is the note: ${results[2]}`,
		);
		assert.ok(
			results[3].includes('open'),
			`the hand-off's result is the new status: ${results[3]}`,
		);
		for (const [index, result] of results.entries())
			step(`tool result for ${TOOLS[index].name}: ${result.slice(0, 140)}…`);
		assert.equal(
			nodeOutput(run, 'AI Agent')?.output,
			FINAL_ANSWER,
			'the agent finished with the model’s answer',
		);
		step(
			`sandbox conversation ${conversationId}: reply, private note, status open; agent answered "${FINAL_ANSWER}"`,
		);

		const before = model.requests.length;
		const control = await timed('negative control: the model calls no tool', () =>
			n8n(['execute', `--id=${CONTROL_WORKFLOW}`, '--rawOutput']),
		);
		check(control, `n8n execute --id=${CONTROL_WORKFLOW}`);
		const controlRun = parseRunData(control.stdout);
		assert.equal(model.requests.length - before, 1, 'without a tool call, the model is asked once');
		assert.equal(
			(await messagesOf(sandbox, conversationId)).length,
			2,
			'no tool call, no new message in the sandbox',
		);
		assert.equal(
			nodeOutput(controlRun, 'AI Agent')?.output,
			FINAL_ANSWER,
			'the agent still finished',
		);
		step('negative control: no tool call, no message');

		for (const version of SEND_TO_AGENT_VERSIONS) {
			const sendToFrom = model.requests.length;
			const [contactsBefore, conversationsBefore] = [
				await allContacts(sandbox),
				await sandbox.conversations(),
			];
			const sendTo = await timed(
				`AI Agent ${version} calls Send to Contact for a new customer`,
				() => n8n(['execute', `--id=${sendToWorkflowId(version)}`, '--rawOutput']),
			);
			check(sendTo, `n8n execute --id=${sendToWorkflowId(version)}`);
			await checkSendToContact(
				version,
				sandbox,
				model.requests.slice(sendToFrom),
				contactsBefore,
				conversationsBefore,
			);
			assert.equal(
				nodeOutput(parseRunData(sendTo.stdout), 'AI Agent')?.output,
				FINAL_ANSWER,
				`AI Agent ${version} finished with the model’s answer`,
			);
		}

		const legacyFrom = model.requests.length;
		const legacy = await timed('legacy execution order: AI Agent 2.2 and 3 side by side', () =>
			n8n(['execute', `--id=${LEGACY_WORKFLOW}`, '--rawOutput']),
		);
		check(legacy, `n8n execute --id=${LEGACY_WORKFLOW}`);
		const legacyRun = parseRunData(legacy.stdout);
		const legacyRequests = model.requests.slice(legacyFrom);
		assert.equal(
			legacyRequests.length,
			2 * LEGACY_AGENT_VERSIONS.length,
			'each agent asked the model twice: the call, then the answer',
		);
		assert.deepEqual(
			(await messagesOf(sandbox, legacyConversationId)).map((message) => message.content).sort(),
			LEGACY_AGENT_VERSIONS.map(legacyReply).sort(),
			'under the legacy order both tools did send their message',
		);
		const resultFor = (version: number): string => {
			const name = legacyTool(version).replace(/ /g, '_');
			const request = legacyRequests.find(
				(entry) => entry.tools[0]?.name === name && entry.toolResults === 1,
			);
			assert.ok(request, `the model was asked again after ${name} ran`);
			return toolResults(request)[0];
		};
		const [v2, v3] = LEGACY_AGENT_VERSIONS.map(resultFor);
		assert.ok(
			v2.includes(legacyReply(2.2)),
			`legacy order, AI Agent 2.2: the tool result is the sent message: ${v2}`,
		);
		// The finding behind "executionOrder": "v1" in every example: AI Agent 3 runs its tools through
		// the engine, and under the legacy order the model gets an empty result for a message that was sent.
		assert.equal(
			v3,
			'""',
			'legacy order, AI Agent 3: the tool result handed to the model is empty ("")',
		);
		for (const version of LEGACY_AGENT_VERSIONS) {
			assert.equal(
				nodeOutput(legacyRun, `AI Agent ${version}`)?.output,
				FINAL_ANSWER,
				`AI Agent ${version} still finished`,
			);
		}
		step(
			`legacy execution order: both messages sent; AI Agent 2.2 got ${v2.slice(0, 60)}…, AI Agent 3 got ${v3}`,
		);
		ok = true;
	} finally {
		await model.close();
		await sandbox.stop();
		if (ok || process.env.CI) rmSync(userFolder, { recursive: true, force: true });
		else step(`kept ${userFolder} for inspection`);
	}
	step('PASS');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
