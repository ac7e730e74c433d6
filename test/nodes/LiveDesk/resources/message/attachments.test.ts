import { runWorkflow } from '../../../../../tools/engine';
import {
	filesJson,
	FILES_NODE_NAME,
	registerFilesNode,
	withFilesWorkflow,
	type TestFile,
} from '../../../../helpers/files';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

// A real PNG header and a small PDF: bytes that a text round trip would mangle are the point.
const PHOTO: TestFile = {
	field: 'data',
	fileName: 'photo.png',
	mimeType: 'image/png',
	data: Buffer.concat([
		Buffer.from('89504e470d0a1a0a0000000d494844520000', 'hex'),
		Buffer.from([0, 255, 128, 13, 10]),
	]),
};
const LABEL: TestFile = {
	field: 'invoice',
	fileName: 'label 1042 – Müller.pdf',
	mimeType: 'application/pdf',
	data: Buffer.from(
		'%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\nshipping label for order 1042\n',
		'latin1',
	),
};

describe('Message → Send with attachments (multipart/form-data, Chatwoot’s form, assumed for LiveDesk)', () => {
	const sandbox = useSandbox();
	beforeAll(registerFilesNode);

	async function openConversation(): Promise<number> {
		const credentials = sandboxCredentials(sandbox());
		const contact = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'create', inboxId: 407 }),
			{
				credentials,
			},
		);
		const conversation = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId: contact.outputs[NODE_NAME][0].json.id as number,
			}),
			{ credentials },
		);
		sandbox().requests.length = 0;
		return conversation.outputs[NODE_NAME][0].json.id as number;
	}

	it('sends two files from disk-kept binary data as one multipart request whose parts match them byte for byte', async () => {
		const conversationId = await openConversation();
		const { outputs, errors } = await runWorkflow(
			withFilesWorkflow([PHOTO, LABEL], {
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'Here is your label',
				messageType: 'outgoing',
				additionalFields: { attachments: 'data, invoice', private: false },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		// n8n's default binary mode keeps files on disk: the node read them back through n8n's helpers.
		const binary = outputs[FILES_NODE_NAME][0].binary ?? {};
		expect(binary.data?.id).toMatch(/^filesystem/);
		expect(binary.data?.data).not.toBe(PHOTO.data.toString('base64'));

		expect(sandbox().requests).toHaveLength(1);
		const [request] = sandbox().requests;
		expect(request.path).toBe(`/api/v2/accounts/conversations/${conversationId}/messages`);
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const parts = request.parts ?? [];
		expect(parts.map((part) => [part.name, part.fileName, part.mimeType])).toEqual([
			['content', undefined, undefined],
			['message_type', undefined, undefined],
			['private', undefined, undefined],
			['attachments[]', PHOTO.fileName, PHOTO.mimeType],
			['attachments[]', LABEL.fileName, LABEL.mimeType],
		]);
		expect(request.body).toEqual({
			content: 'Here is your label',
			message_type: 'outgoing',
			private: 'false',
		});
		expect(parts[3]?.data.equals(PHOTO.data)).toBe(true);
		expect(parts[4]?.data.equals(LABEL.data)).toBe(true);

		const [message] = sandbox().store.listMessages(conversationId);
		expect(
			message?.attachments.map((file) => [file.fileName, file.mimeType, file.data.length]),
		).toEqual([
			[PHOTO.fileName, PHOTO.mimeType, PHOTO.data.length],
			[LABEL.fileName, LABEL.mimeType, LABEL.data.length],
		]);
		expect(outputs[NODE_NAME][0]).toMatchObject({
			json: {
				content: 'Here is your label',
				message_type: 'outgoing',
				// Simplify lists the files with the trigger's keys, so both outputs map the same way.
				attachments: [
					{
						file_type: 'image',
						file_name: PHOTO.fileName,
						file_size: PHOTO.data.length,
						url: message?.attachments[0]?.dataUrl,
					},
					{
						file_type: 'file',
						file_name: LABEL.fileName,
						file_size: LABEL.data.length,
						url: message?.attachments[1]?.dataUrl,
					},
				],
			},
			pairedItem: { item: 0 },
		});
	});

	it('sends a file without text, and a reply’s In Reply To as the JSON text Rails reads from a form', async () => {
		const conversationId = await openConversation();
		const credentials = sandboxCredentials(sandbox());
		const first = await runWorkflow(
			withFilesWorkflow([PHOTO], {
				resource: 'message',
				operation: 'send',
				conversationId,
				content: '',
				additionalFields: { attachments: 'data' },
			}),
			{ credentials },
		);
		expect(first.errors).toEqual({});
		expect(first.outputs[NODE_NAME][0].json).toMatchObject({
			content: null,
			message_type: 'incoming',
		});
		expect(sandbox().requests[0]?.body).toEqual({ message_type: 'incoming' });

		const firstId = first.outputs[NODE_NAME][0].json.id as number;
		const reply = await runWorkflow(
			withFilesWorkflow([LABEL], {
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'The label',
				messageType: 'outgoing',
				additionalFields: { attachments: 'invoice', inReplyTo: firstId, private: true },
				simplify: false,
			}),
			{ credentials },
		);
		expect(reply.errors).toEqual({});
		expect(sandbox().requests[1]?.body).toMatchObject({
			content_attributes: JSON.stringify({ in_reply_to: firstId }),
			private: 'true',
		});
		expect(reply.outputs[NODE_NAME][0].json).toMatchObject({
			private: true,
			content_attributes: { in_reply_to: firstId },
			attachments: [
				expect.objectContaining({
					file_type: 'file',
					extension: 'pdf',
					file_size: LABEL.data.length,
				}),
			],
		});
	});

	it('sends the whole form again after a 429, so the file arrives once and intact', async () => {
		const conversationId = await openConversation();
		sandbox().injectFault({
			method: 'POST',
			path: '/messages',
			status: 429,
			headers: { 'Retry-After': '0' },
			times: 2,
		});
		const { errors } = await runWorkflow(
			withFilesWorkflow([PHOTO], {
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'after a pause',
				additionalFields: { attachments: 'data' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);
		expect(errors).toEqual({});
		const sent = sandbox().requests.map(
			(request) => request.parts?.find((part) => part.fileName)?.data,
		);
		expect(sent).toHaveLength(3);
		expect(sent.every((data) => data?.equals(PHOTO.data))).toBe(true);
		const messages = sandbox().store.listMessages(conversationId);
		expect(messages).toHaveLength(1);
		expect(messages[0]?.attachments[0]?.data.equals(PHOTO.data)).toBe(true);
	});

	it('fails each bad item before any request, says what to do, and still sends the good ones', async () => {
		const conversationId = await openConversation();
		const big: TestFile = { ...PHOTO, fileName: 'big.png', data: Buffer.alloc(3000, 1) };
		const empty: TestFile = { ...LABEL, fileName: 'empty.pdf', data: Buffer.alloc(0) };
		const items = [
			{ files: filesJson([PHOTO]), fields: 'data', content: 'good one' },
			{ files: filesJson([PHOTO, LABEL]), fields: 'data, scan', content: 'missing field' },
			{ files: filesJson([]), fields: 'data', content: 'no binary at all' },
			{ files: filesJson([empty]), fields: 'invoice', content: 'empty file' },
			{ files: filesJson([big]), fields: 'data', content: 'too big' },
			{ files: filesJson([]), fields: '', content: '  ' },
		];

		const { outputs, errors } = await runWorkflow(
			withFilesWorkflow(
				'={{ $json.files }}',
				{
					resource: 'message',
					operation: 'send',
					conversationId,
					content: '={{ $json.content }}',
					additionalFields: { attachments: '={{ $json.fields }}' },
					options: { maxAttachmentSizeMb: 0.002 },
				},
				{ continueOnFail: true },
			),
			{ credentials: sandboxCredentials(sandbox()), items },
		);

		expect(errors).toEqual({});
		const output = outputs[NODE_NAME];
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[0]?.json).toMatchObject({ content: 'good one' });
		expect(output.slice(1).map((item) => item.json.error)).toEqual([
			'The input item has no binary field "scan" to attach (item 1)',
			'The input item has no binary field "data" to attach (item 2)',
			'The file "empty.pdf" in binary field "invoice" is empty (item 3)',
			'The file "big.png" in binary field "data" is 0.003 MB, over the 0.002 MB limit (item 4)',
			'Content is empty and no file is attached; LiveDesk does not accept an empty message (item 5)',
		]);
		expect(sandbox().requests).toHaveLength(1);
		expect(
			sandbox()
				.store.listMessages(conversationId)
				.map((message) => message.content),
		).toEqual(['good one']);
	});

	it('names the binary fields the item does have, and how to get a file when it has none', async () => {
		const conversationId = await openConversation();
		const credentials = sandboxCredentials(sandbox());
		const missing = await runWorkflow(
			withFilesWorkflow([PHOTO, LABEL], {
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'x',
				additionalFields: { attachments: 'attachment' },
			}),
			{ credentials },
		);
		expect(missing.errors[NODE_NAME]).toMatchObject({
			message: 'The input item has no binary field "attachment" to attach (item 0)',
			description:
				"Set Additional Fields → Attachments to the item's binary field(s): data, invoice.",
		});
		const none = await runWorkflow(
			singleOperationWorkflow({
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'x',
				additionalFields: { attachments: 'data' },
			}),
			{ credentials },
		);
		expect(String((none.errors[NODE_NAME] as { description?: string }).description)).toMatch(
			/carries no file at all/,
		);
		expect(sandbox().requests).toHaveLength(0);
	});
});
