import type { IDataObject, INode } from 'n8n-workflow';
import * as http from 'node:http';
import type { WorkflowJson } from '../engine';
import type { Batching, Job, Maker, SandboxTarget } from './protocol';

/** What a maker hands back: the JSON of every item, in input order, and why items failed. */
export interface MakerOutput {
	items: IDataObject[];
	errors: string[];
}

const START = 'Start';
const MAKER_NODE = 'Maker';
/** The LiveDesk credential both n8n makers use; real n8n imports it under this id and name. */
export const CREDENTIALS = { liveDeskApi: { id: 'bench', name: 'LiveDesk sandbox' } };

/** A maker node as n8n stores it, without its place in a workflow. */
export type MakerNodeSpec = Omit<INode, 'id' | 'name' | 'position' | 'credentials'>;

function workflowWith(node: MakerNodeSpec): WorkflowJson {
	return {
		nodes: [
			{
				id: 'start',
				name: START,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{ id: 'maker', name: MAKER_NODE, position: [200, 0], credentials: CREDENTIALS, ...node },
		],
		connections: { [START]: { main: [[{ node: MAKER_NODE, type: 'main', index: 0 }]] } },
	};
}

/** Message → Send as a user configures it: the content from the item by expression. */
export function liveDeskNode(conversationId: number, batching?: Batching): MakerNodeSpec {
	return {
		type: 'n8n-nodes-engagelab-livedesk.liveDesk',
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'send',
			conversationId,
			content: '={{ $json.text }}',
			messageType: 'incoming',
			...(batching
				? {
						requestOptions: {
							batching: {
								batch: { batchSize: batching.batchSize, batchInterval: batching.batchInterval },
							},
						},
					}
				: {}),
		},
	};
}

/**
 * The same call built by hand in n8n's HTTP Request node, with the LiveDesk
 * credential as a predefined credential type. The body uses "Using Fields
 * Below" (the node's default): one field from the same expression, one fixed,
 * so both nodes evaluate one user expression per item. No batching options:
 * like the routing node, version 4.2 then starts every item's request before
 * awaiting any (Promise.allSettled over all items).
 */
export function httpRequestNode(conversationId: number, sandbox: SandboxTarget): MakerNodeSpec {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandbox.url}/api/v2/accounts/conversations/${conversationId}/messages`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'liveDeskApi',
			sendBody: true,
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'content', value: '={{ $json.text }}' },
					{ name: 'message_type', value: 'incoming' },
				],
			},
			options: {},
		},
	};
}

async function runThroughEngine(
	workflow: WorkflowJson,
	sandbox: SandboxTarget,
	texts: string[],
): Promise<MakerOutput> {
	// Loaded on first use, so the raw maker's process never holds n8n-core and its peak memory stays the floor.
	const { runWorkflow } = await import('../engine');
	const { run, outputs, errors } = await runWorkflow(workflow, {
		credentials: {
			liveDeskApi: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
		},
		items: texts.map((text) => ({ text })),
	});
	const problems = Object.entries(errors).map(([node, error]) => `${node}: ${error.message}`);
	if (run.status !== 'success') problems.unshift(`workflow status "${run.status}"`);
	const items = outputs[MAKER_NODE] ?? [];
	for (const [index, item] of items.entries()) {
		if (item.error) problems.push(`item ${index}: ${item.error.message}`);
	}
	return { items: items.map((item) => item.json), errors: problems };
}

interface RawResponse {
	status: number;
	body: string;
}

/**
 * One POST as n8n's client sends it: `agent: false` gives every request a
 * fresh Agent without keep-alive, as n8n-core does (it builds new agents for
 * each request), so each request opens its own connection and says
 * `Connection: close`.
 */
function post(url: URL, authorization: string, payload: string): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					Accept: 'application/json',
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
					Authorization: authorization,
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

/**
 * The floor: the same requests without n8n. Every request is started before
 * any is awaited, as both n8n nodes do, and every answer is parsed into an
 * item, as the nodes do.
 */
async function runRaw(
	conversationId: number,
	sandbox: SandboxTarget,
	texts: string[],
): Promise<MakerOutput> {
	const url = new URL(`${sandbox.url}/api/v2/accounts/conversations/${conversationId}/messages`);
	const authorization = `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`;
	const settled = await Promise.allSettled(
		texts.map((text) =>
			post(url, authorization, JSON.stringify({ content: text, message_type: 'incoming' })),
		),
	);
	const items: IDataObject[] = [];
	const errors: string[] = [];
	for (const [index, outcome] of settled.entries()) {
		if (outcome.status === 'rejected') {
			errors.push(`item ${index}: ${String(outcome.reason)}`);
			items.push({});
		} else if (outcome.value.status < 200 || outcome.value.status >= 300) {
			errors.push(
				`item ${index}: HTTP ${outcome.value.status} ${outcome.value.body.slice(0, 200)}`,
			);
			items.push({});
		} else {
			items.push(JSON.parse(outcome.value.body) as IDataObject);
		}
	}
	return { items, errors };
}

/** Sends every text as one message into the conversation, the way the given maker does. */
export async function runMaker(
	maker: Maker,
	job: Pick<Job, 'sandbox' | 'batching' | 'workflows'>,
	conversationId: number,
	texts: string[],
): Promise<MakerOutput> {
	const workflows = job.workflows ?? 1;
	if (workflows > 1 && maker !== 'raw') {
		// Several workflows of one n8n process sharing an API key: the texts in consecutive shares, run at once.
		const share = Math.ceil(texts.length / workflows);
		const shares = Array.from({ length: workflows }, (_, index) =>
			texts.slice(index * share, (index + 1) * share),
		);
		const outputs = await Promise.all(
			shares.map(
				async (part) => await runMaker(maker, { ...job, workflows: 1 }, conversationId, part),
			),
		);
		return {
			items: outputs.flatMap((output) => output.items),
			errors: outputs.flatMap((output) => output.errors),
		};
	}
	switch (maker) {
		case 'liveDesk':
			return await runThroughEngine(
				workflowWith(liveDeskNode(conversationId, job.batching)),
				job.sandbox,
				texts,
			);
		case 'httpRequest':
			return await runThroughEngine(
				workflowWith(httpRequestNode(conversationId, job.sandbox)),
				job.sandbox,
				texts,
			);
		case 'raw':
			return await runRaw(conversationId, job.sandbox, texts);
	}
}
