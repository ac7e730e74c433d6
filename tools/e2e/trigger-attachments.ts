/**
 * The trigger E2E's attachment part: an active workflow "LiveDesk Trigger (Download Attachments)
 * → the bridge example's Switch → Crypto (SHA-256 of attachment_0)" receives the sandbox's
 * webhook for an agent message with an image, posted through its multipart API.
 *
 * Asserts, from the execution n8n saved: the trigger item's attachment entry; the binary entry's
 * file name, MIME type and size; its bytes (inline base64 in n8n 1.x's default mode, or fetched
 * with n8n's binary-data API in 2.x's filesystem mode, after n8n moved it out of "temp"); and the
 * hash the next node computed from them. The sandbox serves the file only with the API credential,
 * so a successful download also shows the credential was sent. Two controls prove the check can
 * fail: the same execution against a wrong expectation, and a message whose file answers 404,
 * which must still start the workflow, with download_error and no binary.
 *
 * Then a forged event, posted to the Production URL as anyone who knows it could, whose attachment
 * points at LiveDesk's contact list on the Base URL: the download must be refused with
 * download_error, and a tripwire fault on that API path must still be pending afterwards (no
 * request reached it). Its control: the same check fails for the genuine photo's execution.
 */
import { strict as assert } from 'node:assert';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
	liveDeskTriggerNode,
	restJson,
	unflatten,
	type FetchTransport,
	type Json,
} from './n8n-server';
import { poll } from './progress';
import { REPO_ROOT, type SandboxProcess } from './sandbox-process';

const TRIGGER = 'LiveDesk Trigger';
const HASH = 'Hash Image';
const CAPTION = 'Is this the damage you mean?';
// A 1×1 PNG: small enough that n8n 1.x's pretty-printed fileSize is exact ("70 B").
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

export interface AttachmentContext {
	readonly rest: FetchTransport;
	/** n8n's base URL, for the Production URL. */
	readonly base: string;
	readonly sandbox: SandboxProcess;
	readonly credential: Json;
	readonly conversationId: number;
	readonly token: string;
	readonly waitMs: number;
	step(message: string): void;
}

interface Expected {
	readonly fileName: string;
	readonly mimeType: string;
	readonly bytes: Buffer;
}

type Item = { json?: Json; binary?: Record<string, Json> };

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The Switch node of examples/agent-reply-bridge.workflow.json, as shipped: its rules run in real n8n here. */
function exampleSwitch(): Json {
	const file = path.join(REPO_ROOT, 'examples', 'agent-reply-bridge.workflow.json');
	const example = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Json[] };
	const node = example.nodes.find((candidate) => candidate.type === 'n8n-nodes-base.switch');
	assert.ok(node, 'the bridge example has no Switch node');
	return { ...node, id: randomUUID(), position: [240, 0] };
}

function workflowBody(webhookId: string, credential: Json): Json {
	const router = exampleSwitch();
	return {
		name: 'LiveDesk E2E: agent attachments',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			liveDeskTriggerNode({
				name: TRIGGER,
				webhookId,
				credential,
				typeVersion: 1.1,
				parameters: { events: ['message_created'], downloadAttachments: true, options: {} },
			}),
			router,
			{
				id: randomUUID(),
				name: HASH,
				type: 'n8n-nodes-base.crypto',
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					action: 'hash',
					type: 'SHA256',
					binaryData: true,
					binaryPropertyName: 'attachment_0',
					dataPropertyName: 'sha256',
					encoding: 'hex',
				},
			},
		],
		// Output 0 of the example's Switch is its Image output.
		connections: {
			[TRIGGER]: { main: [[{ node: String(router.name), type: 'main', index: 0 }]] },
			[String(router.name)]: { main: [[{ node: HASH, type: 'main', index: 0 }]] },
		},
	};
}

function firstOutput(runData: Json, node: string): Item | undefined {
	const task = (runData[node] as Array<{ data?: { main?: Item[][] } }> | undefined)?.[0];
	return task?.data?.main?.[0]?.[0];
}

/** Every way the execution can differ from a downloaded `expected`; empty when it matches. */
async function attachmentProblems(
	rest: FetchTransport,
	runData: Json,
	expected: Expected,
): Promise<string[]> {
	const problems: string[] = [];
	const item = firstOutput(runData, TRIGGER);
	const entry = (item?.json?.attachments as Json[] | undefined)?.[0];
	if (entry?.binary_property !== 'attachment_0') {
		problems.push(`attachments[0] does not name attachment_0: ${JSON.stringify(entry)}`);
	}
	if (entry?.file_name !== expected.fileName || entry?.file_size !== expected.bytes.length) {
		problems.push(
			`attachments[0] has file_name ${String(entry?.file_name)}, file_size ${String(entry?.file_size)}`,
		);
	}
	const binary = item?.binary?.attachment_0;
	if (!binary) return [...problems, 'the trigger item has no binary attachment_0'];
	if (binary.fileName !== expected.fileName)
		problems.push(`binary fileName is ${String(binary.fileName)}`);
	if (binary.mimeType !== expected.mimeType)
		problems.push(`binary mimeType is ${String(binary.mimeType)}`);
	// 2.x records bytes; 1.x only the pretty-printed fileSize.
	if (binary.bytes !== expected.bytes.length && binary.fileSize !== `${expected.bytes.length} B`) {
		problems.push(`binary size is ${String(binary.bytes ?? binary.fileSize)}`);
	}
	let stored: Buffer;
	if (typeof binary.id === 'string') {
		const download = await rest.bytes(
			`/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`,
		);
		if (download.status !== 200)
			problems.push(`n8n's binary-data API answered ${download.status} for ${binary.id}`);
		stored = download.data;
	} else {
		stored = Buffer.from(String(binary.data), 'base64');
	}
	if (!stored.equals(expected.bytes))
		problems.push(`the stored bytes differ (${stored.length} bytes)`);
	const hash = firstOutput(runData, HASH)?.json?.sha256;
	if (hash !== sha256(expected.bytes)) problems.push(`${HASH} computed ${String(hash)}`);
	return problems;
}

/** Every way an execution differs from "the attachment was refused as an API path"; empty when it was. */
function refusalProblems(runData: Json): string[] {
	const item = firstOutput(runData, TRIGGER);
	const entry = (item?.json?.attachments as Json[] | undefined)?.[0];
	const problems: string[] = [];
	if (!/which is LiveDesk's API, not a file/.test(String(entry?.download_error))) {
		problems.push(`attachments[0].download_error is ${JSON.stringify(entry?.download_error)}`);
	}
	if (item?.binary !== undefined)
		problems.push(`the trigger item has binary data: ${Object.keys(item.binary).join(', ')}`);
	return problems;
}

function imageForm(content?: string): FormData {
	const form = new FormData();
	if (content !== undefined) form.append('content', content);
	form.append('message_type', 'outgoing');
	form.append('attachments[]', new Blob([PNG], { type: 'image/png' }), 'photo.png');
	return form;
}

export async function checkTriggerAttachments(context: AttachmentContext): Promise<void> {
	const { rest, sandbox, step } = context;
	const webhookId = randomUUID();
	const workflow = await restJson(
		rest,
		'POST',
		'/rest/workflows',
		workflowBody(webhookId, context.credential),
	);
	const workflowId = String(workflow.id);
	await restJson(rest, 'POST', `/rest/workflows/${workflowId}/activate`, {
		versionId: workflow.versionId,
	});
	const webhookUrl = `${context.base}/webhook/${webhookId}/webhook`;
	// Registered once the URL stops answering 404: without the token, the trigger itself answers 401.
	await poll(
		'the attachment workflow’s Production URL to be registered',
		async () => ((await fetch(webhookUrl, { method: 'POST' })).status === 404 ? undefined : true),
		context.waitMs,
	);
	await sandbox.control('POST', '/webhook', { url: `${webhookUrl}?token=${context.token}` });
	step(
		`attachment workflow ${workflowId} (trigger → the example's Switch → ${HASH}) active; sandbox webhook points at it`,
	);

	const finished = async (count: number): Promise<Json[]> =>
		await poll(
			`${count} execution(s) of the attachment workflow to finish`,
			async () => {
				const filter = encodeURIComponent(JSON.stringify({ workflowId }));
				const list = (await restJson(rest, 'GET', `/rest/executions?filter=${filter}`))
					.results as Json[];
				const done = list.filter(
					(execution) => execution.status === 'success' || execution.status === 'error',
				);
				return done.length >= count ? done.sort((a, b) => Number(a.id) - Number(b.id)) : undefined;
			},
			context.waitMs,
		);
	const runDataOf = async (execution: Json): Promise<Json> => {
		assert.equal(execution.status, 'success', `execution ${String(execution.id)} should succeed`);
		const detail = await restJson(rest, 'GET', `/rest/executions/${String(execution.id)}`);
		return (unflatten(String(detail.data)) as { resultData: { runData: Json } }).resultData.runData;
	};
	const messages = `/conversations/${context.conversationId}/messages`;
	const expected: Expected = { fileName: 'photo.png', mimeType: 'image/png', bytes: PNG };

	await sandbox.postForm(messages, imageForm(CAPTION));
	const [photo] = await finished(1);
	const photoRun = await runDataOf(photo);
	assert.deepEqual(
		await attachmentProblems(rest, photoRun, expected),
		[],
		'the downloaded image in the execution',
	);
	const binary = firstOutput(photoRun, TRIGGER)?.binary?.attachment_0 ?? {};
	step(
		`execution ${String(photo.id)}: attachment_0 ${String(binary.fileName)}, ${String(binary.mimeType)}, ${PNG.length} bytes, ` +
			`${typeof binary.id === 'string' ? `stored as ${binary.id.split('/').slice(0, 4).join('/')}/…` : 'inline base64'}; ${HASH} matches`,
	);

	// Control 1: the same execution must fail a wrong expectation.
	const wrong = await attachmentProblems(rest, photoRun, {
		...expected,
		bytes: Buffer.concat([PNG, Buffer.from([0])]),
	});
	assert.ok(wrong.length > 0, 'the check should fail for bytes the execution does not hold');
	// Control 2: a file that answers 404 still starts the workflow, without binary data.
	await sandbox.control('POST', '/faults', {
		method: 'GET',
		path: '/rails/active_storage/blobs/',
		status: 404,
	});
	await sandbox.postForm(messages, imageForm());
	const gone = (await finished(2))[1];
	const goneRun = await runDataOf(gone);
	const goneProblems = await attachmentProblems(rest, goneRun, expected);
	assert.ok(
		goneProblems.includes('the trigger item has no binary attachment_0'),
		`control: ${goneProblems.join('; ')}`,
	);
	const entry = (firstOutput(goneRun, TRIGGER)?.json?.attachments as Json[] | undefined)?.[0];
	assert.match(
		String(entry?.download_error),
		/answered 404/,
		'the 404 file’s entry says why it is missing',
	);
	step(
		`controls: a wrong expectation fails (${wrong.join('; ')}); execution ${String(gone.id)} for a 404 file ran with download_error, no binary`,
	);

	// A forged agent reply whose "attachment" is the contact list, reachable with the credential.
	const contacts = '/api/v2/accounts/contacts';
	await sandbox.control('POST', '/faults', {
		method: 'GET',
		path: `^${contacts}$`,
		status: 418,
		body: 'tripwire',
	});
	const forged = await fetch(`${webhookUrl}?token=${context.token}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			event: 'message_created',
			id: 990001,
			content: 'Your invoice',
			message_type: 'outgoing',
			private: false,
			sender: { id: 1, name: 'Agent', type: 'user' },
			conversation: {
				id: context.conversationId,
				status: 'open',
				meta: { sender: { id: 1, phone_number: '+4915112345678' } },
			},
			attachments: [{ file_type: 'image/png', file_url: `${sandbox.url}${contacts}?page=1` }],
		}),
	});
	assert.equal(forged.status, 200, 'the forged event is answered 200 (it starts the workflow)');
	const forgedExecution = (await finished(3))[2];
	const forgedRun = await runDataOf(forgedExecution);
	assert.deepEqual(refusalProblems(forgedRun), [], 'the API-path attachment is refused');
	const pending = (await sandbox.control('GET', '/faults')) as { pending: Json[] };
	assert.ok(
		pending.pending.some((fault) => String(fault.path).includes(contacts)),
		`a request reached ${contacts}: the tripwire fault was used (${JSON.stringify(pending)})`,
	);
	// Control: the same check fails for the genuine photo's execution.
	assert.ok(
		refusalProblems(photoRun).length > 0,
		'the refusal check should fail for a downloaded file',
	);
	step(
		`execution ${String(forgedExecution.id)}: a forged event's ${contacts} attachment was refused, no request reached it; control: the photo's execution fails the check`,
	);
}
