/**
 * One E2E pass against one cached n8n version (tools/e2e/e2e.sh loops over the matrix):
 * publish the packed tarball to a local npm registry and let n8n install it BY NAME from there,
 * through the REST call of Settings → Community Nodes → Install (tools/e2e/registry-install.ts),
 * into a fresh user folder; import credentials and the
 * example workflow with n8n's own CLI, execute it with `n8n execute`, and check what arrived in the
 * LiveDesk sandbox. Then the same workflow with a wrong API secret must fail with the node's error,
 * Create or Update with several items for one contact must create it once, in the host n8n's
 * own engine (it is a custom operation, which each n8n line runs through its own WorkflowExecute), one
 * Ticket Create must leave its ticket, string id and nested requester, in the sandbox (also when the
 * sandbox serves tickets under /v2/accounts only, and fail naming both paths when neither is), and Send
 * Message with attachments must deliver its files byte for byte (tools/e2e/attachments.ts).
 * Last, a higher version is published and n8n updates to it through its Update call; the saved
 * workflow and credential must still run on it.
 *
 * E2E_BREAK_PACKAGE_FILES=1 (the control): publish a copy whose package.json `files` leaves out the
 * LiveDesk node; n8n's install must then fail, and so must this check.
 *
 * Usage (env from lib.sh): node build/tools/e2e/run-e2e.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SpawnSyncReturns } from 'node:child_process';
import {
	assertAttachmentsDelivered,
	ATTACHMENTS_WORKFLOW,
	attachmentsWorkflow,
} from './attachments';
import { assertNoOutboundAttempt, check, nodeOutput, step, timed, type Json } from './cli-run';
import { freeN8nPorts, installFromEnv, makeUserFolder, runN8n, type N8nInstall } from './n8n-env';
import { repack, startRegistry, tarballFiles, type LocalRegistry } from './registry';
import { installByName, updateByName } from './registry-install';
import { nodeItems, parseRunData } from './run-data';
import { REPO_ROOT, startSandboxProcess, type SandboxProcess } from './sandbox-process';

const NODE_TYPE = 'n8n-nodes-engagelab-livedesk.liveDesk';
const GOOD_CREDENTIAL = 'livedesk-sandbox';
const BAD_CREDENTIAL = 'livedesk-wrong-secret';
const GOOD_WORKFLOW = 'LiveDeskE2eGood1';
const BAD_WORKFLOW = 'LiveDeskE2eBad01';
const UPSERT_WORKFLOW = 'LiveDeskE2eUpsrt';
const TICKET_WORKFLOW = 'LiveDeskE2eTickt';
/** What Ticket Create sends: a nested requester with text ids, an attachment, a custom field. */
const EXPECTED_TICKET_BODY = {
	title: 'E2E printer jam',
	priority: 'high',
	requester: {
		euid: 'e2e-contact-1',
		channel_contacts: { channel_id: '407', contact_id: '-1001234567890' },
	},
	attachments: [{ file_url: 'https://example.com/files/error.jpg' }],
	custom_fields: { device_sn: 'PRN-2024-001' },
};
/** Create or Update's input: three items for one contact, one for another. */
const UPSERT_ITEMS = [
	{ identifier: 'e2e-upsert-1', name: 'First' },
	{ identifier: 'e2e-upsert-2', name: 'Other' },
	{ identifier: 'e2e-upsert-1', name: 'Second' },
	{ identifier: 'e2e-upsert-1', name: 'Last' },
];
// What the example's Content expression renders to with the example contact; asserting the
// rendered text proves expressions, pairing and the content routing all worked in real n8n.
const EXPECTED_CONTENT = 'Hello, this is Alice Example. My order has not arrived yet.';
const EXPECTED_CONTACT = {
	name: 'Alice Example',
	email: 'alice@example.com',
	phone_number: '+4915112345678',
	identifier: 'crm-1001',
};
const INBOX_ID = 407;

interface WorkflowFile {
	id?: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	[key: string]: unknown;
}

function exampleWorkflow(): WorkflowFile {
	const file = path.join(REPO_ROOT, 'examples', 'send-message.workflow.json');
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
}

function withCredential(
	workflow: WorkflowFile,
	id: string,
	credentialId: string,
	name: string,
): WorkflowFile {
	return {
		...workflow,
		id,
		name,
		active: false,
		nodes: workflow.nodes.map((node) =>
			node.credentials?.liveDeskApi
				? { ...node, credentials: { liveDeskApi: { id: credentialId, name: credentialId } } }
				: node,
		),
	};
}

function upsertWorkflow(): Json {
	return {
		id: UPSERT_WORKFLOW,
		name: 'LiveDesk E2E: Create or Update, one contact in several items',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'items',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(UPSERT_ITEMS.map((json) => ({ json })))};` },
			},
			{
				id: 'upsert',
				name: 'Create or Update',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				credentials: { liveDeskApi: { id: GOOD_CREDENTIAL, name: GOOD_CREDENTIAL } },
				parameters: {
					resource: 'contact',
					operation: 'upsert',
					inboxId: INBOX_ID,
					matchBy: 'identifier',
					identifier: '={{ $json.identifier }}',
					additionalFields: { name: '={{ $json.name }}' },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Create or Update', type: 'main', index: 0 }]] },
		},
	};
}

function ticketWorkflow(): Json {
	const { requester } = EXPECTED_TICKET_BODY;
	return {
		id: TICKET_WORKFLOW,
		name: 'LiveDesk E2E: Ticket Create',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'ticket',
				name: 'Create Ticket',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				credentials: { liveDeskApi: { id: GOOD_CREDENTIAL, name: GOOD_CREDENTIAL } },
				parameters: {
					resource: 'ticket',
					operation: 'create',
					title: EXPECTED_TICKET_BODY.title,
					additionalFields: {
						priority: EXPECTED_TICKET_BODY.priority,
						requesterEuid: requester.euid,
						// A number from an expression, as a contact's id would be: the node sends it as text.
						requesterChannelId: `={{ ${requester.channel_contacts.channel_id} }}`,
						requesterContactId: requester.channel_contacts.contact_id,
						attachments: {
							attachment: [{ fileUrl: EXPECTED_TICKET_BODY.attachments[0].file_url }],
						},
						customFields: {
							field: [{ key: 'device_sn', value: EXPECTED_TICKET_BODY.custom_fields.device_sn }],
						},
					},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Create Ticket', type: 'main', index: 0 }]] } },
	};
}

function prepareImports(
	workDir: string,
	sandbox: SandboxProcess,
): { credentials: string; workflows: string } {
	const credentials = path.join(workDir, 'credentials.json');
	const credential = (id: string, apiSecret: string): Json => ({
		id,
		name: id,
		type: 'liveDeskApi',
		// Plain data: import:credentials encrypts it with N8N_ENCRYPTION_KEY.
		data: { apiKey: sandbox.apiKey, apiSecret, baseUrl: sandbox.url },
	});
	writeFileSync(
		credentials,
		JSON.stringify([
			credential(GOOD_CREDENTIAL, sandbox.apiSecret),
			credential(BAD_CREDENTIAL, 'wrong-secret'),
		]),
	);

	const example = exampleWorkflow();
	const typed = example.nodes.filter((node) => node.type === NODE_TYPE);
	assert.equal(typed.length, 3, `the example should use ${NODE_TYPE} three times`);
	const workflows = path.join(workDir, 'workflows');
	mkdirSync(workflows);
	// The example as shipped (its credential id is already "livedesk-sandbox").
	writeFileSync(
		path.join(workflows, 'good.json'),
		JSON.stringify({ ...example, id: GOOD_WORKFLOW, active: false }),
	);
	writeFileSync(
		path.join(workflows, 'bad.json'),
		JSON.stringify(
			withCredential(example, BAD_WORKFLOW, BAD_CREDENTIAL, 'LiveDesk E2E: wrong secret'),
		),
	);
	writeFileSync(path.join(workflows, 'upsert.json'), JSON.stringify(upsertWorkflow()));
	writeFileSync(path.join(workflows, 'ticket.json'), JSON.stringify(ticketWorkflow()));
	writeFileSync(
		path.join(workflows, 'attachments.json'),
		JSON.stringify(attachmentsWorkflow(GOOD_CREDENTIAL)),
	);
	return { credentials, workflows };
}

/** Create or Update in the host's engine: one contact per identifier, the last item's values, `created` in item order. */
async function assertUpsertOnce(sandbox: SandboxProcess, run: unknown): Promise<void> {
	const output = nodeItems(run, 'Create or Update');
	assert.deepEqual(
		output.map((item) => [item.identifier, item.created]),
		[
			['e2e-upsert-1', true],
			['e2e-upsert-2', true],
			['e2e-upsert-1', false],
			['e2e-upsert-1', false],
		],
		'Create or Update output: created for the first item of each contact only, in item order',
	);
	const contacts = ((await sandbox.get('/contacts')) as { payload: Json[] }).payload.filter(
		(contact) => String(contact.identifier).startsWith('e2e-upsert-'),
	);
	assert.deepEqual(
		contacts.map((contact) => `${String(contact.identifier)}=${String(contact.name)}`).sort(),
		['e2e-upsert-1=Last', 'e2e-upsert-2=Other'],
		'one contact per identifier in the sandbox, with the last item’s name',
	);
	step(
		`Create or Update: ${output.length} items → contacts ${contacts.map((contact) => String(contact.id)).join(', ')}, created ${output.map((item) => String(item.created)).join('/')}`,
	);
}

/** Ticket Create in the host's n8n: its output id is a ticket the sandbox holds, with the body as sent. */
async function assertTicketCreated(sandbox: SandboxProcess, run: unknown): Promise<void> {
	const output = nodeOutput(run, 'Create Ticket');
	assert.ok(output, 'n8n output should contain the Create Ticket item');
	const ticketId = output.id;
	assert.equal(typeof ticketId, 'string', 'Create Ticket outputs the ticket id as text, as id');
	const answer = (await sandbox.get(`/tickets/${encodeURIComponent(String(ticketId))}`)) as {
		code: number;
		data: Json;
	};
	assert.equal(answer.code, 0, 'the sandbox holds the ticket');
	const { requester } = EXPECTED_TICKET_BODY;
	assert.deepEqual(
		pick(answer.data, ['ticket_id', 'title', 'priority', 'attachments', 'custom_fields']),
		{
			ticket_id: ticketId,
			...pick(EXPECTED_TICKET_BODY, ['title', 'priority', 'attachments', 'custom_fields']),
		},
		'ticket fields',
	);
	assert.deepEqual(
		pick(answer.data.requester as Json, ['euid', 'channel_contacts']),
		{ euid: requester.euid, channel_contacts: { ...requester.channel_contacts, followers: [] } },
		'the requester, nested and with text ids',
	);
	step(`Ticket Create: sandbox holds ticket ${String(ticketId)} "${String(answer.data.title)}"`);
}

/**
 * The ticket paths in the host's n8n: with the sandbox serving tickets only under /v2/accounts (the
 * other prefix LiveDesk's editions print), Ticket Create still lands its ticket. The negative
 * control: with both paths answering a plain 404, the run fails with the error naming both.
 */
async function assertTicketPathFallback(
	sandbox: SandboxProcess,
	execute: () => SpawnSyncReturns<string>,
): Promise<void> {
	// After an `n8n execute` the kept-alive connection may be one the sandbox closed when idle: a GET
	// is sent again on that failure (a POST is not), so one goes first and the POST finds a live one.
	await sandbox.control('GET', '/ticket-prefix');
	await sandbox.control('POST', '/ticket-prefix', { prefix: '/v2/accounts' });
	let ticketId: unknown;
	try {
		const run = execute();
		const output = check(run, `n8n execute --id=${TICKET_WORKFLOW} (tickets under /v2/accounts)`);
		const created = nodeOutput(parseRunData(run.stdout), 'Create Ticket');
		assert.ok(created, `n8n output should contain the Create Ticket item:\n${output}`);
		ticketId = created.id;
	} finally {
		await sandbox.control('GET', '/ticket-prefix');
		await sandbox.control('POST', '/ticket-prefix', { prefix: '/api/v2/accounts' });
	}
	const answer = (await sandbox.get(`/tickets/${encodeURIComponent(String(ticketId))}`)) as {
		code: number;
	};
	assert.equal(answer.code, 0, 'the ticket created under /v2/accounts is in the sandbox');
	step(`Ticket Create with tickets under /v2/accounts: sandbox holds ticket ${String(ticketId)}`);

	const missing = {
		method: 'POST',
		path: '/tickets',
		status: 404,
		body: { error: 'Route not found' },
	};
	await sandbox.control('GET', '/faults');
	await sandbox.control('POST', '/faults', [missing, missing]);
	const failed = execute();
	const failedOutput = `${failed.stdout}\n${failed.stderr}`;
	assert.notEqual(
		failed.status,
		0,
		`no ticket route must fail the execution, but it exited 0:\n${failedOutput}`,
	);
	const failure = runError(parseRunData(failedOutput));
	assert.ok(
		failure,
		`the failed execution should print its run data with resultData.error:\n${failedOutput}`,
	);
	assert.match(
		failure.message,
		/POST \/api\/v2\/accounts\/tickets and POST \/v2\/accounts\/tickets both answered 404/,
		'the error names both ticket paths tried',
	);
	step(`no ticket route: exit ${String(failed.status)}, "${failure.message}"`);
}

/** The error of a failed run, as `n8n execute` prints it before exiting non-zero. */
function runError(
	run: unknown,
): { node: string; message: string; description: string } | undefined {
	const resultData = (run as { data?: { resultData?: Json } } | undefined)?.data?.resultData;
	const error = resultData?.error as Json | undefined;
	if (!error) return undefined;
	const node = (error.node as Json | undefined)?.name ?? resultData?.lastNodeExecuted;
	return {
		node: String(node),
		message: String(error.message ?? ''),
		description: String(error.description ?? ''),
	};
}

function pick(source: Json, keys: readonly string[]): Json {
	return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

async function assertSandboxState(sandbox: SandboxProcess, run: unknown): Promise<void> {
	const contacts = (await sandbox.get('/contacts')) as { payload: Json[] };
	assert.equal(contacts.payload.length, 1, 'exactly one contact should exist in the sandbox');
	const contact = contacts.payload[0] as Json;
	assert.deepEqual(
		pick(contact, Object.keys(EXPECTED_CONTACT)),
		EXPECTED_CONTACT,
		'contact fields',
	);
	const links = contact.contact_inboxes as Array<{ inbox: { id: number } | null }>;
	assert.deepEqual(
		links.map((link) => link.inbox?.id),
		[INBOX_ID],
		'contact belongs to the example inbox',
	);

	const sent = nodeOutput(run, 'Send Message');
	assert.ok(sent, 'n8n output should contain the Send Message item');
	const conversationId = sent.conversation_id;
	assert.equal(
		typeof conversationId,
		'number',
		'Send Message output has a numeric conversation_id',
	);

	const conversation = (await sandbox.get(`/conversations/${String(conversationId)}`)) as Json;
	assert.equal(conversation.inbox_id, INBOX_ID, 'conversation inbox');
	assert.equal(
		(conversation.meta as { sender: Json }).sender.id,
		contact.id,
		'conversation is with the contact',
	);

	const messages = (await sandbox.get(`/conversations/${String(conversationId)}/messages`)) as {
		payload: Json[];
	};
	assert.equal(messages.payload.length, 1, 'exactly one message in the conversation');
	const message = messages.payload[0] as Json;
	assert.deepEqual(
		pick(message, ['content', 'message_type', 'private', 'conversation_id']),
		{ content: EXPECTED_CONTENT, message_type: 0, private: false, conversation_id: conversationId },
		'message fields (message_type 0 = incoming)',
	);
	assert.equal(sent.id, message.id, "n8n's Send Message output is the message stored in LiveDesk");
	step(
		`sandbox holds contact ${String(contact.id)}, conversation ${String(conversationId)}, message "${String(message.content)}"`,
	);
}

const SHIPPED_NODE = 'dist/nodes/LiveDesk/LiveDesk.node.js';

/** Publishes what the check installs: the tarball, or for the control a copy without the node. */
function publishFirst(registry: LocalRegistry, tarball: string, workDir: string): void {
	if (process.env.E2E_BREAK_PACKAGE_FILES !== '1') {
		registry.publish(tarball);
		return;
	}
	// A `files` list that forgot the node's folder: n8n.nodes still names it, the tarball lacks it.
	const broken = repack(
		tarball,
		(packageJson) =>
			(packageJson.files = ['dist/credentials', 'dist/nodes/LiveDeskTrigger', 'index.js']),
		path.join(workDir, 'broken'),
	);
	assert.ok(
		!tarballFiles(broken).includes(SHIPPED_NODE),
		`the control's tarball must lack ${SHIPPED_NODE}`,
	);
	step(
		`CONTROL: publishing ${path.basename(broken)} without ${SHIPPED_NODE}; the install must fail`,
	);
	registry.publish(broken);
}

function nextPatch(version: string): string {
	const [major, minor, patch] = version.split('.').map((part) => Number.parseInt(part, 10));
	return `${String(major)}.${String(minor)}.${String(patch + 1)}`;
}

async function main(): Promise<void> {
	const tarball = path.resolve(process.argv[2] ?? '');
	if (!process.argv[2]) throw new Error('usage: run-e2e.js <tarball>');
	const install: N8nInstall = installFromEnv();
	const userFolder = makeUserFolder(install.version);
	const sandbox = await startSandboxProcess();
	let registry: LocalRegistry | undefined;
	const ports = await freeN8nPorts();
	const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	const n8n = (args: readonly string[]): SpawnSyncReturns<string> =>
		runN8n(install, userFolder, args, ports);
	let ok = false;
	try {
		step(`user folder ${userFolder}, sandbox ${sandbox.url}`);
		registry = await timed('start a local npm registry and publish the tarball', async () => {
			const started = await startRegistry();
			publishFirst(started, tarball, userFolder);
			return started;
		});
		step(
			`registry ${registry.url} holds ${(await registry.versions('n8n-nodes-engagelab-livedesk')).join(', ')}`,
		);
		const { url } = registry;
		const local = registry;
		await timed(`Install by name from ${url} through POST /rest/community-packages`, () =>
			installByName(install, userFolder, local, version),
		);
		const imports = prepareImports(userFolder, sandbox);
		await timed('import:credentials', () =>
			check(n8n(['import:credentials', `--input=${imports.credentials}`]), 'import:credentials'),
		);
		await timed('import:workflow', () =>
			check(
				n8n(['import:workflow', '--separate', `--input=${imports.workflows}`]),
				'import:workflow',
			),
		);

		const good = await timed('execute the example', () =>
			n8n(['execute', `--id=${GOOD_WORKFLOW}`, '--rawOutput']),
		);
		const goodOutput = check(good, `n8n execute --id=${GOOD_WORKFLOW}`);
		const run = parseRunData(good.stdout);
		assert.ok(run !== undefined, `n8n execute --rawOutput printed no JSON:\n${goodOutput}`);
		await assertSandboxState(sandbox, run);

		const bad = await timed('execute with a wrong API secret', () =>
			n8n(['execute', `--id=${BAD_WORKFLOW}`, '--rawOutput']),
		);
		const badOutput = `${bad.stdout}\n${bad.stderr}`;
		assertNoOutboundAttempt(badOutput, 'n8n execute (wrong secret)');
		assert.notEqual(
			bad.status,
			0,
			`a wrong secret must fail the execution, but it exited 0:\n${badOutput}`,
		);
		const failure = runError(parseRunData(badOutput));
		assert.ok(
			failure,
			`the failed execution should print its run data with resultData.error:\n${badOutput}`,
		);
		assert.equal(failure.node, 'Create Contact', 'the first LiveDesk call is the one that fails');
		assert.match(failure.message, /\b401\b/, 'the error message names HTTP 401');
		// Wording owned by nodes/ (apiError.ts); match its meaning, not its punctuation.
		assert.match(
			failure.description,
			/check the api key and (api )?secret/i,
			'the error says what to do',
		);
		step(
			`wrong secret: exit ${String(bad.status)}, "${failure.message}" — "${failure.description}"`,
		);
		const after = (await sandbox.get('/contacts')) as { payload: Json[] };
		assert.equal(after.payload.length, 1, 'the rejected run must not have created a contact');

		const upsert = await timed('execute Create or Update with one contact in several items', () =>
			n8n(['execute', `--id=${UPSERT_WORKFLOW}`, '--rawOutput']),
		);
		const upsertOutput = check(upsert, `n8n execute --id=${UPSERT_WORKFLOW}`);
		const upsertRun = parseRunData(upsert.stdout);
		assert.ok(upsertRun !== undefined, `n8n execute --rawOutput printed no JSON:\n${upsertOutput}`);
		await assertUpsertOnce(sandbox, upsertRun);

		const ticket = await timed('execute Ticket Create', () =>
			n8n(['execute', `--id=${TICKET_WORKFLOW}`, '--rawOutput']),
		);
		const ticketOutput = check(ticket, `n8n execute --id=${TICKET_WORKFLOW}`);
		const ticketRun = parseRunData(ticket.stdout);
		assert.ok(ticketRun !== undefined, `n8n execute --rawOutput printed no JSON:\n${ticketOutput}`);
		await assertTicketCreated(sandbox, ticketRun);
		await timed(
			'execute Ticket Create with tickets under /v2/accounts, then with no ticket route',
			() =>
				assertTicketPathFallback(sandbox, () =>
					n8n(['execute', `--id=${TICKET_WORKFLOW}`, '--rawOutput']),
				),
		);

		// Send Stored File reads its file back through n8n's binary data service: on disk, and in
		// the database, the mode n8n 2.x picks for queue mode (1.x must be told it is available).
		for (const mode of ['filesystem', 'database']) {
			const files = await timed(
				`execute Send Message with attachments (binary data mode ${mode})`,
				() =>
					runN8n(install, userFolder, ['execute', `--id=${ATTACHMENTS_WORKFLOW}`, '--rawOutput'], {
						...ports,
						N8N_DEFAULT_BINARY_DATA_MODE: mode,
						N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database',
					}),
			);
			const filesOutput = check(files, `n8n execute --id=${ATTACHMENTS_WORKFLOW} (${mode})`);
			const filesRun = parseRunData(files.stdout);
			assert.ok(filesRun !== undefined, `n8n execute --rawOutput printed no JSON:\n${filesOutput}`);
			await assertAttachmentsDelivered(sandbox, filesRun, mode);
		}

		// Settings → Community Nodes → Update, then the saved workflow and credential again.
		const higher = nextPatch(version);
		local.publish(
			repack(
				tarball,
				(packageJson) => (packageJson.version = higher),
				path.join(userFolder, 'higher'),
			),
		);
		await timed(`Update ${version} → ${higher} through PATCH /rest/community-packages`, () =>
			updateByName(install, userFolder, local, version, higher),
		);
		const again = await timed(`execute the saved Ticket Create workflow on ${higher}`, () =>
			n8n(['execute', `--id=${TICKET_WORKFLOW}`, '--rawOutput']),
		);
		const againOutput = check(again, `n8n execute --id=${TICKET_WORKFLOW} after the update`);
		const againRun = parseRunData(again.stdout);
		assert.ok(againRun !== undefined, `n8n execute --rawOutput printed no JSON:\n${againOutput}`);
		await assertTicketCreated(sandbox, againRun);
		ok = true;
	} finally {
		await registry?.stop();
		await sandbox.stop();
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
