import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../../../tools/engine';
import { startSandbox, type Sandbox } from '../../../tools/sandbox';
import { expectedBasicAuth, sandboxCredentials } from '../../helpers/sandbox';
import { singleOperationWorkflow } from '../../helpers/workflow';
import { startFileHost, type FileHost } from './file-host';
import {
	openConversation,
	post,
	sendFiles,
	settle,
	triggerItems,
	triggerWorkflow,
	useTriggerServer,
	type UploadFile,
} from './helpers';

const PDF: UploadFile = {
	name: 'label 1042.pdf',
	type: 'application/pdf',
	data: Buffer.from('%PDF-1.4 label 1042\n'),
};
const DOWNLOAD = { events: ['message_created'], downloadAttachments: true };
const FILE_PATH = '/rails/active_storage/blobs/';
const until = async (done: () => boolean): Promise<void> => {
	while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
};

/**
 * The pace is per account and per process: each test starts a sandbox of its own, a new origin
 * the pacer has not met, so one test's 429 does not slow the next.
 */
describe('LiveDesk Trigger: downloads from the Base URL’s host go through the account’s pacer', () => {
	const serve = useTriggerServer();
	const started: Sandbox[] = [];
	let files: FileHost | undefined;
	const fresh = async (): Promise<Sandbox> => {
		const box = await startSandbox({ quiet: true });
		started.push(box);
		return box;
	};
	afterEach(async () => {
		await files?.close();
		files = undefined;
		await Promise.all(started.splice(0).map(async (box) => await box.close()));
	});

	it('waits out a 429 with Retry-After from LiveDesk’s host and then gets the file', async () => {
		const sandbox = await fresh();
		const server = await serve(sandbox, triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox);
		sandbox.injectFault({
			method: 'GET',
			path: FILE_PATH,
			status: 429,
			headers: { 'Retry-After': '1' },
		});
		await sendFiles(sandbox, conversation.id, [PDF], 'Your label');
		await settle(sandbox, server);

		expect(server.runs).toHaveLength(1);
		const [{ json, binary }] = triggerItems(server);
		expect(json.attachments).toEqual([
			expect.objectContaining({ file_name: 'label 1042.pdf', binary_property: 'attachment_0' }),
		]);
		expect((json.attachments as IDataObject[])[0].download_error).toBeUndefined();
		const bytes = await Container.get(BinaryDataService).getAsBuffer(
			binary?.attachment_0 as IBinaryData,
		);
		expect(bytes.equals(PDF.data)).toBe(true);

		const fileRequests = sandbox.requests.filter((request) => request.path.startsWith(FILE_PATH));
		expect(fileRequests.map((request) => request.headers.authorization)).toEqual([
			expectedBasicAuth(sandbox),
			expectedBasicAuth(sandbox),
		]);
		// Asked again only once the Retry-After had passed (a lower bound: load only makes it later).
		expect(fileRequests[1].receivedAt - fileRequests[0].receivedAt).toBeGreaterThanOrEqual(950);
	});

	it('pauses the LiveDesk node’s requests on the same account too: both nodes share one pace', async () => {
		const sandbox = await fresh();
		const server = await serve(sandbox, triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox);
		sandbox.injectFault({
			method: 'GET',
			path: FILE_PATH,
			status: 429,
			headers: { 'Retry-After': '2' },
		});
		await sendFiles(sandbox, conversation.id, [PDF], 'Your label');
		const fileRequests = () =>
			sandbox.requests.filter((request) => request.path.startsWith(FILE_PATH));
		await until(() => fileRequests().length > 0);
		const limitedAt = fileRequests()[0].receivedAt;
		// The 429 travels back over loopback; the pacer has it long before this.
		await new Promise((resolve) => setTimeout(resolve, 200));

		const createContact = {
			resource: 'contact',
			operation: 'create',
			inboxId: sandbox.inboxId,
			additionalFields: { name: 'Bob' },
		};
		const { errors } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox),
		});
		await settle(sandbox, server);

		expect(errors).toEqual({});
		const created = sandbox.requests.filter(
			(request) =>
				request.path.endsWith('/contacts') &&
				(request.body as IDataObject | undefined)?.name === 'Bob',
		);
		expect(created).toHaveLength(1);
		// Counted against the pause, not timed: nothing of the account went before the Retry-After ended.
		expect(created[0].receivedAt).toBeGreaterThanOrEqual(limitedAt + 2000 - 50);
		expect(fileRequests()).toHaveLength(2);
		expect(triggerItems(server)[0].json.attachments).toEqual([
			expect.objectContaining({ binary_property: 'attachment_0' }),
		]);
	});

	it('does not wait for a Retry-After longer than the pacer pauses for: the entry says 429 at once', async () => {
		const sandbox = await fresh();
		const server = await serve(sandbox, triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox);
		sandbox.injectFault({
			method: 'GET',
			path: FILE_PATH,
			status: 429,
			headers: { 'Retry-After': '3600' },
		});
		await sendFiles(sandbox, conversation.id, [PDF], 'Your label');
		await settle(sandbox, server);

		const [{ json, binary }] = triggerItems(server);
		expect(json.attachments).toEqual([
			expect.objectContaining({ download_error: expect.stringMatching(/429/) }),
		]);
		expect(binary).toBeUndefined();
		expect(sandbox.requests.filter((request) => request.path.startsWith(FILE_PATH))).toHaveLength(
			1,
		);
	});

	it('fetches a file on another host once, without the pacer: its 429 is reported, not retried', async () => {
		const sandbox = await fresh();
		files = await startFileHost();
		files.serve('/uploads/label.pdf', { kind: 'status', status: 429, reason: 'Too Many Requests' });
		const server = await serve(sandbox, triggerWorkflow(DOWNLOAD));
		const url = `${files.url}/uploads/label.pdf`;
		const event = {
			event: 'message_created',
			id: 5001,
			content: 'Your label',
			message_type: 'outgoing',
			private: false,
			sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
			conversation: { id: 40, status: 'open' },
			attachments: [{ file_type: 'application/pdf', file_url: url }],
		};
		expect((await post(server.url, event)).status).toBe(200);
		await server.idle();

		const [{ json }] = triggerItems(server);
		expect(json.attachments).toEqual([
			expect.objectContaining({ download_error: expect.stringMatching(/429/) }),
		]);
		expect(files.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/uploads/label.pdf', undefined],
		]);
	});
});
