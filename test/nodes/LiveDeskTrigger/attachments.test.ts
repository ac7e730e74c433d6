import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../../helpers/sandbox';
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
const PDF: UploadFile = { name: 'label 1042.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4 label 1042\n') };

/** A message_created event as LiveDesk documents its attachments: a MIME type and a file_url. */
function liveDeskEvent(attachments: IDataObject[]): IDataObject {
	return {
		event: 'message_created',
		id: 5001,
		content: 'Your shipping label',
		message_type: 'outgoing',
		private: false,
		sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		conversation: { id: 40, status: 'open', meta: { sender: { id: 7, name: 'Alice', phone_number: '+4915112345678' } } },
		attachments,
	};
}

describe('LiveDesk Trigger: attachments', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();

	const fileRequests = () => sandbox().requests.filter((request) => request.path.startsWith('/rails/active_storage/'));

	it('lists an agent’s files from the sandbox’s webhook, and fetches nothing without Download Attachments', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		const message = await sendFiles(sandbox(), conversation.id, [PNG, PDF], 'Here is your label');
		await settle(sandbox(), server);

		const [sent, label] = message.attachments as IDataObject[];
		const [item] = triggerItems(server);
		expect(item.json).toMatchObject({ content: 'Here is your label', message_id: message.id });
		expect(item.json.attachments).toEqual([
			{ file_type: 'image', url: sent.data_url, file_name: 'photo.png', file_size: PNG.data.length },
			{ file_type: 'file', url: label.data_url, file_name: 'label 1042.pdf', file_size: PDF.data.length },
		]);
		expect(String(sent.data_url).startsWith(`${sandbox().url}/rails/active_storage/blobs/`)).toBe(true);
		expect(item.binary).toBeUndefined();
		expect(fileRequests()).toEqual([]);
	});

	it('starts the workflow for a message that is only a file, with content null', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PNG]);
		await settle(sandbox(), server);

		expect(sandbox().webhookDeliveries.at(-1)?.payload).toMatchObject({ content: null, message_type: 'outgoing' });
		expect(triggerOutputs(server)).toMatchObject([
			{ content: null, message_type: 'outgoing', attachments: [{ file_type: 'image', file_name: 'photo.png' }] },
		]);
	});

	it('reads LiveDesk’s documented shape: a MIME type as file_type, and file_url', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const url = 'https://files.example/uploads/Shipping%20label.jpg?X-Amz-Signature=1';
		expect((await post(server.url, liveDeskEvent([{ file_type: 'image/jpeg', file_url: url }, {}]))).status).toBe(200);
		await server.idle();

		expect(triggerOutputs(server)[0].attachments).toEqual([
			{ file_type: 'image/jpeg', url, file_name: 'Shipping label.jpg', mime_type: 'image/jpeg' },
			{ file_type: null, url: null, file_name: 'attachment_1' },
		]);
	});
});
