/**
 * LiveDesk's tools behind n8n's MCP Server Trigger, used by a real MCP client (the official
 * @modelcontextprotocol/sdk, over Streamable HTTP) as Claude Desktop, an IDE or another agent would:
 * under `n8n start`, an active workflow MCP Server Trigger ← three LiveDesk tools (Contact → Search,
 * Message → Send and Message → Send to Contact, each with one $fromAI field). The client lists the
 * tools and calls each.
 *
 * Asserts: the client sees exactly the three tools, under their node names, with the description
 * n8n builds from the operation's action and an input schema naming and describing the one argument
 * an agent must give; Contact Search answers with the contact the sandbox holds; Send Message puts
 * exactly the client's text into the conversation, once; Send to Contact, for a phone number
 * LiveDesk does not know, leaves one new contact, one new conversation of it and the client's text
 * in it (n8n runs a tool here through the node's routing only, where the operation's routing hook
 * runs Send to Contact's program). Negative control: a second MCP Server
 * Trigger whose LiveDesk tools are in the workflow but not connected to it lists no tool, and
 * calling Send Message there is an error that sends nothing; E2E_MCP_UNPLUG=1 unplugs the main
 * workflow's tools too, and the check must fail.
 *
 * Usage (env from lib.sh): node build/tools/e2e/mcp.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { step, timed } from './cli-run';
import { installCommunityPackage, installFromEnv, makeUserFolder } from './n8n-env';
import {
	createActiveWorkflow,
	fetchTransport,
	liveDeskCredential,
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	type Json,
} from './n8n-server';
import { poll } from './progress';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const INBOX_ID = 407;
const CUSTOMER_EMAIL = 'alice@example.com';
const CLIENT_TEXT = 'Hello Alice, this answer came through MCP.';
const SEARCH_HINT = 'The email address or phone number of the customer to look up';
const CONTENT_HINT = 'The text to send to the customer';
/** Send to Contact's customer: a phone number the sandbox does not know yet. */
const NEW_CUSTOMER_PHONE = '+4915100000077';
const SEND_TO_TEXT = 'Hello, this first message to a new customer came through MCP.';

interface ToolSpec {
	node: string;
	tool: string;
	description: string;
	argument: string;
	hint: string;
	parameters: Json;
}

const TOOLS: ToolSpec[] = [
	{
		node: 'Contact Search',
		tool: 'Contact_Search',
		description: 'Search contacts by name or email or phone number in LiveDesk',
		argument: 'Search_Term',
		hint: SEARCH_HINT,
		parameters: {
			resource: 'contact',
			operation: 'search',
			returnAll: false,
			limit: 5,
			options: {},
			query: `={{ $fromAI('Search_Term', '${SEARCH_HINT}', 'string') }}`,
		},
	},
	{
		node: 'Send Message',
		tool: 'Send_Message',
		description: 'Send a message or private note into a conversation in LiveDesk',
		argument: 'Content',
		hint: CONTENT_HINT,
		parameters: {
			resource: 'message',
			operation: 'send',
			messageType: 'outgoing',
			additionalFields: {},
			content: `={{ $fromAI('Content', '${CONTENT_HINT}', 'string') }}`,
		},
	},
	{
		node: 'Send to Contact',
		tool: 'Send_to_Contact',
		description: 'Send a message to a customer in LiveDesk',
		argument: 'Content',
		hint: CONTENT_HINT,
		parameters: {
			resource: 'message',
			operation: 'sendToContact',
			inboxId: INBOX_ID,
			matchBy: 'phoneNumber',
			phoneNumber: NEW_CUSTOMER_PHONE,
			messageType: 'outgoing',
			additionalFields: {},
			options: {},
			content: `={{ $fromAI('Content', '${CONTENT_HINT}', 'string') }}`,
		},
	},
];

function mcpWorkflow(
	name: string,
	mcpPath: string,
	credential: Json,
	conversationId: number,
	connected: boolean,
): Json {
	const nodes: Json[] = [
		{
			id: randomUUID(),
			name: 'MCP Server Trigger',
			type: '@n8n/n8n-nodes-langchain.mcpTrigger',
			// 2: one URL for Streamable HTTP (n8n 2.41 and 1.123 both have it).
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { authentication: 'none', path: mcpPath },
		},
		...TOOLS.map((tool, index) => ({
			id: randomUUID(),
			name: tool.node,
			type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
			typeVersion: 1,
			position: [200 * index, 200],
			parameters: {
				descriptionType: 'auto',
				...tool.parameters,
				...(tool.parameters.operation === 'send' ? { conversationId } : {}),
			},
			credentials: liveDeskCredential(credential),
		})),
	];
	const connections = connected
		? Object.fromEntries(
				TOOLS.map((tool) => [
					tool.node,
					{ ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
				]),
			)
		: {};
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

async function connect(url: string): Promise<Client> {
	// n8n 2.x publishes an activated workflow asynchronously: until then the URL is a 404.
	return await poll(`${url} to accept an MCP session`, async () => {
		const client = new Client({ name: 'livedesk-e2e', version: '1.0.0' });
		try {
			await client.connect(new StreamableHTTPClientTransport(new URL(url)));
			return client;
		} catch {
			await client.close().catch(() => undefined);
			return undefined;
		}
	});
}

async function messagesOf(sandbox: SandboxProcess, conversationId: number): Promise<Json[]> {
	return ((await sandbox.get(`/conversations/${conversationId}/messages`)) as { payload: Json[] })
		.payload;
}

function resultText(result: unknown): string {
	const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
	return content.map((part) => part.text ?? '').join('\n');
}

async function main(): Promise<void> {
	const tarball = path.resolve(process.argv[2] ?? '');
	if (!process.argv[2]) throw new Error('usage: mcp.js <tarball>');
	const install = installFromEnv();
	const userFolder = makeUserFolder(`mcp-${install.version}`);
	const sandbox = await startSandboxProcess();
	let ok = false;
	let server: Awaited<ReturnType<typeof startN8nServer>> | undefined;
	const clients: Client[] = [];
	try {
		await timed('community install of the tarball', () =>
			installCommunityPackage(install, userFolder, tarball),
		);
		const contact = (await sandbox.post('/contacts', {
			inbox_id: INBOX_ID,
			name: 'Alice Example',
			email: CUSTOMER_EMAIL,
		})) as {
			payload: { contact: { id: number } };
		};
		const contactId = contact.payload.contact.id;
		const conversation = (await sandbox.post('/conversations', {
			inbox_id: INBOX_ID,
			contact_id: contactId,
		})) as { id: number };
		const conversationId = conversation.id;

		const started = (server = await timed('n8n start', () => startN8nServer(install, userFolder)));
		const rest = fetchTransport(started.base);
		await setUpOwner(rest);
		const credential = await restJson(rest, 'POST', '/rest/credentials', {
			name: 'LiveDesk sandbox',
			type: 'liveDeskApi',
			data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
		});
		// E2E_MCP_UNPLUG=1 (the check's own control): the tools are left unconnected; the run must fail.
		const plugged = process.env.E2E_MCP_UNPLUG !== '1';
		await createActiveWorkflow(
			rest,
			mcpWorkflow('LiveDesk over MCP', 'livedesk', credential, conversationId, plugged),
		);
		await createActiveWorkflow(
			rest,
			mcpWorkflow(
				'LiveDesk over MCP, tools unplugged',
				'livedesk-unplugged',
				credential,
				conversationId,
				false,
			),
		);

		const client = await timed('MCP client connects to /mcp/livedesk', () =>
			connect(`${started.base}/mcp/livedesk`),
		);
		clients.push(client);
		const { tools } = await timed('tools/list', () => client.listTools());
		step(
			`tools: ${tools.map((tool) => `${tool.name} ("${tool.description ?? ''}") ${JSON.stringify(tool.inputSchema)}`).join('; ')}`,
		);
		assert.deepEqual(
			tools.map((tool) => [tool.name, tool.description]).sort(),
			TOOLS.map((tool) => [tool.tool, tool.description]).sort(),
			'the MCP client sees exactly the three LiveDesk tools, under their node names, with the descriptions n8n built from the action',
		);
		for (const spec of TOOLS) {
			const schema = tools.find((tool) => tool.name === spec.tool)?.inputSchema as {
				properties?: Record<string, { type?: string; description?: string }>;
				required?: string[];
			};
			assert.deepEqual(
				Object.keys(schema.properties ?? {}),
				[spec.argument],
				`${spec.tool} takes exactly ${spec.argument}`,
			);
			assert.equal(
				schema.properties?.[spec.argument]?.type,
				'string',
				`${spec.tool}.${spec.argument} is a string`,
			);
			assert.equal(
				schema.properties?.[spec.argument]?.description,
				spec.hint,
				`${spec.tool}.${spec.argument} carries its hint`,
			);
		}
		assert.deepEqual(
			await messagesOf(sandbox, conversationId),
			[],
			'listing the tools sends nothing',
		);

		const found = await timed('tools/call Contact_Search', () =>
			client.callTool({ name: 'Contact_Search', arguments: { Search_Term: CUSTOMER_EMAIL } }),
		);
		const foundText = resultText(found);
		step(`Contact_Search answered: ${foundText.slice(0, 200)}`);
		assert.notEqual(found.isError, true, `Contact_Search failed: ${foundText}`);
		assert.match(
			foundText,
			new RegExp(`"id":\\s*${String(contactId)}\\b`),
			'Contact_Search answers with the sandbox contact’s id',
		);
		assert.ok(
			foundText.includes(CUSTOMER_EMAIL),
			'Contact_Search answers with the contact’s email',
		);

		const sent = await timed('tools/call Send_Message', () =>
			client.callTool({ name: 'Send_Message', arguments: { Content: CLIENT_TEXT } }),
		);
		const sentText = resultText(sent);
		step(`Send_Message answered: ${sentText.slice(0, 200)}`);
		assert.notEqual(sent.isError, true, `Send_Message failed: ${sentText}`);
		const messages = await messagesOf(sandbox, conversationId);
		assert.deepEqual(
			messages.map((message) => [message.content, message.message_type, message.private]),
			[[CLIENT_TEXT, 1, false]],
			'the conversation holds exactly the client’s text, once, as an outgoing public message',
		);
		assert.ok(
			sentText.includes(String(messages[0].id)),
			'Send_Message answers with the stored message',
		);

		const sentTo = await timed('tools/call Send_to_Contact', () =>
			client.callTool({ name: 'Send_to_Contact', arguments: { Content: SEND_TO_TEXT } }),
		);
		const sentToText = resultText(sentTo);
		step(`Send_to_Contact answered: ${sentToText.slice(0, 200)}`);
		assert.notEqual(sentTo.isError, true, `Send_to_Contact failed: ${sentToText}`);
		const contacts = ((await sandbox.get('/contacts')) as { payload: Json[] }).payload;
		const added = contacts.filter((candidate) => candidate.id !== contactId);
		assert.deepEqual(
			added.map((candidate) => candidate.phone_number),
			[NEW_CUSTOMER_PHONE],
			'Send_to_Contact created exactly one contact, the asked phone number',
		);
		const conversations = (await sandbox.conversations()).filter(
			(candidate) => candidate.id !== conversationId,
		);
		assert.deepEqual(
			conversations.map((candidate) => [
				((candidate.meta as Json).sender as Json).id,
				candidate.inbox_id,
			]),
			[[added[0].id, INBOX_ID]],
			'Send_to_Contact opened exactly one conversation: the new contact’s, in the tool’s inbox',
		);
		const sentToMessages = await messagesOf(sandbox, conversations[0].id as number);
		assert.deepEqual(
			sentToMessages.map((message) => [message.content, message.message_type]),
			[[SEND_TO_TEXT, 1]],
			'the new conversation holds exactly the client’s text, as an outgoing message',
		);
		assert.ok(
			sentToText.includes(String(sentToMessages[0].id)) &&
				sentToText.includes('"contact_created":true'),
			`Send_to_Contact answers with the stored message and what it created: ${sentToText}`,
		);
		step(
			`Send_to_Contact: contact ${String(added[0].id)} (${NEW_CUSTOMER_PHONE}) created, conversation ${String(conversations[0].id)}, message ${String(sentToMessages[0].id)}`,
		);

		// Control: the same nodes, not connected to the trigger, are not tools.
		const unplugged = await timed('control: MCP client on /mcp/livedesk-unplugged', () =>
			connect(`${started.base}/mcp/livedesk-unplugged`),
		);
		clients.push(unplugged);
		const { tools: none } = await unplugged.listTools();
		assert.deepEqual(
			none.map((tool) => tool.name),
			[],
			'unconnected LiveDesk nodes are not offered as MCP tools',
		);
		const refused = await unplugged
			.callTool({ name: 'Send_Message', arguments: { Content: 'must not arrive' } })
			.then((result) => ({ error: result.isError === true, text: resultText(result) }))
			.catch((error: unknown) => ({
				error: true,
				text: error instanceof Error ? error.message : String(error),
			}));
		assert.ok(
			refused.error,
			`calling a tool the server does not offer must fail, got: ${refused.text}`,
		);
		assert.equal(
			(await messagesOf(sandbox, conversationId)).length,
			1,
			'the refused call sent nothing',
		);
		step(`control: no tools listed; Send_Message refused (${refused.text.slice(0, 120)})`);

		const outbound = outboundAttempt(started.log());
		assert.equal(
			outbound,
			undefined,
			`n8n tried to reach a host other than 127.0.0.1: ${outbound ?? ''}`,
		);
		ok = true;
	} finally {
		for (const client of clients) await client.close().catch(() => undefined);
		await server?.stop();
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
