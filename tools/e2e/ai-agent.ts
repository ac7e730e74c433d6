/**
 * LiveDesk as an AI Agent's tool in one cached real n8n: Manual Trigger → n8n's AI Agent, whose
 * OpenAI Chat Model talks to a mock model on 127.0.0.1 (tools/e2e/openai-mock.ts), with the
 * LiveDesk node as its tool (Message → Send, Content from $fromAI). Run with `n8n execute`.
 *
 * Asserts: n8n offered the model the LiveDesk tool with the name of its node, the description
 * n8n builds from the operation's action and a typed parameter for the $fromAI field; the sandbox
 * received exactly the message the mock chose, as an outgoing reply; the tool's result handed
 * back to the model is the sent message (not empty); the agent finished with the mock's answer.
 * Negative control: when the model calls no tool, nothing reaches the sandbox.
 *
 * Usage (env from lib.sh): node build/tools/e2e/ai-agent.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { check, nodeOutput, parseRunData, step, timed, type Json } from './cli-run';
import { freeN8nPorts, installCommunityPackage, installFromEnv, makeUserFolder, runN8nAsync } from './n8n-env';
import { startOpenAiMock, MOCK_MODEL, type OfferedTool, type ToolCall } from './openai-mock';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const TOOL_NODE = 'Reply to Customer';
const TOOL_NAME = 'Reply_to_Customer';
const TOOL_DESCRIPTION = 'Send a message or private note into a conversation in LiveDesk';
const CONTENT_HINT = 'The answer to the customer, in plain text';
const REPLY = 'Your order 1042 ships today; you will get the tracking link by email.';
const FINAL_ANSWER = 'I told the customer that the order ships today.';
/** The prompt that makes the mock answer without calling a tool (the negative control). */
const NO_TOOL_PROMPT = 'Just say hello, do not contact the customer.';
const AGENT_WORKFLOW = 'LiveDeskE2eAgent';
const CONTROL_WORKFLOW = 'LiveDeskE2eNoTool';
const INBOX_ID = 407;

function agentWorkflow(id: string, prompt: string, conversationId: number): Json {
	const credential = (name: string) => ({ id: name, name });
	return {
		id,
		name: `LiveDesk E2E: AI Agent (${id})`,
		active: false,
		// With the legacy order the AI Agent receives an empty tool result.
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				position: [220, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				// 1.2 speaks Chat Completions; 1.3 defaults to the Responses API, which the mock does not.
				typeVersion: 1.2,
				position: [120, 200],
				parameters: { model: { __rl: true, mode: 'list', value: MOCK_MODEL }, options: {} },
				credentials: { openAiApi: credential('openai-mock') },
			},
			{
				id: 'tool',
				name: TOOL_NODE,
				type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
				typeVersion: 1,
				position: [320, 200],
				parameters: {
					descriptionType: 'auto',
					resource: 'message',
					operation: 'send',
					conversationId,
					content: `={{ $fromAI('Content', '${CONTENT_HINT}', 'string') }}`,
					messageType: 'outgoing',
					additionalFields: {},
				},
				credentials: { liveDeskApi: credential('livedesk-sandbox') },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** The model's first turn: call the LiveDesk tool with the reply, unless told not to use tools. */
function chooseCall(tools: readonly OfferedTool[], prompt: string): ToolCall | undefined {
	if (prompt.includes(NO_TOOL_PROMPT)) return undefined;
	const tool = tools.find((offered) => offered.name === TOOL_NAME);
	return tool ? { name: tool.name, arguments: { Content: REPLY } } : undefined;
}

async function openConversation(sandbox: SandboxProcess): Promise<number> {
	const contact = (await sandbox.post('/contacts', { inbox_id: INBOX_ID, name: 'Alice Example' })) as {
		payload: { contact: { id: number } };
	};
	const conversation = (await sandbox.post('/conversations', {
		inbox_id: INBOX_ID,
		contact_id: contact.payload.contact.id,
	})) as { id: number };
	return conversation.id;
}

async function messagesOf(sandbox: SandboxProcess, conversationId: number): Promise<Json[]> {
	return ((await sandbox.get(`/conversations/${conversationId}/messages`)) as { payload: Json[] }).payload;
}

function promptOf(body: Json): string {
	const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
	return messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
}

function assertOfferedTool(tools: readonly OfferedTool[]): void {
	const tool = tools.find((offered) => offered.name === TOOL_NAME);
	assert.ok(tool, `the model was offered ${TOOL_NAME}; it got: ${tools.map((offered) => offered.name).join(', ')}`);
	assert.equal(tool.description, TOOL_DESCRIPTION, 'the tool description n8n built from the operation’s action');
	const properties = (tool.parameters.properties ?? {}) as Record<string, Json>;
	assert.deepEqual(
		{ type: properties.Content?.type, description: properties.Content?.description },
		{ type: 'string', description: CONTENT_HINT },
		'the $fromAI field is a typed, described parameter',
	);
	assert.deepEqual(tool.parameters.required, ['Content'], 'Content is the only parameter the model must fill');
	step(`offered tool ${tool.name}: "${tool.description}", parameters ${JSON.stringify(tool.parameters.properties)}`);
}

/** What n8n handed back to the model as the tool's result: the message LiveDesk stored. */
function assertToolResult(body: Json, message: Json): void {
	const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
	const result = messages.find((entry) => entry.role === 'tool');
	assert.ok(result, 'the second model call carries the tool result');
	const text = String(result.content ?? '');
	assert.ok(text.includes(REPLY) && text.includes(String(message.id)), `the tool result is the sent message, got: ${text}`);
	step(`tool result handed to the model: ${text.slice(0, 160)}…`);
}

async function main(): Promise<void> {
	const tarball = path.resolve(process.argv[2] ?? '');
	if (!process.argv[2]) throw new Error('usage: ai-agent.js <tarball>');
	const install = installFromEnv();
	const userFolder = makeUserFolder(`ai-${install.version}`);
	const sandbox = await startSandboxProcess();
	const model = await startOpenAiMock({
		chooseCall: (request) => chooseCall(request.tools, promptOf(request.body)),
		finalAnswer: FINAL_ANSWER,
	});
	const ports = await freeN8nPorts();
	// Not spawnSync: the mock model answers n8n from this process while the command runs.
	const n8n = async (args: readonly string[]) => await runN8nAsync(install, userFolder, args, ports);
	let ok = false;
	try {
		step(`user folder ${userFolder}, sandbox ${sandbox.url}, model ${model.url}`);
		await timed('community install of the tarball', () => installCommunityPackage(install, userFolder, tarball));
		const conversationId = await openConversation(sandbox);
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
				{ id: 'openai-mock', name: 'openai-mock', type: 'openAiApi', data: { apiKey: 'sk-mock', url: model.url } },
			]),
		);
		const workflows = path.join(userFolder, 'workflows');
		mkdirSync(workflows);
		writeFileSync(path.join(workflows, 'agent.json'), JSON.stringify(agentWorkflow(AGENT_WORKFLOW, 'The customer asks: where is my order 1042? Answer them.', conversationId)));
		writeFileSync(path.join(workflows, 'control.json'), JSON.stringify(agentWorkflow(CONTROL_WORKFLOW, NO_TOOL_PROMPT, conversationId)));
		await timed('import:credentials', async () => check(await n8n(['import:credentials', `--input=${credentials}`]), 'import:credentials'));
		await timed('import:workflow', async () =>
			check(await n8n(['import:workflow', '--separate', `--input=${workflows}`]), 'import:workflow'),
		);

		const result = await timed('execute the AI Agent with the LiveDesk tool', () =>
			n8n(['execute', `--id=${AGENT_WORKFLOW}`, '--rawOutput']),
		);
		const output = check(result, `n8n execute --id=${AGENT_WORKFLOW}`);
		const run = parseRunData(result.stdout);
		assert.ok(run !== undefined, `n8n execute --rawOutput printed no JSON:\n${output}`);
		assert.equal(model.requests.length, 2, 'the model was called twice: tool call, then final answer');
		step(`model calls: ${model.requests.map((request) => `${request.path}${request.body.stream === true ? ' (streamed)' : ''}`).join(', ')}`);
		assertOfferedTool(model.requests[0].tools);
		const messages = await messagesOf(sandbox, conversationId);
		assert.deepEqual(
			messages.map((message) => [message.content, message.message_type, message.private]),
			[[REPLY, 1, false]],
			'the sandbox holds exactly the reply the model chose, as an outgoing (1) public message',
		);
		assertToolResult(model.requests[1].body, messages[0]);
		assert.equal(nodeOutput(run, 'AI Agent')?.output, FINAL_ANSWER, 'the agent finished with the model’s answer');
		step(`sandbox conversation ${conversationId} holds "${String(messages[0].content)}"; agent answered "${FINAL_ANSWER}"`);

		const before = model.requests.length;
		const control = await timed('negative control: the model calls no tool', () =>
			n8n(['execute', `--id=${CONTROL_WORKFLOW}`, '--rawOutput']),
		);
		check(control, `n8n execute --id=${CONTROL_WORKFLOW}`);
		const controlRun = parseRunData(control.stdout);
		assert.equal(model.requests.length - before, 1, 'without a tool call, the model is asked once');
		assert.equal((await messagesOf(sandbox, conversationId)).length, 1, 'no tool call, no new message in the sandbox');
		assert.equal(nodeOutput(controlRun, 'AI Agent')?.output, FINAL_ANSWER, 'the agent still finished');
		step('negative control: no tool call, no message');
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
