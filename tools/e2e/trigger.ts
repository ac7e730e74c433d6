/**
 * The LiveDesk Trigger in a real n8n, as a user runs it: `n8n start` with the packed package
 * community-installed, a workflow "LiveDesk Trigger → Resolve Conversation" created and activated
 * over n8n's REST API, and the LiveDesk sandbox posting its webhook events to the workflow's
 * Production URL while contacts, conversations and messages are created through its API.
 *
 * Asserts: requests without (or with a wrong) token, the credential's Webhook Token, are answered
 * 401 and start nothing; events the trigger ignores (conversation_created, the contact's incoming message, the status events the
 * workflow itself causes) are answered 200 and start nothing; the agent's reply starts exactly one
 * execution, whose trigger item is that reply, and whose LiveDesk step resolved the conversation.
 * Then a second workflow with Download Attachments gets an agent's image (trigger-attachments.ts).
 *
 * Usage (env from lib.sh): node build/tools/e2e/trigger.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { installCommunityPackage, installFromEnv, makeUserFolder } from './n8n-env';
import {
	createActiveWorkflow,
	executionRunData,
	executionsOf,
	fetchTransport,
	firstItem,
	isFinished,
	liveDeskCredential,
	liveDeskTriggerNode,
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	waitForProductionUrl,
	type Json,
	type N8nServer,
} from './n8n-server';
import { poll, stepLogger } from './progress';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { checkTriggerAttachments } from './trigger-attachments';

const TOKEN = 'e2e-token';
const INBOX_ID = 407;
const TRIGGER = 'LiveDesk Trigger';
const RESOLVE = 'Resolve Conversation';
const INCOMING = 'Where is my order #1001?';
const REPLY = 'It ships today; you will get the tracking number by email.';
const step = stepLogger('trigger');

function workflowBody(webhookId: string, credential: Json): Json {
	return {
		name: 'LiveDesk E2E: resolve on agent reply',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			liveDeskTriggerNode({
				name: TRIGGER,
				webhookId,
				credential,
				typeVersion: 1,
				parameters: { events: ['message_created'], simplify: true, options: {} },
			}),
			{
				id: randomUUID(),
				name: RESOLVE,
				type: 'n8n-nodes-engagelab-livedesk.liveDesk',
				typeVersion: 1,
				position: [240, 0],
				// Resolving (not replying) proves the data flowed without feeding a new message back to
				// the trigger; the status events it causes must in turn be ignored by the trigger.
				parameters: {
					resource: 'conversation',
					operation: 'updateStatus',
					conversationId: '={{ $json.conversation_id }}',
					status: 'resolved',
				},
				credentials: liveDeskCredential(credential),
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: RESOLVE, type: 'main', index: 0 }]] } },
	};
}

async function main(): Promise<void> {
	if (!process.argv[2]) throw new Error('usage: trigger.js <tarball>');
	const tarball = path.resolve(process.argv[2]);
	const install = installFromEnv();
	const userFolder = makeUserFolder(`trigger-${install.version}`);
	let sandbox: SandboxProcess | undefined;
	let server: N8nServer | undefined;
	let ok = false;
	try {
		installCommunityPackage(install, userFolder, tarball);
		sandbox = await startSandboxProcess();
		step(`community-installed the tarball; sandbox on ${sandbox.url}`);
		server = await startN8nServer(install, userFolder);
		step(`n8n ${install.version} is up on ${server.base}`);

		const rest = fetchTransport(server.base);
		await setUpOwner(rest);
		const credential = await restJson(rest, 'POST', '/rest/credentials', {
			name: 'LiveDesk sandbox',
			type: 'liveDeskApi',
			data: {
				apiKey: sandbox.apiKey,
				apiSecret: sandbox.apiSecret,
				baseUrl: sandbox.url,
				webhookToken: TOKEN,
			},
		});
		const webhookId = randomUUID();
		const workflowId = await createActiveWorkflow(rest, workflowBody(webhookId, credential));
		const webhookUrl = `${server.base}/webhook/${webhookId}/webhook`;
		step(
			`owner, credential and workflow ${workflowId} set up and activated over REST; Production URL ${webhookUrl}`,
		);

		// A request the trigger would otherwise run (an agent reply), but without the token or with a
		// wrong one.
		const forged = JSON.stringify({
			event: 'message_created',
			id: 999,
			content: 'forged',
			message_type: 'outgoing',
			private: false,
			conversation: { id: 1 },
		});
		const post = async (url: string): Promise<{ status: number; text: string }> => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: forged,
			});
			return { status: response.status, text: await response.text() };
		};
		const noToken = await waitForProductionUrl(webhookUrl, forged);
		assert.equal(
			noToken.status,
			401,
			`a POST without the token should be answered 401, got ${noToken.status}: ${noToken.text}`,
		);
		const wrongToken = await post(`${webhookUrl}?token=not-${TOKEN}`);
		assert.equal(
			wrongToken.status,
			401,
			`a POST with a wrong token should be answered 401, got ${wrongToken.status}: ${wrongToken.text}`,
		);
		step(
			`Production URL registered; POSTs without the token and with a wrong one: 401 ${noToken.text}`,
		);

		await sandbox.control('POST', '/webhook', { url: `${webhookUrl}?token=${TOKEN}` });
		const created = (await sandbox.post('/contacts', {
			inbox_id: INBOX_ID,
			name: 'Bob Bridge',
			email: 'bob@example.com',
		})) as {
			payload: { contact: Json };
		};
		const contactId = created.payload.contact.id;
		const conversation = (await sandbox.post('/conversations', {
			inbox_id: INBOX_ID,
			contact_id: contactId,
		})) as Json;
		const conversationId = conversation.id as number;

		const incoming = (await sandbox.post(`/conversations/${conversationId}/messages`, {
			content: INCOMING,
			message_type: 'incoming',
		})) as Json;
		const reply = (await sandbox.post(`/conversations/${conversationId}/messages`, {
			content: REPLY,
			message_type: 'outgoing',
		})) as Json;
		step(
			`sandbox: contact ${String(contactId)}, conversation ${conversationId}, incoming message ${String(incoming.id)}, agent reply ${String(reply.id)}`,
		);

		const resolved = await poll('the conversation to be resolved by the workflow', async () => {
			const current = (await sandbox?.get(`/conversations/${conversationId}`)) as Json;
			return current.status === 'resolved' ? current : undefined;
		});
		step(`conversation ${String(resolved.id)} is resolved`);
		// The resolve makes the sandbox send conversation_status_changed and conversation_updated.
		// Once every delivery has an answer, every execution any of them could start has started.
		const answered = await poll('every webhook delivery to be answered', async () => {
			const list = await (sandbox as SandboxProcess).webhookDeliveries();
			const complete =
				list.some((delivery) => delivery.event === 'conversation_updated') &&
				list.every((delivery) => delivery.status !== undefined || delivery.error !== undefined);
			return complete ? list : undefined;
		});
		assert.deepEqual(
			answered.map((delivery) => [
				delivery.event,
				delivery.payload.message_type ?? null,
				delivery.status ?? delivery.error,
			]),
			[
				['conversation_created', null, 200],
				['message_created', 'incoming', 200],
				['message_created', 'outgoing', 200],
				['conversation_status_changed', null, 200],
				['conversation_updated', null, 200],
			],
			'each webhook event the sandbox sent, and n8n’s answer (ignored events are answered 200 too)',
		);
		step('n8n answered all 5 webhook deliveries with 200');

		const finished = await poll('the execution to finish', async () => {
			const list = await executionsOf(rest, workflowId);
			return list.length > 0 && list.every(isFinished) ? list : undefined;
		});
		assert.equal(
			finished.length,
			1,
			`exactly one execution should have run (the agent reply), got ${JSON.stringify(finished.map((execution) => [execution.id, execution.mode, execution.status]))}`,
		);
		const summary = finished[0] as Json;
		assert.equal(summary.mode, 'webhook', 'started by the production webhook');
		assert.equal(summary.status, 'success', 'the execution succeeded');

		const runData = await executionRunData(rest, summary.id);
		const triggerItem = firstItem(runData, TRIGGER);
		assert.ok(triggerItem, `the execution has no output of ${TRIGGER}`);
		assert.deepEqual(
			{
				event: triggerItem.event,
				message_id: triggerItem.message_id,
				message_type: triggerItem.message_type,
				content: triggerItem.content,
				conversation_id: triggerItem.conversation_id,
				contact_id: triggerItem.contact_id,
			},
			{
				event: 'message_created',
				message_id: reply.id,
				message_type: 'outgoing',
				content: REPLY,
				conversation_id: conversationId,
				contact_id: contactId,
			},
			'the trigger item is the agent reply, simplified',
		);
		const resolveItem = firstItem(runData, RESOLVE);
		assert.ok(resolveItem, `the execution has no output of ${RESOLVE}`);
		assert.deepEqual(
			{ id: resolveItem.id, status: resolveItem.status },
			{ id: conversationId, status: 'resolved' },
			`${RESOLVE} resolved the conversation from the trigger item's conversation_id`,
		);
		step(
			`execution ${String(summary.id)}: trigger item = agent reply ${String(reply.id)}; ${RESOLVE} returned ${JSON.stringify(resolveItem)}`,
		);

		await checkTriggerAttachments({
			rest,
			base: server.base,
			sandbox,
			credential,
			conversationId,
			token: TOKEN,
			waitMs: 30_000,
			step,
		});

		const outbound = outboundAttempt(server.log());
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
		const stopping = Date.now();
		await server?.stop();
		if (server) step(`n8n stopped (${((Date.now() - stopping) / 1000).toFixed(1)} s)`);
		await sandbox?.stop();
		// Keep the folder of a failed run for inspection (database, n8nEventLog).
		if (ok || process.env.CI) rmSync(userFolder, { recursive: true, force: true });
		else step(`kept ${userFolder} for inspection`);
	}
	step('PASS');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
