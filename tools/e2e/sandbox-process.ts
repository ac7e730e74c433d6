import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import { PROJECT_ROOT } from '../project-root';
import type { WebhookDelivery } from '../sandbox/webhooks';

export const REPO_ROOT = PROJECT_ROOT;

export interface SandboxProcess {
	url: string;
	apiKey: string;
	apiSecret: string;
	stop(): Promise<void>;
	/** GET under /api/v2/accounts with the sandbox's Basic auth; throws on a non-2xx answer. */
	get(apiPath: string): Promise<unknown>;
	/** POST under /api/v2/accounts, as a LiveDesk API client (or an agent in the console) would. */
	post(apiPath: string, body: unknown): Promise<unknown>;
	/** POST a multipart form under /api/v2/accounts, e.g. a message with `attachments[]` files. */
	postForm(apiPath: string, form: FormData): Promise<unknown>;
	/** The sandbox's unauthenticated test controls under /__sandbox (e.g. its webhook URL). */
	control(method: 'GET' | 'POST', controlPath: string, body?: unknown): Promise<unknown>;
	/** Every webhook event the sandbox sent, with the receiver's answer once it came. */
	webhookDeliveries(): Promise<WebhookDelivery[]>;
	/** Every conversation, read one by one over the API (LiveDesk documents no conversation list). */
	conversations(): Promise<Array<Record<string, unknown>>>;
}

/** The sandbox numbers conversations from 40 up; 20 ids in a row without one is past the last. */
const FIRST_CONVERSATION_ID = 40;
const MISSING_IN_A_ROW = 20;

async function probeConversations(
	get: (apiPath: string) => Promise<unknown>,
): Promise<Array<Record<string, unknown>>> {
	const found: Array<Record<string, unknown>> = [];
	for (let id = FIRST_CONVERSATION_ID, missing = 0; missing < MISSING_IN_A_ROW; id++) {
		try {
			found.push((await get(`/conversations/${id}`)) as Record<string, unknown>);
			missing = 0;
		} catch {
			missing++;
		}
	}
	return found;
}

async function call(
	method: 'GET' | 'POST',
	url: string,
	auth: string | undefined,
	body?: unknown,
): Promise<unknown> {
	const headers: Record<string, string> = {};
	if (auth) headers.authorization = auth;
	// fetch sets a form's multipart content type (with its boundary) itself.
	if (body !== undefined && !(body instanceof FormData))
		headers['content-type'] = 'application/json';
	const payload = body === undefined || body instanceof FormData ? body : JSON.stringify(body);
	const send = async (): Promise<Response> => await fetch(url, { method, headers, body: payload });
	let response: Response;
	try {
		response = await send();
	} catch (error) {
		// The sandbox closes a connection after 5 s idle (Node's keep-alive default); a request sent on
		// it just then fails with "other side closed", which a `n8n execute` of about that length
		// between two checks can hit. A GET is safe to send once more.
		if (method !== 'GET') throw error;
		response = await send();
	}
	const text = await response.text();
	if (!response.ok)
		throw new Error(`sandbox ${method} ${url} answered ${response.status}: ${text}`);
	return JSON.parse(text) as unknown;
}

/**
 * Starts the sandbox through its CLI, as a user would, rather than in-process: n8n runs in another
 * process anyway, and the CLI is part of what we ship to users of the README.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
	const cli = path.join(REPO_ROOT, 'build', 'tools', 'sandbox', 'cli.js');
	const child: ChildProcess = spawn(process.execPath, [cli, '--port', '0', '--quiet'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`sandbox did not start in 15 s:\n${output}`)),
			15_000,
		);
		const onData = (chunk: Buffer): void => {
			output += chunk.toString();
			// Port 0 lets the OS pick a free port; the CLI prints the one it got.
			const match = /Base URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sandbox exited with ${String(code)}:\n${output}`));
		});
	});
	const apiKey = 'demo-key';
	const apiSecret = 'demo-secret';
	const auth = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
	const control: SandboxProcess['control'] = (method, controlPath, body) =>
		call(method, `${url}/__sandbox${controlPath}`, undefined, body);
	const get: SandboxProcess['get'] = (apiPath) =>
		call('GET', `${url}/api/v2/accounts${apiPath}`, auth);
	return {
		url,
		apiKey,
		apiSecret,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
		get,
		post: (apiPath, body) => call('POST', `${url}/api/v2/accounts${apiPath}`, auth, body),
		postForm: (apiPath, form) => call('POST', `${url}/api/v2/accounts${apiPath}`, auth, form),
		control,
		webhookDeliveries: async () =>
			((await control('GET', '/webhook')) as { deliveries: WebhookDelivery[] }).deliveries,
		conversations: async () => await probeConversations(get),
	};
}
