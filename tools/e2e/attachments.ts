/**
 * Send Message with attachments in a real n8n (a part of run-e2e.ts's pass): the workflow opens a
 * conversation, a Code node hands two files to Send Two Files as inline binary data, and Convert to
 * File stores a third through n8n's binary data service (on disk, and on n8n 2.x also in the
 * database: the pass runs the workflow once per N8N_DEFAULT_BINARY_DATA_MODE) for Send Stored File. A Send Missing File node names a
 * binary field the item lacks and continues on error: it must fail before any request.
 *
 * The check downloads every file the sandbox stored and compares bytes, MIME type and file name
 * with what the workflow carried; before it trusts that comparison it proves it can fail (a file
 * with one byte changed must be reported).
 */
import { strict as assert } from 'node:assert';
import { nodeItems, step, type Json } from './cli-run';
import { nodeTask } from './run-data';
import type { SandboxProcess } from './sandbox-process';

export const ATTACHMENTS_WORKFLOW = 'LiveDeskE2eFiles';
const NODE_TYPE = 'n8n-nodes-engagelab-livedesk.liveDesk';
const INBOX_ID = 407;

interface E2eFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

// Bytes a text round trip would change (a PNG signature, 0xFF, CR LF), and a name that needs encoding.
const PHOTO: E2eFile = {
	field: 'data',
	fileName: 'photo.png',
	mimeType: 'image/png',
	data: Buffer.concat([
		Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
		Buffer.from([0, 255, 128, 13, 10, 26]),
	]),
};
const LABEL: E2eFile = {
	field: 'invoice',
	fileName: 'label 1042 – Müller.pdf',
	mimeType: 'application/pdf',
	data: Buffer.from(
		'%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\nshipping label for order 1042\n',
		'latin1',
	),
};
const STORED: E2eFile = {
	field: 'data',
	fileName: 'receipt.pdf',
	mimeType: 'application/pdf',
	data: Buffer.from('%PDF-1.4\nreceipt stored by Convert to File\n\u00ff\u0000', 'latin1'),
};
const CAPTION = 'Your shipping label and a photo of the parcel';

function inlineBinary(file: E2eFile): Json {
	return { data: file.data.toString('base64'), mimeType: file.mimeType, fileName: file.fileName };
}

function liveDeskNode(
	name: string,
	position: [number, number],
	parameters: Json,
	credential: string,
): Json {
	return {
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		credentials: { liveDeskApi: { id: credential, name: credential } },
		parameters,
	};
}

export function attachmentsWorkflow(credential: string): Json {
	const files = {
		json: { conversationId: '__CONVERSATION__', stored: STORED.data.toString('base64') },
		binary: { [PHOTO.field]: inlineBinary(PHOTO), [LABEL.field]: inlineBinary(LABEL) },
	};
	const jsCode = `const item = ${JSON.stringify(files)};\nitem.json.conversationId = $input.first().json.id;\nreturn [item];`;
	const send = (extra: Json): Json => ({
		resource: 'message',
		operation: 'send',
		messageType: 'outgoing',
		...extra,
	});
	return {
		id: ATTACHMENTS_WORKFLOW,
		name: 'LiveDesk E2E: Send Message with attachments',
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
			liveDeskNode(
				'Create Contact',
				[200, 0],
				{
					resource: 'contact',
					operation: 'create',
					inboxId: INBOX_ID,
					additionalFields: { name: 'File Recipient' },
				},
				credential,
			),
			liveDeskNode(
				'Create Conversation',
				[400, 0],
				{
					resource: 'conversation',
					operation: 'create',
					inboxId: INBOX_ID,
					contactId: '={{ $json.id }}',
				},
				credential,
			),
			{
				id: 'files',
				name: 'Files',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [600, 0],
				parameters: { jsCode },
			},
			liveDeskNode(
				'Send Two Files',
				[800, -150],
				send({
					conversationId: '={{ $json.conversationId }}',
					content: CAPTION,
					additionalFields: { attachments: `${PHOTO.field}, ${LABEL.field}` },
				}),
				credential,
			),
			{
				id: 'store',
				name: 'Convert to File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [800, 0],
				parameters: {
					operation: 'toBinary',
					sourceProperty: 'stored',
					binaryPropertyName: STORED.field,
					options: { fileName: STORED.fileName, mimeType: STORED.mimeType },
				},
			},
			liveDeskNode(
				'Send Stored File',
				[1000, 0],
				send({
					conversationId: "={{ $('Files').item.json.conversationId }}",
					content: '',
					additionalFields: { attachments: STORED.field },
				}),
				credential,
			),
			{
				...liveDeskNode(
					'Send Missing File',
					[800, 150],
					send({
						conversationId: '={{ $json.conversationId }}',
						content: 'never sent',
						additionalFields: { attachments: 'scan' },
					}),
					credential,
				),
				onError: 'continueRegularOutput',
			},
		],
		connections: {
			Start: { main: [[{ node: 'Create Contact', type: 'main', index: 0 }]] },
			'Create Contact': { main: [[{ node: 'Create Conversation', type: 'main', index: 0 }]] },
			'Create Conversation': { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
			Files: {
				main: [
					[
						{ node: 'Send Two Files', type: 'main', index: 0 },
						{ node: 'Convert to File', type: 'main', index: 0 },
						{ node: 'Send Missing File', type: 'main', index: 0 },
					],
				],
			},
			'Convert to File': { main: [[{ node: 'Send Stored File', type: 'main', index: 0 }]] },
		},
	};
}

interface StoredFile {
	fileName: string;
	mimeType: string;
	data: Buffer;
}

async function download(sandbox: SandboxProcess, url: string): Promise<StoredFile> {
	const auth = `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`;
	const response = await fetch(url, { headers: { authorization: auth } });
	assert.equal(response.status, 200, `the sandbox serves ${url}`);
	return {
		fileName: decodeURIComponent(new URL(url).pathname.split('/').pop() ?? ''),
		mimeType: response.headers.get('content-type') ?? '',
		data: Buffer.from(await response.arrayBuffer()),
	};
}

function mismatch(actual: StoredFile, expected: E2eFile): string | undefined {
	if (actual.fileName !== expected.fileName)
		return `file name "${actual.fileName}", expected "${expected.fileName}"`;
	if (actual.mimeType !== expected.mimeType)
		return `MIME type ${actual.mimeType}, expected ${expected.mimeType}`;
	if (!actual.data.equals(expected.data))
		return `${actual.data.length} bytes that differ from the ${expected.data.length} sent`;
	return undefined;
}

async function storedFiles(sandbox: SandboxProcess, message: Json): Promise<StoredFile[]> {
	const attachments = (message.attachments ?? []) as Json[];
	return Promise.all(
		attachments.map((attachment) => download(sandbox, String(attachment.data_url))),
	);
}

/** `mode` is n8n's binary data mode the run had: Convert to File's file must have been kept there. */
export async function assertAttachmentsDelivered(
	sandbox: SandboxProcess,
	run: unknown,
	mode: string,
): Promise<void> {
	const storedId = String(
		nodeTask(run, 'Convert to File')?.data?.main?.[0]?.[0]?.binary?.[STORED.field]?.id ?? '',
	);
	assert.ok(
		storedId.startsWith(mode),
		`Convert to File kept its file in ${mode} mode, but its id is "${storedId}"`,
	);
	const [sent] = nodeItems(run, 'Send Two Files');
	assert.ok(sent, 'Send Two Files has an output item');
	const conversationId = Number(sent.conversation_id);
	const messages = (
		(await sandbox.get(`/conversations/${conversationId}/messages`)) as { payload: Json[] }
	).payload;
	assert.equal(messages.length, 2, 'two messages with files, none from Send Missing File');
	const [twoFiles, stored] = messages as [Json, Json];
	assert.equal(twoFiles.content, CAPTION, 'the caption travels with the files');
	assert.equal(stored.content, null, 'a file without text is a message without content');

	const received = await storedFiles(sandbox, twoFiles);
	const [storedFile] = await storedFiles(sandbox, stored);
	// Negative control: the comparison must notice one changed byte, or its silence proves nothing.
	const tampered = { ...PHOTO, data: Buffer.from(PHOTO.data) };
	tampered.data[9] ^= 1;
	assert.ok(
		received[0] && mismatch(received[0], tampered),
		'the byte comparison detects a changed byte',
	);

	assert.equal(received.length, 2, 'Send Two Files delivered two attachments in one message');
	[PHOTO, LABEL].forEach((expected, index) => {
		const problem = mismatch(received[index] as StoredFile, expected);
		assert.equal(
			problem,
			undefined,
			`attachment ${index} (${expected.fileName}): ${problem ?? ''}`,
		);
	});
	assert.ok(storedFile, 'Send Stored File delivered its attachment');
	assert.equal(
		mismatch(storedFile, STORED),
		undefined,
		`the file kept by n8n's binary data service: ${mismatch(storedFile, STORED) ?? ''}`,
	);

	const [missing] = nodeItems(run, 'Send Missing File');
	assert.match(
		String(missing?.error ?? ''),
		/no binary field "scan"/,
		'a missing binary field fails its item, naming the field',
	);
	step(
		`attachments: ${received.map((file) => `${file.fileName} (${file.mimeType}, ${file.data.length} B)`).join(', ')} + ${storedFile.fileName} kept by n8n (${storedId.split(':')[0]}), byte for byte; missing field refused before sending`,
	);
}
