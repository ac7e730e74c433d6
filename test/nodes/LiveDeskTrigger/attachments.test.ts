import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, IDataObject } from 'n8n-workflow';
import { expectedBasicAuth, useSandbox } from '../../helpers/sandbox';
import { startFileHost, type FileHost } from './file-host';
import {
	openConversation,
	post,
	sendFiles,
	settle,
	triggerItems,
	triggerOutputs,
	triggerWorkflow,
	useTriggerServer,
	type UploadFile,
} from './helpers';

const PNG: UploadFile = {
	name: 'photo.png',
	type: 'image/png',
	data: Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64',
	),
};
const PDF: UploadFile = {
	name: 'label 1042.pdf',
	type: 'application/pdf',
	data: Buffer.from('%PDF-1.4 label 1042\n'),
};
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const DOWNLOAD = { events: ['message_created'], downloadAttachments: true };

/** The file's bytes, wherever n8n's binary data service keeps them (on disk: n8n 2.x's default). */
async function bytesOf(binary: IBinaryData | undefined): Promise<Buffer> {
	expect(binary).toBeDefined();
	return await Container.get(BinaryDataService).getAsBuffer(binary as IBinaryData);
}

/** A message_created event as LiveDesk documents its attachments: a MIME type and a file_url. */
function liveDeskEvent(attachments: IDataObject[]): IDataObject {
	return {
		event: 'message_created',
		id: 5001,
		content: 'Your shipping label',
		message_type: 'outgoing',
		private: false,
		sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		conversation: {
			id: 40,
			status: 'open',
			meta: { sender: { id: 7, name: 'Alice', phone_number: '+4915112345678' } },
		},
		attachments,
	};
}

describe('LiveDesk Trigger: attachments', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	let files: FileHost;
	beforeEach(async () => {
		files = await startFileHost();
	});
	afterEach(async () => await files.close());

	const fileRequests = () =>
		sandbox().requests.filter((request) => request.path.startsWith('/rails/active_storage/'));

	it('lists an agent’s files from the sandbox’s webhook, and fetches nothing without Download Attachments', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		const message = await sendFiles(sandbox(), conversation.id, [PNG, PDF], 'Here is your label');
		await settle(sandbox(), server);

		const [sent, label] = message.attachments as IDataObject[];
		const [item] = triggerItems(server);
		expect(item.json).toMatchObject({ content: 'Here is your label', message_id: message.id });
		expect(item.json.attachments).toEqual([
			{
				file_type: 'image',
				url: sent.data_url,
				file_name: 'photo.png',
				file_size: PNG.data.length,
			},
			{
				file_type: 'file',
				url: label.data_url,
				file_name: 'label 1042.pdf',
				file_size: PDF.data.length,
			},
		]);
		expect(String(sent.data_url).startsWith(`${sandbox().url}/rails/active_storage/blobs/`)).toBe(
			true,
		);
		expect(item.binary).toBeUndefined();
		expect(fileRequests()).toEqual([]);
	});

	it('reads LiveDesk’s documented shape: a MIME type as file_type, and file_url', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const url = 'http://127.0.0.1:9/uploads/Shipping%20label.jpg?X-Amz-Signature=1';
		expect(
			(await post(server.url, liveDeskEvent([{ file_type: 'image/jpeg', file_url: url }, {}])))
				.status,
		).toBe(200);
		await server.idle();

		expect(triggerOutputs(server)[0].attachments).toEqual([
			{ file_type: 'image/jpeg', url, file_name: 'Shipping label.jpg', mime_type: 'image/jpeg' },
			{ file_type: null, url: null, file_name: 'attachment_1' },
		]);
	});

	it('downloads each file with the LiveDesk credential into attachment_0, attachment_1: same bytes, type and name', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox());
		const message = await sendFiles(sandbox(), conversation.id, [PNG, PDF], 'Here is your label');
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].errors).toEqual({});
		const [{ json, binary }] = triggerItems(server);
		const [sent, label] = message.attachments as IDataObject[];
		expect(json.attachments).toEqual([
			{
				file_type: 'image',
				url: sent.data_url,
				file_name: 'photo.png',
				file_size: PNG.data.length,
				mime_type: 'image/png',
				binary_property: 'attachment_0',
			},
			{
				file_type: 'file',
				url: label.data_url,
				file_name: 'label 1042.pdf',
				file_size: PDF.data.length,
				mime_type: 'application/pdf',
				binary_property: 'attachment_1',
			},
		]);
		expect(Object.keys(binary ?? {})).toEqual(['attachment_0', 'attachment_1']);
		expect(binary?.attachment_0).toMatchObject({
			fileName: 'photo.png',
			mimeType: 'image/png',
			fileExtension: 'png',
		});
		expect((await bytesOf(binary?.attachment_0)).equals(PNG.data)).toBe(true);
		expect(binary?.attachment_1).toMatchObject({
			fileName: 'label 1042.pdf',
			mimeType: 'application/pdf',
		});
		expect((await bytesOf(binary?.attachment_1)).equals(PDF.data)).toBe(true);
		// The sandbox serves files on its own origin only with the API credential (assumed for LiveDesk).
		expect(
			fileRequests().map((request) => [request.method, request.headers.authorization]),
		).toEqual([
			['GET', expectedBasicAuth(sandbox())],
			['GET', expectedBasicAuth(sandbox())],
		]);
	});

	it('starts the workflow for a message that is only a file, with content null', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PNG]);
		await settle(sandbox(), server);

		expect(sandbox().webhookDeliveries.at(-1)?.payload).toMatchObject({
			content: null,
			message_type: 'outgoing',
		});
		const [{ json, binary }] = triggerItems(server);
		expect(json).toMatchObject({
			content: null,
			message_type: 'outgoing',
			attachments: [{ file_name: 'photo.png' }],
		});
		expect((await bytesOf(binary?.attachment_0)).equals(PNG.data)).toBe(true);
	});

	it('fetches a file on another origin without the credential, and takes its type from LiveDesk’s file_type', async () => {
		files.serve('/uploads/label.jpg', {
			kind: 'file',
			data: JPEG,
			contentType: 'application/octet-stream',
		});
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const url = `${files.url}/uploads/label.jpg`;
		expect(
			(await post(server.url, liveDeskEvent([{ file_type: 'image/jpeg', file_url: url }]))).status,
		).toBe(200);
		await server.idle();

		const [{ json, binary }] = triggerItems(server);
		expect(json.attachments).toEqual([
			{
				file_type: 'image/jpeg',
				url,
				file_name: 'label.jpg',
				file_size: JPEG.length,
				mime_type: 'image/jpeg',
				binary_property: 'attachment_0',
			},
		]);
		expect(binary?.attachment_0).toMatchObject({ fileName: 'label.jpg', mimeType: 'image/jpeg' });
		expect((await bytesOf(binary?.attachment_0)).equals(JPEG)).toBe(true);
		expect(files.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/uploads/label.jpg', undefined],
		]);
	});

	it('follows a redirect off the Base URL’s origin without the credential, which n8n’s client would re-send', async () => {
		const storage = await startFileHost();
		try {
			storage.serve('/bucket/label.jpg', { kind: 'file', data: JPEG, contentType: 'image/jpeg' });
			files.serve('/rails/active_storage/blobs/redirect/abc/label.jpg', {
				kind: 'redirect',
				location: `${storage.url}/bucket/label.jpg?X-Amz-Signature=1`,
			});
			// The Base URL is the host that redirects, so the first hop gets the credential.
			const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD), '', '', {
				baseUrl: files.url,
			});
			const url = `${files.url}/rails/active_storage/blobs/redirect/abc/label.jpg`;
			await post(server.url, liveDeskEvent([{ file_type: 'image', data_url: url }]));
			await server.idle();

			const [{ binary }] = triggerItems(server);
			expect((await bytesOf(binary?.attachment_0)).equals(JPEG)).toBe(true);
			expect(files.requests.map((request) => request.headers.authorization)).toEqual([
				expectedBasicAuth(sandbox()),
			]);
			expect(
				storage.requests.map((request) => [request.path, request.headers.authorization]),
			).toEqual([['/bucket/label.jpg', undefined]]);
		} finally {
			await storage.close();
		}
	});

	it('keeps the message when a file is gone: that entry says why, the others are downloaded', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const conversation = await openConversation(sandbox());
		sandbox().injectFault({ method: 'GET', path: '/rails/active_storage/blobs/', status: 404 });
		await sendFiles(sandbox(), conversation.id, [PNG, PDF], 'Two files');
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		const [{ json, binary }] = triggerItems(server);
		const [missing, downloaded] = json.attachments as IDataObject[];
		expect(missing.binary_property).toBeUndefined();
		expect(missing.download_error).toMatch(
			/^The file host answered 404 \(Not Found\): the file was deleted or its link has expired\. Open the message in LiveDesk/,
		);
		expect(downloaded).toMatchObject({
			binary_property: 'attachment_1',
			file_name: 'label 1042.pdf',
		});
		expect(downloaded.download_error).toBeUndefined();
		expect(Object.keys(binary ?? {})).toEqual(['attachment_1']);
		expect((await bytesOf(binary?.attachment_1)).equals(PDF.data)).toBe(true);
	});

	it('does not keep files over Max Attachment Size, and does not fetch one LiveDesk says is too large', async () => {
		const large = Buffer.alloc(1024 * 1024 + 1, 7);
		files.serve('/large.bin', { kind: 'file', data: large, contentType: 'application/zip' });
		const server = await serve(sandbox(), triggerWorkflow({ ...DOWNLOAD, maxAttachmentSize: 1 }));
		await post(
			server.url,
			liveDeskEvent([
				{ file_type: 'application/zip', file_url: `${files.url}/large.bin` },
				{ file_type: 'video', data_url: `${files.url}/declared.mp4`, file_size: 50 * 1024 * 1024 },
			]),
		);
		await server.idle();

		const [{ json, binary }] = triggerItems(server);
		const [fetched, declared] = json.attachments as IDataObject[];
		expect(fetched.download_error).toBe(
			'The file is 1 MB (1,048,577 bytes), more than Max Attachment Size (1 MB), so it was not kept. Raise Max Attachment Size to download it; its address is in url.',
		);
		expect(declared.download_error).toBe(
			'The file is 50 MB (52,428,800 bytes, as LiveDesk reports it), more than Max Attachment Size (1 MB), so it was not kept. Raise Max Attachment Size to download it; its address is in url.',
		);
		expect(binary).toBeUndefined();
		expect(files.requests.map((request) => request.path)).toEqual(['/large.bin']);
	});

	it('says why a file without a URL, on a host that refuses connections, or behind a refusal was not downloaded', async () => {
		const closed = await startFileHost();
		const refusedUrl = `${closed.url}/file.png`;
		await closed.close();
		files.serve('/private.png', { kind: 'status', status: 403 });
		files.serve('/broken.png', { kind: 'status', status: 503 });
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		await post(
			server.url,
			liveDeskEvent([
				{ file_type: 'location', coordinates_lat: 52.5 },
				{ file_type: 'image/png', file_url: refusedUrl },
				{ file_type: 'image/png', file_url: `${files.url}/private.png` },
				{ file_type: 'image/png', file_url: `${files.url}/broken.png` },
				{ file_type: 'image/png', file_url: 'ftp://files.example/x.png' },
			]),
		);
		await server.idle();

		expect(server.runs).toHaveLength(1);
		const errors = (triggerOutputs(server)[0].attachments as IDataObject[]).map(
			(entry) => entry.download_error,
		);
		const host = new URL(files.url).host;
		expect(errors).toEqual([
			'LiveDesk sent no file URL for this attachment, so there was nothing to download. Open the message in LiveDesk to get the file.',
			expect.stringMatching(
				new RegExp(
					`^n8n could not fetch the file from ${new URL(refusedUrl).host}: .*ECONNREFUSED.*Check that this n8n can reach that host`,
				),
			),
			`The file host ${host} answered 403 (Forbidden). The LiveDesk API credential is sent only to the host of its Base URL, not to ${host}; the link may have expired. Open the message in LiveDesk to get the file.`,
			"The file host answered 503 (Service Unavailable). Try again later: the file's address is in url, so a later step (e.g. HTTP Request) can fetch it.",
			'The attachment\'s URL "ftp://files.example/x.png" is not an http(s) URL, so it was not downloaded. Open the message in LiveDesk to get the file.',
		]);
	});

	it('with Simplify off, outputs the event as sent, its attachments marked, and the files as binary data', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ ...DOWNLOAD, simplify: false }));
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PNG], 'A photo');
		await settle(sandbox(), server);

		const payload = sandbox().webhookDeliveries.at(-1)?.payload ?? {};
		const [{ json, binary }] = triggerItems(server);
		const [raw] = payload.attachments as IDataObject[];
		expect(json).toEqual({
			...payload,
			attachments: [{ ...raw, binary_property: 'attachment_0' }],
		});
		expect((await bytesOf(binary?.attachment_0)).equals(PNG.data)).toBe(true);
	});

	it('answers LiveDesk before downloading, so a slow file host cannot make LiveDesk wait', async () => {
		files.serve('/slow.jpg', {
			kind: 'file',
			data: JPEG,
			contentType: 'image/jpeg',
			delayMs: 1000,
		});
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const answer = await post(
			server.url,
			liveDeskEvent([{ file_type: 'image/jpeg', file_url: `${files.url}/slow.jpg` }]),
		);
		const answeredAt = Date.now();
		expect(answer).toEqual({ status: 200, body: { message: 'Event received: workflow started' } });
		await server.idle();

		expect(answeredAt).toBeLessThan(files.requests[0]?.answeredAt ?? 0);
		expect((await bytesOf(triggerItems(server)[0].binary?.attachment_0)).equals(JPEG)).toBe(true);
	});

	it('works the same in version 1 triggers, saved before Message Types', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD, undefined, 1));
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PNG]);
		await settle(sandbox(), server);

		const [{ json, binary }] = triggerItems(server);
		expect(json.attachments).toMatchObject([
			{ file_name: 'photo.png', binary_property: 'attachment_0' },
		]);
		expect((await bytesOf(binary?.attachment_0)).equals(PNG.data)).toBe(true);
	});
});
