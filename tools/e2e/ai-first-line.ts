/**
 * The shipped AI first-line example (examples/ai-first-line.workflow.json) in one cached real n8n,
 * as a user runs it: `n8n start` with the packed package community-installed, the example created
 * and activated over n8n's REST API as it is in the file (only its credential references point at
 * the credentials made here; the OpenAI credential's Base URL is a mock model on 127.0.0.1,
 * tools/e2e/openai-mock.ts), and the LiveDesk sandbox posting its webhook events to the trigger's
 * Production URL while a customer writes into pending conversations.
 *
 * Asserts:
 * - Answer: one customer message starts one execution; the model was offered the example's four
 *   LiveDesk tools with their descriptions and $fromAI parameters, and the example's system
 *   message; the answer it chose lands in the sandbox as the one Outgoing message, in the
 *   conversation the trigger item named; the tool result handed back is the sent message. The
 *   answer's own message_created reaches the trigger, which answers "Event ignored: outgoing
 *   message", and no second execution starts.
 * - Hand-off: a customer asking for a person → the model looks them up, tells them a colleague
 *   takes over, leaves a private note and sets the conversation open; the sandbox holds exactly
 *   that. The customer's next message is ignored (status open), so the bot stays out.
 * - Negative control (proves the check can fail): the same workflow with Message Types Incoming
 *   and Outgoing, as a user might misconfigure it: the bot's answer starts a second execution.
 *
 * Usage (env from lib.sh): node build/tools/e2e/ai-first-line.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { IConnections, INode, INodeParameters, IWorkflowSettings } from 'n8n-workflow';
import type { WebhookDelivery } from '../sandbox/webhooks';
import { step, timed } from './cli-run';
import { installCommunityPackage, installFromEnv, makeUserFolder } from './n8n-env';
import {
	createActiveWorkflow,
	executionRunData,
	executionsOf,
	fetchTransport,
	firstItem,
	isFinished,
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	waitForProductionUrl,
	type Json,
	type N8nServer,
	type RestTransport,
} from './n8n-server';
import {
	startOpenAiMock,
	systemPrompt,
	toolResults,
	userPrompt,
	type ChatRequest,
	type OfferedTool,
	type OpenAiMock,
	type ToolCall,
} from './openai-mock';
import { poll, sleep } from './progress';
import { REPO_ROOT, startSandboxProcess, type SandboxProcess } from './sandbox-process';

const TOKEN = 'e2e-token';
const INBOX_ID = 407;
const TRIGGER = 'LiveDesk Trigger';
const AGENT = 'AI Agent';
const TOOL_TYPE = 'n8n-nodes-engagelab-livedesk.liveDeskTool';
const CUSTOMER = { name: 'Alice Example', email: 'alice@example.com' };
const QUESTION = 'Hi, how long does shipping take?';
const ANSWER =
	'Orders ship within 2 business days; the tracking link is emailed when the parcel leaves.';
const HANDOFF_REQUEST = 'My parcel arrived damaged. I want to talk to a person.';
const HANDOFF_REPLY =
	'I am sorry to hear that. A colleague will take over this conversation shortly.';
const NOTE =
	'Alice Example (alice@example.com): parcel arrived damaged, asks for a person. Told her a colleague takes over.';
const AFTER_HANDOFF = 'Hello? Is anyone there?';
const FINAL_ANSWER = 'Done.';
/** After every event was answered: long enough for an execution n8n started late to show up in the list. */
const QUIET_MS = 3_000;
const STARTED = 'Event received: workflow started';

interface WorkflowFile {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings: IWorkflowSettings;
	[key: string]: unknown;
}

function readExample(): WorkflowFile {
	return JSON.parse(
		readFileSync(path.join(REPO_ROOT, 'examples', 'ai-first-line.workflow.json'), 'utf8'),
	) as WorkflowFile;
}

/** The tool name n8n gives the model for a tool node: its name with spaces as underscores. */
const toolName = (node: string): string => node.replace(/ /g, '_');

/** What the mock model does per customer message: the tool calls in order, then FINAL_ANSWER. */
const SCRIPTS: ReadonlyArray<{ when: string; calls: ToolCall[] }> = [
	{
		when: QUESTION,
		calls: [{ name: toolName('Reply to Customer'), arguments: { Content: ANSWER } }],
	},
	{
		when: HANDOFF_REQUEST,
		calls: [
			{ name: toolName('Find Customer'), arguments: { Search_Term: CUSTOMER.email } },
			{ name: toolName('Reply to Customer'), arguments: { Content: HANDOFF_REPLY } },
			{ name: toolName('Leave Note for Agent'), arguments: { Summary: NOTE } },
			{ name: toolName('Hand Over to People'), arguments: {} },
		],
	},
];

/** Anything else, e.g. the bot's own answer fed back by the misconfigured control: no tool, so no loop. */
function chooseCall(request: ChatRequest): ToolCall | undefined {
	const prompt = userPrompt(request);
	return SCRIPTS.find((script) => prompt.includes(script.when))?.calls[request.toolResults];
}

/** The example with its credential references pointing at the credentials made here; nothing else changed. */
function withCredentials(example: WorkflowFile, credentials: Record<string, Json>): WorkflowFile {
	return {
		...example,
		nodes: example.nodes.map((node) => {
			if (!node.credentials) return node;
			const refs = Object.keys(node.credentials).map((type) => {
				const credential = credentials[type];
				assert.ok(credential, `no ${type} credential for node ${node.name}`);
				return [type, { id: String(credential.id), name: String(credential.name) }];
			});
			return { ...node, credentials: Object.fromEntries(refs) as INode['credentials'] };
		}),
	};
}

/** The example as a user might misconfigure it: the bot's trigger also starting on Outgoing messages. */
function withOutgoingToo(example: WorkflowFile): WorkflowFile {
	return {
		...example,
		name: `${example.name} (control: Outgoing too)`,
		nodes: example.nodes.map((node) =>
			node.name === TRIGGER
				? {
						...node,
						webhookId: randomUUID(),
						parameters: { ...node.parameters, messageTypes: ['incoming', 'outgoing'] },
					}
				: node,
		),
	};
}

function assertOfferedTools(example: WorkflowFile, offered: readonly OfferedTool[]): void {
	const expected = example.nodes
		.filter((node) => node.type === TOOL_TYPE)
		.map((node) => [toolName(node.name), String(node.parameters.toolDescription)]);
	const byName = (list: string[][]) => [...list].sort(([a], [b]) => a.localeCompare(b));
	assert.deepEqual(
		byName(offered.map((tool) => [tool.name, tool.description])),
		byName(expected),
		'the model was offered the example’s four LiveDesk tools with the descriptions the example sets',
	);
	const parameters = Object.fromEntries(
		offered.map((tool) => [
			tool.name,
			Object.keys((tool.parameters.properties ?? {}) as Json).sort(),
		]),
	);
	assert.deepEqual(
		parameters,
		{
			Reply_to_Customer: ['Content'],
			Find_Customer: ['Search_Term'],
			Leave_Note_for_Agent: ['Summary'],
			Hand_Over_to_People: [],
		},
		'one parameter per $fromAI field; Conversation ID comes from the trigger, not the model',
	);
	step(
		`offered tools: ${offered.map((tool) => `${tool.name} ${JSON.stringify(tool.parameters.properties ?? {})}`).join('; ')}`,
	);
}

interface Harness {
	sandbox: SandboxProcess;
	model: OpenAiMock;
	rest: RestTransport;
}

async function pendingConversation(sandbox: SandboxProcess, contactId: number): Promise<number> {
	const conversation = (await sandbox.post('/conversations', {
		inbox_id: INBOX_ID,
		contact_id: contactId,
	})) as Json;
	// The state a bot owns before it hands over.
	await sandbox.post(`/conversations/${String(conversation.id)}/toggle_status`, {
		status: 'pending',
	});
	return Number(conversation.id);
}

/** The customer writes: LiveDesk stores an Incoming message and sends message_created to the trigger. */
async function customerWrites(
	sandbox: SandboxProcess,
	conversationId: number,
	content: string,
): Promise<number> {
	const message = (await sandbox.post(`/conversations/${conversationId}/messages`, {
		content,
		message_type: 'incoming',
	})) as Json;
	return Number(message.id);
}

async function messagesIn(sandbox: SandboxProcess, conversationId: number): Promise<Json[]> {
	return ((await sandbox.get(`/conversations/${conversationId}/messages`)) as { payload: Json[] })
		.payload;
}

/** [content, message_type (0 incoming, 1 outgoing), private] of each message, in order. */
async function transcript(sandbox: SandboxProcess, conversationId: number): Promise<unknown[][]> {
	return (await messagesIn(sandbox, conversationId)).map((message) => [
		message.content,
		message.message_type,
		message.private,
	]);
}

/** The message_created delivery of one message, once n8n has answered it. */
async function answeredDelivery(
	sandbox: SandboxProcess,
	messageId: unknown,
): Promise<WebhookDelivery> {
	return await poll(`n8n's answer to message_created of message ${String(messageId)}`, async () => {
		const delivery = (await sandbox.webhookDeliveries()).find(
			(candidate) => candidate.event === 'message_created' && candidate.payload.id === messageId,
		);
		return delivery && (delivery.status !== undefined || delivery.error !== undefined)
			? delivery
			: undefined;
	});
}

function assertAnswer(delivery: WebhookDelivery, message: string, what: string): void {
	assert.equal(
		delivery.status,
		200,
		`${what}: n8n answered ${String(delivery.status)} ${delivery.error ?? ''}`,
	);
	assert.deepEqual(JSON.parse(delivery.response ?? 'null'), { message }, what);
}

/** The workflow's executions, oldest first, once `count` of them have finished. */
async function finishedExecutions(
	rest: RestTransport,
	workflowId: string,
	count: number,
): Promise<Json[]> {
	const list = await poll(
		`${count} finished execution(s) of workflow ${workflowId}`,
		async () => {
			const current = await executionsOf(rest, workflowId);
			return current.length >= count && current.every(isFinished) ? current : undefined;
		},
		90_000,
	);
	const summary = JSON.stringify(
		list.map((execution) => [execution.id, execution.mode, execution.status]),
	);
	assert.equal(
		list.length,
		count,
		`exactly ${count} execution(s) of workflow ${workflowId}, got ${summary}`,
	);
	assert.ok(
		list.every((execution) => execution.status === 'success'),
		`every execution succeeded: ${summary}`,
	);
	return [...list].sort((a, b) => Number(a.id) - Number(b.id));
}

/** The trigger item an execution started with, and what the AI Agent answered. */
async function execution(
	rest: RestTransport,
	summary: Json,
): Promise<{ trigger: Json; agent: Json }> {
	const runData = await executionRunData(rest, summary.id);
	const trigger = firstItem(runData, TRIGGER);
	const agent = firstItem(runData, AGENT);
	assert.ok(
		trigger && agent,
		`execution ${String(summary.id)} has no output of ${TRIGGER} or ${AGENT}`,
	);
	return { trigger, agent };
}

async function answerCase(
	h: Harness,
	example: WorkflowFile,
	workflowId: string,
	contactId: number,
): Promise<void> {
	const conversationId = await pendingConversation(h.sandbox, contactId);
	const before = h.model.requests.length;
	const incomingId = await customerWrites(h.sandbox, conversationId, QUESTION);
	assertAnswer(
		await answeredDelivery(h.sandbox, incomingId),
		STARTED,
		'the customer’s message starts the workflow',
	);
	const [run] = await finishedExecutions(h.rest, workflowId, 1);

	const messages = await messagesIn(h.sandbox, conversationId);
	assert.deepEqual(
		await transcript(h.sandbox, conversationId),
		[
			[QUESTION, 0, false],
			[ANSWER, 1, false],
		],
		'the conversation the trigger item named holds the customer’s message and exactly one Outgoing answer, the one the model chose',
	);
	const answerDelivery = await answeredDelivery(h.sandbox, messages[1].id);
	assertAnswer(
		answerDelivery,
		'Event ignored: outgoing message (an agent’s or bot’s reply)',
		'the bot’s answer reaches the trigger and is ignored',
	);
	await finishedExecutions(h.rest, workflowId, 1);

	const { trigger, agent } = await execution(h.rest, run);
	assert.deepEqual(
		[
			trigger.message_id,
			trigger.message_type,
			trigger.status,
			trigger.conversation_id,
			trigger.content,
		],
		[incomingId, 'incoming', 'pending', conversationId, QUESTION],
		'the execution started from the customer’s message in a pending conversation',
	);
	assert.equal(agent.output, FINAL_ANSWER, 'the agent finished with the model’s answer');

	const requests = h.model.requests.slice(before);
	assert.equal(requests.length, 2, 'the model was asked twice: the tool call, then the answer');
	assertOfferedTools(example, requests[0].tools);
	const systemMessage = String(
		(example.nodes.find((node) => node.name === AGENT)?.parameters.options as INodeParameters)
			.systemMessage,
	);
	assert.ok(
		systemPrompt(requests[0]).includes(systemMessage),
		'the model got the example’s system message',
	);
	assert.ok(
		userPrompt(requests[0]).includes(QUESTION),
		'the prompt carries the customer’s message',
	);
	const [result] = toolResults(requests[1]);
	assert.ok(
		result.includes(String(messages[1].id)) && result.includes(ANSWER),
		`the tool result handed back is the sent message, not empty (execution order v1): ${result}`,
	);
	step(`answer: tool result handed back ${result.slice(0, 100)}…`);
	step(
		`answer: 1 execution; the answer's own message_created was answered ${answerDelivery.response ?? ''}`,
	);
}

async function handOffCase(h: Harness, workflowId: string, contactId: number): Promise<void> {
	const conversationId = await pendingConversation(h.sandbox, contactId);
	const before = h.model.requests.length;
	const incomingId = await customerWrites(h.sandbox, conversationId, HANDOFF_REQUEST);
	assertAnswer(
		await answeredDelivery(h.sandbox, incomingId),
		STARTED,
		'the hand-off request starts the workflow',
	);
	await finishedExecutions(h.rest, workflowId, 2);

	const conversation = (await h.sandbox.get(`/conversations/${conversationId}`)) as Json;
	assert.equal(conversation.status, 'open', 'Hand Over to People set the conversation open');
	assert.deepEqual(
		await transcript(h.sandbox, conversationId),
		[
			[HANDOFF_REQUEST, 0, false],
			[HANDOFF_REPLY, 1, false],
			[NOTE, 1, true],
		],
		'the customer was told a colleague takes over, and the agent got the summary as a private note',
	);
	const results = toolResults(h.model.requests[h.model.requests.length - 1]);
	assert.equal(h.model.requests.length - before, 5, 'four tool calls, then the answer');
	assert.ok(
		results[0].includes(CUSTOMER.email),
		`Find Customer returned the contact: ${results[0]}`,
	);
	assert.ok(
		results[3].includes('open'),
		`Hand Over to People returned the new status: ${results[3]}`,
	);

	// The conversation is the people's now: the customer's next message does not start the bot.
	const laterId = await customerWrites(h.sandbox, conversationId, AFTER_HANDOFF);
	assertAnswer(
		await answeredDelivery(h.sandbox, laterId),
		'Event ignored: conversation status open is not selected',
		'after the hand-off the customer’s messages are for people',
	);
	assert.equal(h.model.requests.length - before, 5, 'the model was not asked again');
	step('hand-off: status open, a private note, and the customer’s next message ignored');
}

async function outgoingTooControl(
	h: Harness,
	example: WorkflowFile,
	base: string,
	contactId: number,
): Promise<string> {
	const control = withOutgoingToo(example);
	const workflowId = await createActiveWorkflow(h.rest, control);
	const trigger = control.nodes.find((node) => node.name === TRIGGER);
	const url = `${base}/webhook/${String(trigger?.webhookId)}/webhook`;
	assert.equal(
		(await waitForProductionUrl(url, '{}')).status,
		401,
		'the control’s Production URL is served',
	);
	await h.sandbox.control('POST', '/webhook', { url: `${url}?token=${TOKEN}` });

	const conversationId = await pendingConversation(h.sandbox, contactId);
	const incomingId = await customerWrites(h.sandbox, conversationId, QUESTION);
	assertAnswer(
		await answeredDelivery(h.sandbox, incomingId),
		STARTED,
		'control: the customer’s message starts it',
	);
	const runs = await finishedExecutions(h.rest, workflowId, 2);
	const messages = await messagesIn(h.sandbox, conversationId);
	assert.equal(
		messages.length,
		2,
		'control: the second run’s model called no tool, so the loop ends there',
	);
	assertAnswer(
		await answeredDelivery(h.sandbox, messages[1].id),
		STARTED,
		'control: the bot’s own answer starts it again',
	);
	const second = await execution(h.rest, runs[1]);
	assert.deepEqual(
		[second.trigger.message_id, second.trigger.message_type, second.trigger.content],
		[messages[1].id, 'outgoing', ANSWER],
		'control: the second execution was started by the bot’s own answer',
	);
	step(
		'negative control (Message Types Incoming + Outgoing): the bot’s answer started a second execution',
	);
	return workflowId;
}

async function main(): Promise<void> {
	if (!process.argv[2]) throw new Error('usage: ai-first-line.js <tarball>');
	const tarball = path.resolve(process.argv[2]);
	const install = installFromEnv();
	const userFolder = makeUserFolder(`ai-first-line-${install.version}`);
	let sandbox: SandboxProcess | undefined;
	let model: OpenAiMock | undefined;
	let server: N8nServer | undefined;
	let ok = false;
	try {
		sandbox = await startSandboxProcess();
		model = await startOpenAiMock({ chooseCall, finalAnswer: FINAL_ANSWER });
		await timed('community install of the tarball', () =>
			installCommunityPackage(install, userFolder, tarball),
		);
		const started = await timed('n8n start', () => startN8nServer(install, userFolder));
		server = started;
		const rest = fetchTransport(started.base);
		await setUpOwner(rest);
		const liveDesk = await restJson(rest, 'POST', '/rest/credentials', {
			name: 'LiveDesk sandbox',
			type: 'liveDeskApi',
			data: {
				apiKey: sandbox.apiKey,
				apiSecret: sandbox.apiSecret,
				baseUrl: sandbox.url,
				webhookToken: TOKEN,
			},
		});
		const openAi = await restJson(rest, 'POST', '/rest/credentials', {
			name: 'OpenAI mock',
			type: 'openAiApi',
			data: { apiKey: 'sk-mock', url: model.url },
		});
		const example = withCredentials(readExample(), { liveDeskApi: liveDesk, openAiApi: openAi });
		const workflowId = await createActiveWorkflow(rest, example);
		const trigger = example.nodes.find((node) => node.name === TRIGGER);
		const url = `${started.base}/webhook/${String(trigger?.webhookId)}/webhook`;
		const probe = await waitForProductionUrl(url, '{}');
		assert.equal(
			probe.status,
			401,
			`without the Webhook Token the trigger answers 401: ${probe.text}`,
		);
		await sandbox.control('POST', '/webhook', { url: `${url}?token=${TOKEN}` });
		step(`the example is active as workflow ${workflowId}; the sandbox posts to ${url}?token=…`);

		const contact = (await sandbox.post('/contacts', { inbox_id: INBOX_ID, ...CUSTOMER })) as {
			payload: { contact: Json };
		};
		const contactId = Number(contact.payload.contact.id);
		const h: Harness = { sandbox, model, rest };
		await timed('answer: a customer message → one Outgoing answer, no second execution', () =>
			answerCase(h, example, workflowId, contactId),
		);
		await timed('hand-off: private note, status open', () => handOffCase(h, workflowId, contactId));
		const controlId = await timed('negative control: Outgoing in Message Types loops', () =>
			outgoingTooControl(h, example, started.base, contactId),
		);

		await sleep(QUIET_MS);
		assert.equal(
			(await executionsOf(rest, workflowId)).length,
			2,
			`${QUIET_MS / 1000} s later: still 2 executions of the example`,
		);
		assert.equal(
			(await executionsOf(rest, controlId)).length,
			2,
			`${QUIET_MS / 1000} s later: still 2 executions of the control`,
		);
		const undelivered = (await sandbox.webhookDeliveries()).filter(
			(delivery) => delivery.status !== 200,
		);
		assert.deepEqual(undelivered, [], 'n8n answered every webhook event with 200');
		const outbound = outboundAttempt(started.log());
		assert.equal(
			outbound,
			undefined,
			`n8n tried to reach a host other than 127.0.0.1: ${outbound ?? ''}`,
		);
		ok = true;
	} catch (error) {
		if (server) console.error(`n8n log tail:\n${server.log().split('\n').slice(-40).join('\n')}`);
		throw error;
	} finally {
		await server?.stop();
		await model?.close();
		await sandbox?.stop();
		if (ok || process.env.CI) rmSync(userFolder, { recursive: true, force: true });
		else step(`kept ${userFolder} for inspection`);
	}
	step('PASS');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
