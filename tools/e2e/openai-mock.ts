/**
 * A small OpenAI-compatible chat model on 127.0.0.1, for driving n8n's AI Agent without a real
 * model: each turn answers with the tool call `chooseCall` picks from the tools n8n offered
 * (given how many tool results the conversation already holds, and, through userPrompt, what the
 * agent was asked), or with the final answer. Every request is logged, so a test can check what
 * n8n told the model (system message, tool names, descriptions, parameter schemas) and what each
 * tool call gave back (toolResults).
 * n8n's OpenAI Chat Model does not stream under `n8n execute` (checked on 1.123.81 and 2.41.1),
 * so a streamed request is refused with a message saying so rather than answered by untested code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OfferedTool {
	name: string;
	description: string;
	parameters: Record<string, unknown>;
}

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

export interface ChatRequest {
	path: string;
	body: Record<string, unknown>;
	tools: OfferedTool[];
	/** How many tool results the conversation already holds: 0 on the model's first turn. */
	toolResults: number;
}

export interface OpenAiMock {
	/** The Base URL for n8n's OpenAI credential, ending in /v1. */
	url: string;
	requests: readonly ChatRequest[];
	close(): Promise<void>;
}

export interface MockScript {
	/** The call the model makes on this turn, or undefined to give the final answer. */
	chooseCall(request: ChatRequest): ToolCall | undefined;
	finalAnswer: string;
}

const MODEL = 'gpt-4o-mini';

function offeredTools(body: Record<string, unknown>): OfferedTool[] {
	const tools = Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [];
	return tools.map((tool) => {
		const fn = (tool.function ?? {}) as Record<string, unknown>;
		return {
			name: String(fn.name ?? ''),
			description: String(fn.description ?? ''),
			parameters: (fn.parameters ?? {}) as Record<string, unknown>,
		};
	});
}

function messagesOf(body: Record<string, unknown>): Array<Record<string, unknown>> {
	return Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
}

function countToolMessages(body: Record<string, unknown>): number {
	return messagesOf(body).filter((message) => message.role === 'tool').length;
}

/** What the user turns of a request say (the agent's prompt), without the system message. */
export function userPrompt(request: ChatRequest): string {
	return messagesOf(request.body)
		.filter((message) => message.role === 'user')
		.map((message) =>
			typeof message.content === 'string' ? message.content : JSON.stringify(message.content),
		)
		.join('\n');
}

/** The system message n8n sent, e.g. the AI Agent's System Message option. */
export function systemPrompt(request: ChatRequest): string {
	const system = messagesOf(request.body).find((message) => message.role === 'system');
	return typeof system?.content === 'string' ? system.content : '';
}

/** What n8n handed back to the model after each tool call so far, in order. */
export function toolResults(request: ChatRequest): string[] {
	return messagesOf(request.body)
		.filter((message) => message.role === 'tool')
		.map((message) => String(message.content ?? ''));
}

type Message = { role: 'assistant'; content: string | null; tool_calls?: unknown[] };

function reply(request: ChatRequest, script: MockScript): { message: Message; finish: string } {
	const call = script.chooseCall(request);
	if (!call) return { message: { role: 'assistant', content: script.finalAnswer }, finish: 'stop' };
	const toolCall = {
		id: `call_${request.toolResults + 1}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	};
	return {
		message: { role: 'assistant', content: null, tool_calls: [toolCall] },
		finish: 'tool_calls',
	};
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

export async function startOpenAiMock(script: MockScript): Promise<OpenAiMock> {
	const requests: ChatRequest[] = [];
	const server = createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET' && path.endsWith('/models')) {
			return sendJson(res, 200, {
				object: 'list',
				data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'mock' }],
			});
		}
		if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
			return sendJson(res, 404, {
				error: { message: `The mock model has no ${req.method ?? ''} ${path}` },
			});
		}
		readJson(req)
			.then((body) => {
				const request: ChatRequest = {
					path,
					body,
					tools: offeredTools(body),
					toolResults: countToolMessages(body),
				};
				requests.push(request);
				if (body.stream === true) {
					return sendJson(res, 400, {
						error: { message: 'The mock model does not stream; extend tools/e2e/openai-mock.ts' },
					});
				}
				const { message, finish } = reply(request, script);
				const id = `chatcmpl-mock-${requests.length}`;
				const created = Math.floor(Date.now() / 1000);
				sendJson(res, 200, {
					id,
					object: 'chat.completion',
					created,
					model: MODEL,
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage: USAGE,
				});
			})
			.catch((error: unknown) => sendJson(res, 400, { error: { message: String(error) } }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

export const MOCK_MODEL = MODEL;
