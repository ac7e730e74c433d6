import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { registerFilesNode, withFilesWorkflow, type TestFile } from '../../../../helpers/files';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

const REMEMBERED = 'n8n_conversation_407';

const PHOTO: TestFile = {
	field: 'data',
	fileName: 'photo.png',
	mimeType: 'image/png',
	data: Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex'),
};

/** One chat message as a bridge receives it: one execution per message. Find Contact By is left at its default, Phone Number. */
const BY_PHONE: INodeParameters = {
	resource: 'message',
	operation: 'sendToContact',
	inboxId: 407,
	phoneNumber: '={{ $json.phone }}',
	contactName: '={{ $json.name }}',
	content: '={{ $json.text }}',
	messageType: 'incoming',
};

describe('Message → Send to Contact (the chat bridge: one conversation per customer)', () => {
	const sandbox = useSandbox();
	beforeAll(registerFilesNode);

	const send = async (item: IDataObject, parameters: INodeParameters = {}) => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({ ...BY_PHONE, ...parameters }),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [item],
			},
		);
		expect(errors).toEqual({});
		return outputs[NODE_NAME][0].json;
	};
	const store = () => sandbox().store;
	/** A call to the sandbox's API as anyone else (another worker, an agent's console) would make it. */
	const api = async (method: string, path: string, body: IDataObject) => {
		const { url, apiKey, apiSecret } = sandbox();
		const response = await fetch(`${url}/api/v2/accounts${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
			},
			body: JSON.stringify(body),
		});
		return (await response.json()) as IDataObject;
	};
	const contents = (conversationId: number) =>
		store()
			.listMessages(conversationId)
			.map((message) => message.content);

	it('5 messages in 5 executions from one customer: 1 contact, 1 conversation, 5 messages in order', async () => {
		const results = [];
		for (let n = 1; n <= 5; n++)
			results.push(await send({ phone: '+4915100000001', name: 'Alice', text: `message ${n}` }));

		expect(store().listContacts()).toHaveLength(1);
		expect(store().listConversations()).toHaveLength(1);
		const conversationId = store().listConversations()[0].id;
		expect(contents(conversationId)).toEqual([
			'message 1',
			'message 2',
			'message 3',
			'message 4',
			'message 5',
		]);
		expect(
			results.map((result) => [
				result.conversation_id,
				result.contact_created,
				result.conversation_created,
			]),
		).toEqual([
			[conversationId, true, true],
			[conversationId, false, false],
			[conversationId, false, false],
			[conversationId, false, false],
			[conversationId, false, false],
		]);
		expect(results[0]).toMatchObject({
			content: 'message 1',
			message_type: 'incoming',
			contact_id: store().listContacts()[0].id,
		});
		expect(store().listContacts()[0]).toMatchObject({
			name: 'Alice',
			phoneNumber: '+4915100000001',
		});
		// Remembered where the docs let anyone keep data on a contact: its custom attributes.
		expect(store().listContacts()[0].customAttributes[REMEMBERED]).toMatch(
			new RegExp(`^${conversationId}\\|\\d{4}-\\d\\d-\\d\\dT`),
		);
	});

	it('3 customers interleaved: 3 contacts, 3 conversations, each customer’s messages in their own', async () => {
		const phones = ['+4915100000011', '+4915100000012', '+4915100000013'];
		for (const round of [1, 2]) {
			for (const phone of phones) await send({ phone, name: phone, text: `${phone} #${round}` });
		}

		expect(store().listContacts()).toHaveLength(3);
		expect(store().listConversations()).toHaveLength(3);
		for (const conversation of store().listConversations()) {
			const phone = store().getContact(conversation.contactId)?.phoneNumber ?? '';
			expect(contents(conversation.id)).toEqual([`${phone} #1`, `${phone} #2`]);
		}
	});

	it('past the reuse window: a second conversation; within it, or with the default policy, the same one', async () => {
		const window = { options: { conversationPolicy: 'reuseWithinWindow', reuseWindowHours: 1 } };
		const first = await send({ phone: '+4915100000021', text: 'monday' }, window);
		const again = await send({ phone: '+4915100000021', text: 'monday, later' }, window);
		expect(again).toMatchObject({
			conversation_id: first.conversation_id,
			conversation_created: false,
		});

		// Two hours pass: the remembered last use is set back, as a PATCH from anyone could.
		const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000)
			.toISOString()
			.replace(/\.\d{3}Z$/, 'Z');
		await api('PATCH', `/contacts/${String(first.contact_id)}`, {
			custom_attributes: { [REMEMBERED]: `${String(first.conversation_id)}|${twoHoursAgo}` },
		});
		const reused = await send({ phone: '+4915100000021', text: 'default policy reuses' });
		expect(reused).toMatchObject({
			conversation_id: first.conversation_id,
			conversation_created: false,
		});
		// The default policy refreshed the last use; set it back again for the windowed one.
		await api('PATCH', `/contacts/${String(first.contact_id)}`, {
			custom_attributes: { [REMEMBERED]: `${String(first.conversation_id)}|${twoHoursAgo}` },
		});
		const later = await send({ phone: '+4915100000021', text: 'wednesday' }, window);

		expect(later).toMatchObject({ conversation_created: true, contact_created: false });
		expect(later.conversation_id).not.toBe(first.conversation_id);
		expect(store().listConversations()).toHaveLength(2);
		expect(contents(later.conversation_id as number)).toEqual(['wednesday']);
		const alwaysNew = await send(
			{ phone: '+4915100000021', text: 'form' },
			{ options: { conversationPolicy: 'alwaysNew' } },
		);
		expect(alwaysNew).toMatchObject({ conversation_created: true });
		expect(store().listConversations()).toHaveLength(3);
	});

	it('a remembered conversation that is gone: a new one is opened and remembered, and the message delivered', async () => {
		const first = await send({ phone: '+4915100000031', text: 'hello' });
		sandbox().deleteConversation(first.conversation_id as number);

		const second = await send({ phone: '+4915100000031', text: 'anyone there?' });
		const third = await send({ phone: '+4915100000031', text: 'thanks' });

		expect(second).toMatchObject({
			conversation_created: true,
			contact_created: false,
			content: 'anyone there?',
		});
		expect(second.conversation_id).not.toBe(first.conversation_id);
		expect(third).toMatchObject({
			conversation_id: second.conversation_id,
			conversation_created: false,
		});
		expect(contents(second.conversation_id as number)).toEqual(['anyone there?', 'thanks']);
	});

	it('two executions started together for one new customer: 1 contact, 1 conversation, 2 messages', async () => {
		// Slow look-ups, so both executions would search before either creates without the per-customer queue.
		sandbox().injectFault({ method: 'GET', path: '/contacts', delayMs: 150, times: 4 });
		const [a, b] = await Promise.all([
			send({ phone: '+4915100000041', name: 'Bob', text: 'first' }),
			send({ phone: '+4915100000041', name: 'Bob', text: 'second' }),
		]);

		expect(store().listContacts()).toHaveLength(1);
		expect(store().listConversations()).toHaveLength(1);
		expect(a.conversation_id).toBe(b.conversation_id);
		expect([...contents(a.conversation_id as number)].sort()).toEqual(['first', 'second']);
	});

	it('a create refused as taken (another process created the customer a moment ago): found, no failed item', async () => {
		await send({ phone: '+4915100000051', name: 'Carol', text: 'from worker 1' });
		// This execution's search ran before that contact was visible: it comes back empty.
		sandbox().injectFault({
			method: 'GET',
			path: '/contacts',
			status: 200,
			body: { meta: { count: 0, current_page: 1 }, payload: [] },
		});

		const result = await send({ phone: '+4915100000051', name: 'Carol', text: 'from worker 2' });

		expect(result).toMatchObject({
			contact_created: false,
			conversation_created: false,
			content: 'from worker 2',
		});
		expect(store().listContacts()).toHaveLength(1);
		expect(store().listConversations()).toHaveLength(1);
		const refused = sandbox().requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith('/contacts'),
		);
		expect(refused).toHaveLength(2);
	});

	it('leaves the user’s own custom attributes as they were', async () => {
		const created = await api('POST', '/contacts', { inbox_id: 407, email: 'dana@example.com' });
		const id = ((created.payload as IDataObject).contact as IDataObject).id as number;
		await api('PATCH', `/contacts/${id}`, {
			custom_attributes: { plan: 'pro', n8n_conversation_999: 'theirs' },
		});

		await send(
			{ email: 'dana@example.com', text: 'hi' },
			{ matchBy: 'email', email: '={{ $json.email }}' },
		);

		const attributes = store().getContact(id)?.customAttributes ?? {};
		expect(attributes).toEqual({
			plan: 'pro',
			n8n_conversation_999: 'theirs',
			[REMEMBERED]: expect.any(String),
		});
	});

	it('another process opened a conversation meanwhile: the message goes into that one, and the empty one is resolved', async () => {
		const first = await send({ phone: '+4915100000061', text: 'hello' });
		sandbox().deleteConversation(first.conversation_id as number);
		// While this execution opens its replacement, another worker opens and remembers one of its own.
		sandbox().injectFault({ method: 'POST', path: /\/conversations$/, delayMs: 300 });
		const pending = send({ phone: '+4915100000061', text: 'from this worker' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		const otherId = (
			await api('POST', '/conversations', { inbox_id: 407, contact_id: first.contact_id as number })
		).id as number;
		await api('PATCH', `/contacts/${String(first.contact_id)}`, {
			custom_attributes: { [REMEMBERED]: `${otherId}|${new Date().toISOString()}` },
		});

		const result = await pending;

		expect(result).toMatchObject({ conversation_id: otherId, conversation_created: false });
		expect(contents(otherId)).toEqual(['from this worker']);
		const own = store()
			.listConversations()
			.find((conversation) => conversation.id !== otherId);
		expect(own).toMatchObject({ status: 'resolved' });
		expect(contents(own?.id as number)).toEqual([]);
	});

	it('sends every field Send has: a file, a private note, the message type and the message it answers', async () => {
		const first = await send({ phone: '+4915100000071', text: 'the question' });
		const { outputs, errors } = await runWorkflow(
			withFilesWorkflow([PHOTO], {
				...BY_PHONE,
				phoneNumber: '+4915100000071',
				content: 'see the photo',
				messageType: 'outgoing',
				additionalFields: { attachments: 'data', private: true, inReplyTo: first.id as number },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		const message = store().getMessage(outputs[NODE_NAME][0].json.id as number);
		expect(message).toMatchObject({
			conversationId: first.conversation_id,
			content: 'see the photo',
			messageType: 'outgoing',
			private: true,
			contentAttributes: { in_reply_to: first.id },
		});
		expect(
			message?.attachments.map((file) => [
				file.fileName,
				file.mimeType,
				Buffer.compare(file.data, PHOTO.data),
			]),
		).toEqual([['photo.png', 'image/png', 0]]);
	});

	it('an item without content or file fails alone, before anything is created (Continue On Fail)', async () => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow(BY_PHONE, { continueOnFail: true }),
			{
				credentials: sandboxCredentials(sandbox()),
				items: [
					{ phone: '+4915100000081', text: '' },
					{ phone: '+4915100000082', text: 'ok' },
				],
			},
		);

		expect(
			outputs[NODE_NAME].map((item) => [item.json.error ?? item.json.content, item.pairedItem]),
		).toEqual([
			[expect.stringMatching(/Content is empty/), { item: 0 }],
			['ok', { item: 1 }],
		]);
		expect(
			store()
				.listContacts()
				.map((contact) => contact.phoneNumber),
		).toEqual(['+4915100000082']);
	});
});
