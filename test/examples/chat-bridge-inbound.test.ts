import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { runWorkflow } from '../../tools/engine';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';

/** What n8n's Webhook node (v2) puts on its item for a POST from the chat channel. */
function webhookItem(body: IDataObject, file?: Buffer): INodeExecutionData {
	return {
		json: {
			headers: { 'content-type': file ? 'multipart/form-data' : 'application/json' },
			params: {},
			query: {},
			body,
		},
		...(file
			? {
					binary: {
						file: { data: file.toString('base64'), mimeType: 'image/jpeg', fileName: 'photo.jpg' },
					},
				}
			: {}),
	};
}

describe('Example: chat channel webhook → Send to Contact (the inbound half of the two-way bridge)', () => {
	const sandbox = useSandbox();

	const receive = async (body: IDataObject, file?: Buffer) => {
		const result = await runWorkflow(readExampleWorkflow('chat-bridge-inbound.workflow.json'), {
			credentials: sandboxCredentials(sandbox()),
			inputItems: [webhookItem(body, file)],
		});
		expect(result.errors).toEqual({});
		expect(result.run.status).toBe('success');
		return result.outputs['Send to Contact'][0].json;
	};

	it('two customers writing, one with a photo: one contact and one conversation each, every message in order', async () => {
		const photo = Buffer.from('ffd8ffe000104a464946000101', 'hex');
		await receive({ phone: '+4915100000001', name: 'Alice', text: 'Hi, my order is late' });
		await receive({ phone: '+4915100000002', name: 'Bob', text: 'Hello' });
		await receive({ phone: '+4915100000001', text: 'Here is the label' }, photo);
		const last = await receive({ phone: '+4915100000001', name: 'Alice', text: 'Order 1042' });

		const { store } = sandbox();
		expect(store.listContacts().map((contact) => [contact.name, contact.phoneNumber])).toEqual([
			['Alice', '+4915100000001'],
			['Bob', '+4915100000002'],
		]);
		expect(store.listConversations()).toHaveLength(2);
		const alice = store.listMessages(last.conversation_id as number);
		expect(
			alice.map((message) => [message.content, message.messageType, message.attachments.length]),
		).toEqual([
			['Hi, my order is late', 'incoming', 0],
			['Here is the label', 'incoming', 1],
			['Order 1042', 'incoming', 0],
		]);
		expect(Buffer.compare(alice[1].attachments[0].data, photo)).toBe(0);
	});
});
