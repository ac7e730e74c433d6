import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { arr, basicAuth, createConversation, obj } from './helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const PDF = Buffer.from('%PDF-1.4 label for order 1042\n', 'utf8');

describe('sandbox: messages with attachments (multipart/form-data, Chatwoot-style, assumed for LiveDesk)', () => {
	let sandbox: Sandbox;
	let url: string;
	let auth: string;
	beforeEach(async () => {
		sandbox = await startSandbox({ quiet: true });
		auth = basicAuth(sandbox.apiKey, sandbox.apiSecret);
		url = `${sandbox.url}/api/v2/accounts/conversations/${String((await createConversation(sandbox, 'Alice')).id)}/messages`;
	});
	afterEach(() => sandbox.close());

	async function postForm(
		form: FormData,
	): Promise<{ status: number; json: Record<string, unknown> }> {
		const response = await fetch(url, {
			method: 'POST',
			headers: { authorization: auth },
			body: form,
		});
		return { status: response.status, json: obj(await response.json()) };
	}

	it('stores each attachments[] file, answers with Chatwoot attachment entries and serves the bytes', async () => {
		const form = new FormData();
		form.append('content', 'Here is your label');
		form.append('message_type', 'outgoing');
		form.append('private', 'false');
		form.append('attachments[]', new Blob([PNG], { type: 'image/png' }), 'photo.png');
		form.append('attachments[]', new Blob([PDF], { type: 'application/pdf' }), 'label 1042.pdf');
		const answer = await postForm(form);
		expect(answer.status).toBe(200);
		const attachments = arr(answer.json.attachments).map(obj);
		expect(attachments).toEqual([
			expect.objectContaining({
				file_type: 'image',
				extension: 'png',
				file_size: PNG.length,
				message_id: answer.json.id,
			}),
			expect.objectContaining({ file_type: 'file', extension: 'pdf', file_size: PDF.length }),
		]);
		expect(answer.json.content).toBe('Here is your label');

		const parts = sandbox.requests.at(-1)?.parts ?? [];
		expect(parts.map((part) => [part.name, part.fileName, part.mimeType])).toEqual([
			['content', undefined, undefined],
			['message_type', undefined, undefined],
			['private', undefined, undefined],
			['attachments[]', 'photo.png', 'image/png'],
			['attachments[]', 'label 1042.pdf', 'application/pdf'],
		]);
		expect(parts[3]?.data.equals(PNG)).toBe(true);

		const fileUrl = String(attachments[1]?.data_url);
		expect(fileUrl.startsWith(`${sandbox.url}/rails/active_storage/blobs/`)).toBe(true);
		expect((await fetch(fileUrl)).status).toBe(401);
		const file = await fetch(fileUrl, { headers: { authorization: auth } });
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
	});

	it('accepts a message that is only a file (content null) and refuses neither text nor file', async () => {
		const onlyFile = new FormData();
		onlyFile.append('message_type', 'incoming');
		onlyFile.append('attachments[]', new Blob([PNG], { type: 'image/png' }), 'photo.png');
		const answer = await postForm(onlyFile);
		expect(answer.status).toBe(200);
		expect(answer.json.content).toBeNull();
		expect(sandbox.store.listMessages(40)[0]?.attachments[0]?.data.equals(PNG)).toBe(true);

		const nothing = new FormData();
		nothing.append('message_type', 'incoming');
		expect((await postForm(nothing)).status).toBe(422);
		const empty = new FormData();
		empty.append('attachments[]', new Blob([]), 'empty.txt');
		expect((await postForm(empty)).status).toBe(422);
	});
});
