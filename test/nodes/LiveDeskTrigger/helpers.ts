import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { RunResult, WebhookServer, WorkflowJson } from '../../../tools/engine';
import { runWorkflow, startWebhookServer } from '../../../tools/engine';
import type { Sandbox } from '../../../tools/sandbox';
import { expectedBasicAuth, sandboxCredentials } from '../../helpers/sandbox';
import { call } from '../../sandbox/helpers';
import { NODE_TYPE, singleOperationWorkflow } from '../../helpers/workflow';

export const TRIGGER_TYPE = 'n8n-nodes-engagelab-livedesk.liveDeskTrigger';
export const TRIGGER_NODE = 'LiveDesk Trigger';
export const WEBHOOK_ID = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
/** The version n8n gives a LiveDesk Trigger added today. */
export const TRIGGER_VERSION = 1.1;

/** LiveDesk Trigger alone, or followed by `next` (a node fed by the trigger's output). */
export function triggerWorkflow(
	parameters: INodeParameters,
	next?: WorkflowJson['nodes'][number],
	typeVersion = TRIGGER_VERSION,
): WorkflowJson {
	return {
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER_NODE,
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters,
				credentials: { liveDeskApi: { id: '1', name: 'LiveDesk sandbox' } },
			},
			...(next ? [next] : []),
		],
		connections: next
			? { [TRIGGER_NODE]: { main: [[{ node: next.name, type: 'main', index: 0 }]] } }
			: {},
	};
}

/** A LiveDesk node after the trigger, posting into the conversation the event came from. */
export function liveDeskStep(
	name: string,
	parameters: INodeParameters,
): WorkflowJson['nodes'][number] {
	return {
		id: 'step',
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters,
		credentials: { liveDeskApi: { id: '1', name: 'LiveDesk sandbox' } },
	};
}

/**
 * A trigger workflow served over HTTP and wired to the sandbox's webhook URL (plus `query`), with
 * the sandbox's credential and its Webhook Token, if given; closed after each test.
 */
export function useTriggerServer(): (
	sandbox: Sandbox,
	workflow: WorkflowJson,
	query?: string,
	webhookToken?: string,
	credentialOverrides?: { baseUrl?: string },
) => Promise<WebhookServer> {
	const servers: WebhookServer[] = [];
	afterEach(async () => {
		await Promise.all(servers.splice(0).map(async (server) => await server.close()));
	});
	return async (sandbox, workflow, query = '', webhookToken = '', credentialOverrides = {}) => {
		const credentials = sandboxCredentials(sandbox, { webhookToken, ...credentialOverrides });
		const server = await startWebhookServer(workflow, { credentials });
		servers.push(server);
		sandbox.setWebhookUrl(`${server.url}${query}`);
		return server;
	};
}

/** Sets a conversation's status through LiveDesk's API, as an agent or the bot would. */
export async function setStatus(
	sandbox: Sandbox,
	conversationId: number,
	status: string,
): Promise<void> {
	const response = await call(sandbox, 'POST', `/conversations/${conversationId}/toggle_status`, {
		body: { status },
	});
	expect(response.status).toBe(200);
}

/** Waits until LiveDesk has delivered its events and every workflow they started has finished. */
export async function settle(sandbox: Sandbox, server: WebhookServer): Promise<void> {
	await sandbox.flushWebhooks();
	await server.idle();
}

/** The trigger's output item of each run, in order. */
export function triggerOutputs(server: WebhookServer): Array<Record<string, unknown>> {
	return triggerItems(server).map((item) => item.json);
}

/** The trigger's output item of each run, with its binary data. */
export function triggerItems(server: WebhookServer): INodeExecutionData[] {
	return server.runs.map((run: RunResult) => {
		const items = run.outputs[TRIGGER_NODE] ?? [];
		expect(items).toHaveLength(1);
		return items[0];
	});
}

export interface Conversation {
	id: number;
	contactId: number;
	sourceId: string;
}

/** A contact and a conversation, made the way a bridge makes them: through the LiveDesk node. */
export async function openConversation(sandbox: Sandbox): Promise<Conversation> {
	const credentials = sandboxCredentials(sandbox);
	const contact = await runWorkflow(
		singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: sandbox.inboxId,
			additionalFields: {
				name: 'Alice Example',
				phoneNumber: '+4915112345678',
				identifier: 'wa-4915112345678',
			},
		}),
		{ credentials },
	);
	const contactId = Number(contact.outputs.LiveDesk[0].json.id);
	const conversation = await runWorkflow(
		singleOperationWorkflow({
			resource: 'conversation',
			operation: 'create',
			inboxId: sandbox.inboxId,
			contactId,
		}),
		{ credentials },
	);
	const id = Number(conversation.outputs.LiveDesk[0].json.id);
	const sourceId = sandbox.store.getConversation(id)?.sourceId;
	if (sourceId === undefined) throw new Error('The sandbox lost the conversation');
	return { id, contactId, sourceId };
}

/** Posts a message the way the LiveDesk node does; `outgoing` is an agent's reply. */
export async function sendMessage(
	sandbox: Sandbox,
	conversationId: number,
	content: string,
	messageType: 'incoming' | 'outgoing',
	additionalFields: INodeParameters = {},
): Promise<void> {
	const { errors } = await runWorkflow(
		singleOperationWorkflow({
			resource: 'message',
			operation: 'send',
			conversationId,
			content,
			messageType,
			additionalFields,
		}),
		{ credentials: sandboxCredentials(sandbox) },
	);
	expect(errors).toEqual({});
}

export interface PostResult {
	status: number;
	body: unknown;
}

/** A direct POST to the trigger, for payloads and headers LiveDesk itself would not send. */
export async function post(
	url: string,
	body: string | object,
	headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<PostResult> {
	const response = await fetch(url, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: keep the text for the assertion message.
	}
	return { status: response.status, body: parsed };
}

export interface UploadFile {
	name: string;
	type: string;
	data: Buffer;
}

/**
 * Posts a message with files the way Chatwoot's API takes them (multipart, one `attachments[]`
 * part per file, assumed for LiveDesk); the sandbox then sends its message_created webhook.
 */
export async function sendFiles(
	sandbox: Sandbox,
	conversationId: number,
	files: readonly UploadFile[],
	content?: string,
	messageType: 'incoming' | 'outgoing' = 'outgoing',
): Promise<Record<string, unknown>> {
	const form = new FormData();
	if (content !== undefined) form.append('content', content);
	form.append('message_type', messageType);
	for (const file of files)
		form.append('attachments[]', new Blob([file.data], { type: file.type }), file.name);
	const response = await fetch(
		`${sandbox.url}/api/v2/accounts/conversations/${conversationId}/messages`,
		{
			method: 'POST',
			headers: { authorization: expectedBasicAuth(sandbox) },
			body: form,
		},
	);
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}
