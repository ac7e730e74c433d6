import { createHash } from 'node:crypto';
import type { INodeType } from 'n8n-workflow';
import { loadProjectPackage, registerNodeType } from '../../../tools/engine';
import { useSandbox } from '../../helpers/sandbox';
import { readExampleWorkflow } from '../../helpers/workflow';
import { SwitchStandIn, WhatsAppStandIn } from './example-stand-ins';
import {
	openConversation,
	sendFiles,
	sendMessage,
	settle,
	useTriggerServer,
	type UploadFile,
} from './helpers';

const SEND_TEXT = 'Send to WhatsApp';
const SEND_IMAGE = 'Send Image to WhatsApp';
const SEND_FILE = 'Send File to WhatsApp';
const PHOTO: UploadFile = {
	name: 'damaged box.jpg',
	type: 'image/jpeg',
	data: Buffer.from('ffd8ffe0000000ffd9', 'hex'),
};
const LABEL: UploadFile = {
	name: 'label 1042.pdf',
	type: 'application/pdf',
	data: Buffer.from('%PDF-1.4 label\n'),
};
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('LiveDesk Trigger: the shipped agent-reply bridge example', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	beforeAll(() => {
		registerNodeType('n8n-nodes-base.whatsApp', new WhatsAppStandIn());
		registerNodeType('n8n-nodes-base.switch', new SwitchStandIn());
	});
	const startBridge = async () =>
		await serve(
			sandbox(),
			readExampleWorkflow('agent-reply-bridge.workflow.json'),
			'?token=bridge-token',
			'bridge-token',
		);

	it('forwards an agent reply to the contact’s WhatsApp number, and nothing else', async () => {
		const server = await startBridge();

		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Internal: ask the warehouse', 'outgoing', {
			private: true,
		});
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		const [{ outputs, errors, run }] = server.runs;
		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		expect(outputs[SEND_TEXT].map((item) => item.json)).toEqual([
			{ to: '+4915112345678', text: 'It ships today.', from: '123456789012345' },
		]);
		expect(outputs[SEND_IMAGE]).toBeUndefined();
		expect(outputs[SEND_FILE]).toBeUndefined();
	});

	it('sends an agent’s photo as a WhatsApp image with the text as caption, and a PDF as a document', async () => {
		const server = await startBridge();
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PHOTO], 'Is this the damage you mean?');
		await sendFiles(sandbox(), conversation.id, [LABEL]);
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(2);
		// Runs finish in the order their downloads do, not the order LiveDesk sent the messages.
		const runFor = (content: string | null) =>
			server.runs.find((run) => run.outputs['LiveDesk Trigger']?.[0]?.json.content === content);
		const [photo, label] = [runFor('Is this the damage you mean?'), runFor(null)];
		if (!photo || !label) throw new Error('Expected one run for the photo and one for the label');
		expect(photo.errors).toEqual({});
		expect(photo.outputs[SEND_IMAGE].map((item) => item.json)).toEqual([
			{
				to: '+4915112345678',
				from: '123456789012345',
				type: 'image',
				caption: 'Is this the damage you mean?',
				file: { name: 'damaged box.jpg', mimeType: 'image/jpeg', sha256: sha256(PHOTO.data) },
			},
		]);
		expect(photo.outputs[SEND_TEXT]).toBeUndefined();
		expect(label.outputs[SEND_FILE].map((item) => item.json)).toMatchObject([
			{
				type: 'document',
				caption: '',
				file: { name: 'label 1042.pdf', mimeType: 'application/pdf', sha256: sha256(LABEL.data) },
			},
		]);
		expect(label.outputs[SEND_IMAGE]).toBeUndefined();
	});

	it('sends nothing for a file it could not download and no text; the run shows why', async () => {
		const server = await startBridge();
		const conversation = await openConversation(sandbox());
		sandbox().injectFault({ method: 'GET', path: '/rails/active_storage/blobs/', status: 404 });
		await sendFiles(sandbox(), conversation.id, [LABEL]);
		await settle(sandbox(), server);

		const [{ outputs, run }] = server.runs;
		expect(run.status).toBe('success');
		expect(outputs['LiveDesk Trigger'][0].json.attachments).toMatchObject([
			{ download_error: expect.stringMatching(/404/) },
		]);
		expect([outputs[SEND_TEXT], outputs[SEND_IMAGE], outputs[SEND_FILE]]).toEqual([
			undefined,
			undefined,
			undefined,
		]);
	});

	it('is loaded by n8n’s package loader with the LiveDesk icon and codex', async () => {
		const loader = await loadProjectPackage();
		const loaded = loader.nodeTypes.liveDeskTrigger;
		expect(loaded).toBeDefined();
		const { description } = loaded.type as INodeType;
		expect(description).toMatchObject({
			name: 'liveDeskTrigger',
			group: ['trigger'],
			inputs: [],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
			iconUrl: {
				light: 'icons/n8n-nodes-engagelab-livedesk/dist/icons/livedesk.svg',
				dark: 'icons/n8n-nodes-engagelab-livedesk/dist/icons/livedesk.dark.svg',
			},
			codex: { categories: ['Communication'] },
		});
		expect(description.credentials).toEqual([{ name: 'liveDeskApi', required: true }]);
		expect(loader.known.nodes.liveDeskTrigger?.sourcePath).toMatch(
			/dist\/nodes\/LiveDeskTrigger\/LiveDeskTrigger\.node\.js$/,
		);
	});
});
