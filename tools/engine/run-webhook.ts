import './environment';
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQueryString, type ParsedUrlQuery } from 'node:querystring';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, jsonParse, NodeHelpers, Workflow } from 'n8n-workflow';
import { buildAdditionalData } from './additional-data';
import { startBinaryData } from './binary-data';
import { PackageCredentialsHelper } from './credentials-helper';
import { PackageNodeTypes } from './node-types';
import { loadProjectPackage } from './package-loader';
import { collectOutputs, type RunResult, type WorkflowJson } from './run-workflow';

/** n8n runs production webhooks in this mode; test URLs ("Listen for test event") use 'manual'. */
const MODE = 'webhook';

export interface WebhookServerOptions {
	/** Decrypted credential data by credential type, for the nodes after the trigger. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The webhook node to serve; default: the workflow's only node whose type has webhooks. */
	triggerNode?: string;
}

export interface WebhookCall {
	readonly method: string;
	/** Path and query as received. */
	readonly url: string;
	/** The HTTP status the caller got (0 until answered). */
	status: number;
	/** Whether the trigger handed n8n workflow data, i.e. a workflow run started. */
	started: boolean;
	/** What the trigger's webhook() threw, if it did. */
	error?: Error;
}

export interface WebhookServer {
	/** The trigger's Production URL, as n8n would show it: http://127.0.0.1:<port>/webhook/<webhookId>/<path>. */
	readonly url: string;
	/** Every request on the trigger's path, in arrival order. */
	readonly calls: readonly WebhookCall[];
	/** Every finished workflow run, in the order they finished. */
	readonly runs: readonly RunResult[];
	/** Resolves once every run started so far has finished; rejects if the engine itself failed. */
	idle(): Promise<void>;
	close(): Promise<void>;
}

/** What n8n's body parser leaves on the request for WebhookContext to read. */
interface WebhookRequest extends IncomingMessage {
	body: unknown;
	rawBody: Buffer;
	query: ParsedUrlQuery;
	params: Record<string, string>;
}

class UnprocessableBody extends Error {}

function readRawBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** As n8n's parseBody middleware: JSON, form and text bodies by content type, `{}` when there is none. */
function parseBody(req: IncomingMessage, raw: Buffer): unknown {
	const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (raw.length === 0) return {};
	// n8n honours a charset parameter; LiveDesk and these tests only ever send UTF-8.
	const text = raw.toString('utf8');
	try {
		if (contentType === 'application/json') return jsonParse(text);
	} catch (error: unknown) {
		throw new UnprocessableBody(error instanceof Error ? error.message : String(error));
	}
	if (contentType === 'application/x-www-form-urlencoded') return parseQueryString(text);
	if (contentType === 'text/plain') return text;
	return {};
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body ?? {});
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
	});
	res.end(text);
}

function findTriggerNode(workflow: Workflow, nodeTypes: PackageNodeTypes, name?: string): INode {
	const candidates = Object.values(workflow.nodes).filter((node) => {
		if (name !== undefined) return node.name === name;
		return (
			!node.disabled &&
			nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks
		);
	});
	const [node] = candidates;
	if (!node || candidates.length > 1) {
		throw new Error(
			name === undefined
				? 'Name the trigger node: the workflow has no single webhook node'
				: `No node "${name}"`,
		);
	}
	return node;
}

/**
 * Serves one workflow's webhook trigger over real HTTP on 127.0.0.1, the way n8n's webhook
 * server does for a production URL (WebhookHelpers.executeWebhook, "onReceived" response mode):
 * parse the body, run the node's webhook() in n8n-core's WebhookContext with the request and
 * response, answer, and when the node returned workflow data, run the workflow from the
 * trigger with n8n-core's WorkflowExecute.
 */
export async function startWebhookServer(
	workflowJson: WorkflowJson,
	options: WebhookServerOptions = {},
): Promise<WebhookServer> {
	await startBinaryData();
	const loader = await loadProjectPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const credentialsHelper = new PackageCredentialsHelper(loader, options.credentials ?? {});
	const workflowId = workflowJson.id ?? 'workflow';
	const newWorkflow = (): Workflow =>
		new Workflow({
			id: workflowId,
			name: workflowJson.name,
			nodes: structuredClone(workflowJson.nodes),
			connections: workflowJson.connections,
			nodeTypes,
			settings: workflowJson.settings,
			active: true,
		});

	const probe = newWorkflow();
	const triggerName = findTriggerNode(probe, nodeTypes, options.triggerNode).name;
	const probeNode = probe.getNode(triggerName) as INode;
	const description = nodeTypes.getByNameAndVersion(
		probeNode.type,
		probeNode.typeVersion,
	).description;
	const webhookDescription: IWebhookDescription | undefined = description.webhooks?.[0];
	if (!webhookDescription) throw new Error(`"${triggerName}" has no webhook`);
	// As n8n's WebhookService: description fields may be expressions over the node's parameters.
	const evaluate = (value: string): string =>
		String(probe.expression.getSimpleParameterValue(probeNode, value, 'internal', {}));
	if (evaluate(webhookDescription.responseMode ?? 'onReceived') !== 'onReceived') {
		throw new Error('Only the "onReceived" response mode is supported');
	}
	const httpMethod = evaluate(webhookDescription.httpMethod).toUpperCase();
	// As n8n's webhook helpers (2.x and 1.123): the description's responseData, "firstEntryJson" when
	// it has none, answers a started event; only falsy values fall back to the node's own answer.
	const responseData = probe.expression.getComplexParameterValue(
		probeNode,
		webhookDescription.responseData,
		'internal',
		{},
		undefined,
		'firstEntryJson',
	);
	const onReceivedBody = (webhookResponse: unknown): unknown => {
		if (responseData === 'noData') return '';
		if (responseData) return responseData;
		return webhookResponse ?? { message: 'Workflow was started' };
	};
	const nodePath = evaluate(webhookDescription.path).replace(/^\/+|\/+$/g, '');

	const calls: WebhookCall[] = [];
	const runs: RunResult[] = [];
	const running = new Set<Promise<void>>();
	// A node may answer before its webhook() is done (the LiveDesk Trigger does, to download
	// attachments): a caller that saw the answer must still be able to wait for the run it starts.
	const handling = new Set<Promise<void>>();
	const failures: unknown[] = [];
	let executionCount = 0;
	let baseUrl = '';
	let webhookPath = '';

	const runWorkflow = async (
		workflow: Workflow,
		node: INode,
		data: INodeExecutionData[][],
	): Promise<void> => {
		const hooks = new ExecutionLifecycleHooks(
			MODE,
			`webhook-${++executionCount}`,
			workflowJson as IWorkflowBase,
		);
		const finished = new Promise<IRun>((resolve) => {
			hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
		});
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: data }, source: null }] },
		});
		const execute = new WorkflowExecute(
			buildAdditionalData(credentialsHelper, hooks),
			MODE,
			runExecutionData,
		);
		await execute.processRunExecutionData(workflow);
		const run = await finished;
		runs.push({ run, ...collectOutputs(run) });
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', baseUrl);
		if (url.pathname !== `/webhook/${webhookPath}` || req.method !== httpMethod) {
			sendJson(res, 404, {
				code: 404,
				message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
			});
			return;
		}
		const call: WebhookCall = { method: req.method, url: req.url ?? '', status: 0, started: false };
		calls.push(call);
		res.on('finish', () => {
			call.status = res.statusCode;
		});

		const request = req as WebhookRequest;
		request.rawBody = await readRawBody(req);
		request.query = parseQueryString(url.search.slice(1));
		request.params = {};
		try {
			request.body = parseBody(req, request.rawBody);
		} catch (error: unknown) {
			if (!(error instanceof UnprocessableBody)) throw error;
			sendJson(res, 422, {
				code: 422,
				message: 'Failed to parse request body',
				hint: error.message,
			});
			return;
		}

		const workflow = newWorkflow();
		const node = workflow.getNode(triggerName) as INode;
		const additionalData = buildAdditionalData(credentialsHelper);
		additionalData.webhookBaseUrl = `${baseUrl}/webhook`;
		additionalData.httpRequest = request;
		additionalData.httpResponse = res;
		const webhookData: IWebhookData = {
			httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
			node: triggerName,
			path: webhookPath,
			webhookDescription,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		let result: IWebhookResponseData;
		try {
			if (!nodeType.webhook) throw new Error(`"${node.type}" has no webhook() method`);
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				MODE,
				webhookData,
				[],
				null,
			);
			result = await nodeType.webhook.call(context);
		} catch (caught: unknown) {
			call.error = caught instanceof Error ? caught : new Error(String(caught));
			sendJson(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			return;
		}

		// The node answered the request itself (e.g. a 401); n8n then sends nothing more.
		if (result.noWebhookResponse === true && result.workflowData === undefined) return;
		if (result.workflowData === undefined) {
			sendJson(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}

		call.started = true;
		// Registered before answering, so a caller that awaits its response and then idle() sees the run.
		const run = runWorkflow(workflow, node, result.workflowData)
			.catch((error: unknown) => {
				failures.push(error);
			})
			.finally(() => running.delete(run));
		running.add(run);
		if (result.noWebhookResponse !== true)
			sendJson(res, 200, onReceivedBody(result.webhookResponse));
	};

	const server: Server = createServer((req, res) => {
		const handled = handle(req, res)
			.catch((error: unknown) => {
				if (!res.headersSent)
					sendJson(res, 500, { message: error instanceof Error ? error.message : String(error) });
				else res.destroy();
			})
			.finally(() => handling.delete(handled));
		handling.add(handled);
	});
	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			if (address === null || typeof address === 'string')
				reject(new Error('Webhook server has no TCP address'));
			else resolve(address.port);
		});
	});
	baseUrl = `http://127.0.0.1:${port}`;
	webhookPath = NodeHelpers.getNodeWebhookPath(workflowId, probeNode, nodePath);

	return {
		url: NodeHelpers.getNodeWebhookUrl(`${baseUrl}/webhook`, workflowId, probeNode, nodePath),
		calls,
		runs,
		async idle() {
			while (handling.size > 0 || running.size > 0) await Promise.all([...handling, ...running]);
			if (failures.length > 0) throw failures[0];
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
