/**
 * A running `n8n start` for the checks that need n8n's server (the editor test, the trigger E2Es):
 * start it on free 127.0.0.1 ports, wait until its REST API answers, set up the owner, create and
 * activate workflows, read their executions, and stop the whole process group again.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import { freeN8nPorts, startN8n, type N8nInstall } from './n8n-env';
import { answers, poll } from './progress';

export type Json = Record<string, unknown>;

/** A node's reference to a credential created over REST. */
export function liveDeskCredential(credential: Json): Json {
	return { liveDeskApi: { id: credential.id, name: credential.name } };
}

/**
 * The LiveDesk Trigger as a workflow created over REST holds it. The editor assigns `webhookId`
 * when the node is added; over REST the caller must. It makes the Production URL
 * /webhook/<webhookId>/webhook (the node's path is "webhook"). The Webhook Token it checks is the
 * credential's, decrypted by n8n for each request.
 */
export function liveDeskTriggerNode(options: {
	webhookId: string;
	credential: Json;
	typeVersion: number;
	parameters: Json;
	name?: string;
}): Json {
	return {
		id: randomUUID(),
		name: options.name ?? 'LiveDesk Trigger',
		type: 'n8n-nodes-engagelab-livedesk.liveDeskTrigger',
		typeVersion: options.typeVersion,
		position: [0, 0],
		webhookId: options.webhookId,
		parameters: options.parameters,
		credentials: liveDeskCredential(options.credential),
	};
}

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'LiveDesk-e2e-1',
};

export interface N8nServer {
	/** http://127.0.0.1:<port>, without a trailing slash. */
	readonly base: string;
	/** Everything n8n printed so far (stdout and stderr). */
	log(): string;
	/** Stops n8n and the task runner it spawned; safe to call twice. */
	stop(): Promise<void>;
}

/** While booting, n8n answers every path with 200 "n8n is starting up"; the settings JSON means the REST API (and the webhook routes, registered before it) are really there. */
export const restApiAnswers = (base: string): Promise<true | undefined> =>
	answers(
		`${base}/rest/settings`,
		(response) => response.ok && (response.headers.get('content-type') ?? '').includes('json'),
	);

async function waitForN8n(base: string, n8n: ChildProcess, output: () => string): Promise<void> {
	const watched = { name: 'n8n', exited: () => n8n.exitCode !== null, log: output };
	await poll('n8n to come up', () => restApiAnswers(base), {
		timeoutMs: 180_000,
		intervalMs: 500,
		process: watched,
	});
}

async function stopGroup(n8n: ChildProcess): Promise<void> {
	if (n8n.pid === undefined || n8n.exitCode !== null || n8n.signalCode !== null) return;
	const exited = new Promise((resolve) => n8n.once('exit', resolve));
	// Negative pid: the whole process group, i.e. n8n and the task runner it spawned.
	process.kill(-n8n.pid, 'SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
	// A pending 15 s timer would keep this process alive that long after n8n has exited.
	clearTimeout(timer);
	if (n8n.exitCode === null && n8n.signalCode === null) process.kill(-n8n.pid, 'SIGKILL');
}

async function startOnce(
	install: N8nInstall,
	userFolder: string,
	extra: NodeJS.ProcessEnv,
): Promise<N8nServer> {
	const ports = await freeN8nPorts();
	const base = `http://127.0.0.1:${String(ports.N8N_PORT)}`;
	const n8n = startN8n(install, userFolder, {
		...ports,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${base}/`,
		WEBHOOK_URL: `${base}/`,
		// Plain http on 127.0.0.1: a Secure cookie would never be sent back.
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		...extra,
	});
	let log = '';
	n8n.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	n8n.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const server: N8nServer = { base, log: () => log, stop: () => stopGroup(n8n) };
	try {
		await waitForN8n(base, n8n, server.log);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

/**
 * Another process on the machine may still bind one of the picked ports between our probe and
 * n8n's listen; n8n then exits at once saying so, and a second pick of ports is all it takes.
 */
export async function startN8nServer(
	install: N8nInstall,
	userFolder: string,
	extra: NodeJS.ProcessEnv = {},
): Promise<N8nServer> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(install, userFolder, extra);
		} catch (error) {
			const portTaken =
				error instanceof Error && /port \d+ is already in use|EADDRINUSE/.test(error.message);
			if (!portTaken || attempt === 3) throw error;
			console.error(
				`[e2e] n8n found a port taken (attempt ${attempt}); starting again on other ports`,
			);
		}
	}
}

/**
 * How a check talks to n8n's REST API. The editor test sends through the browser context so the
 * page shares the login cookie; the trigger E2E has no browser and uses fetchTransport.
 */
export type RestTransport = (
	method: 'GET' | 'POST' | 'PATCH',
	path: string,
	data?: unknown,
) => Promise<{ status: number; text: string }>;

/** A RestTransport that can also download bytes (e.g. an execution's binary data), with the same login. */
export type FetchTransport = RestTransport & {
	bytes(path: string): Promise<{ status: number; data: Buffer }>;
};

/** Plain fetch that keeps n8n's auth cookie, as a browser would after login. */
export function fetchTransport(base: string): FetchTransport {
	const cookies = new Map<string, string>();
	const send = async (
		method: string,
		path: string,
		data?: unknown,
		accept = 'application/json',
	): Promise<Response> => {
		const headers: Record<string, string> = { accept };
		if (data !== undefined) headers['content-type'] = 'application/json';
		if (cookies.size)
			headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		const response = await fetch(`${base}${path}`, {
			method,
			headers,
			body: data === undefined ? undefined : JSON.stringify(data),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const separator = pair.indexOf('=');
			if (separator > 0)
				cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
		}
		return response;
	};
	const rest: RestTransport = async (method, path, data) => {
		const response = await send(method, path, data);
		return { status: response.status, text: await response.text() };
	};
	return Object.assign(rest, {
		bytes: async (path: string) => {
			const response = await send('GET', path, undefined, '*/*');
			return { status: response.status, data: Buffer.from(await response.arrayBuffer()) };
		},
	});
}

/** Sends one REST call, asserts a 2xx answer and returns n8n's `data` envelope (or the whole body). */
export async function restJson(
	rest: RestTransport,
	method: 'GET' | 'POST' | 'PATCH',
	path: string,
	data?: unknown,
): Promise<Json> {
	const { status, text } = await rest(method, path, data);
	assert.ok(
		status >= 200 && status < 300,
		`${method} ${path} answered ${status}: ${text.slice(0, 500)}`,
	);
	let body: { data?: Json };
	try {
		body = JSON.parse(text) as { data?: Json };
	} catch {
		throw new Error(`${method} ${path} answered ${status} with non-JSON: ${text.slice(0, 300)}`);
	}
	return body.data ?? (body as Json);
}

/** A fresh n8n asks for its owner first; every other REST call needs that owner logged in. */
export async function setUpOwner(rest: RestTransport): Promise<void> {
	await restJson(rest, 'POST', '/rest/owner/setup', OWNER);
	await logIn(rest);
}

/** Logs the owner in again, e.g. on a later start of the same user folder. */
export async function logIn(rest: RestTransport): Promise<void> {
	// Both 1.123 and 2.41 name the login field emailOrLdapLoginId (LoginRequestDto).
	await restJson(rest, 'POST', '/rest/login', {
		emailOrLdapLoginId: OWNER.email,
		password: OWNER.password,
	});
}

/** A DNS failure in n8n's log means it tried to reach a host other than 127.0.0.1. */
export function outboundAttempt(log: string): string | undefined {
	return log.split('\n').find((line) => /getaddrinfo|ENOTFOUND|EAI_AGAIN/.test(line));
}

/**
 * Creates a workflow over REST and activates it the way the editor's Activate/Publish does
 * (POST /rest/workflows/:id/activate {versionId}, in both 1.123 and 2.41: WorkflowsController.activate).
 * Trigger nodes must carry their webhookId: the editor assigns it when a node is added, over REST the
 * caller must; it makes the Production URL /webhook/<webhookId>/<path>.
 */
export async function createActiveWorkflow(rest: RestTransport, workflow: Json): Promise<string> {
	const created = await restJson(rest, 'POST', '/rest/workflows', { ...workflow, active: false });
	const workflowId = String(created.id);
	const activated = await restJson(rest, 'POST', `/rest/workflows/${workflowId}/activate`, {
		versionId: created.versionId,
	});
	assert.equal(activated.active, true, `workflow ${workflowId} should be active after /activate`);
	return workflowId;
}

/**
 * Waits until n8n serves a Production URL, and returns the first answer that is not 404. n8n 2.x
 * publishes an activated workflow asynchronously (its publication outbox,
 * N8N_USE_WORKFLOW_PUBLICATION_SERVICE, on by default), so the URL answers 404 "not registered" for
 * a moment after /activate returns; the first other answer comes from the trigger's own code. The
 * body sent should be one the trigger refuses or ignores (no token, not an event), so that waiting
 * starts nothing.
 */
export async function waitForProductionUrl(
	url: string,
	body: string,
	timeoutMs = 30_000,
): Promise<{ status: number; text: string }> {
	return await poll(
		`${url} to be registered`,
		async () => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body,
			});
			const answer = { status: response.status, text: await response.text() };
			return answer.status === 404 ? undefined : answer;
		},
		timeoutMs,
	);
}

/** The executions of one workflow, newest first, as n8n's executions list shows them. */
export async function executionsOf(rest: RestTransport, workflowId: string): Promise<Json[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await restJson(rest, 'GET', `/rest/executions?filter=${filter}`);
	return list.results as Json[];
}

export function isFinished(execution: Json): boolean {
	return (
		execution.finished === true || execution.status === 'success' || execution.status === 'error'
	);
}

/**
 * n8n's execution API returns run data in the `flatted` format (a JSON array in which every string
 * inside an object or array is the index of the real value). Decoded here rather than importing
 * flatted, which is only a transitive dependency of this repo.
 */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		if (done.has(index)) return done.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') return entry;
		const copy: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		done.set(index, copy);
		for (const [key, value] of Object.entries(entry)) {
			(copy as Record<string, unknown>)[key] =
				typeof value === 'string' ? resolve(Number(value)) : value;
		}
		return copy;
	};
	return resolve(0);
}

/** One execution's run data: node name → the node's runs. */
export async function executionRunData(rest: RestTransport, executionId: unknown): Promise<Json> {
	const detail = await restJson(rest, 'GET', `/rest/executions/${String(executionId)}`);
	const run = unflatten(String(detail.data)) as { resultData: { runData: Json } };
	return run.resultData.runData;
}

/** The first output item of a node's first run. */
export function firstItem(runData: Json, node: string): Json | undefined {
	const task = (
		runData[node] as Array<{ data?: { main?: Array<Array<{ json?: Json }>> } }> | undefined
	)?.[0];
	return task?.data?.main?.[0]?.[0]?.json;
}

/**
 * The shipped inbound chat bridge (examples/chat-bridge-inbound.workflow.json) as a user imports it:
 * only its Webhook path (and a fresh webhookId) and its credential changed; `policy` sets the
 * Conversation Policy option (a negative control's Always Start a New One).
 */
export function chatBridgeExample(credential: Json, webhookPath: string, policy?: string): Json {
	const file = path.join(PROJECT_ROOT, 'examples', 'chat-bridge-inbound.workflow.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as Json & { nodes: Json[] };
	return {
		...workflow,
		// The file has no `active`; n8n 1.123 on PostgreSQL refuses a workflow created without it.
		active: false,
		...(policy ? { name: `${String(workflow.name)} (control: ${policy})` } : {}),
		nodes: workflow.nodes.map((node) => {
			const parameters = node.parameters as Json;
			if (node.type === 'n8n-nodes-base.webhook') {
				return {
					...node,
					webhookId: randomUUID(),
					parameters: { ...parameters, path: webhookPath },
				};
			}
			return {
				...node,
				credentials: liveDeskCredential(credential),
				...(policy
					? {
							parameters: {
								...parameters,
								options: { ...(parameters.options as Json), conversationPolicy: policy },
							},
						}
					: {}),
			};
		}),
	};
}
