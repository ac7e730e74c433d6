import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { arr, call, createConversation, obj } from './helpers';

describe('sandbox: messages', () => {
	let sandbox: Sandbox;
	let path: string;
	beforeEach(async () => {
		sandbox = await startSandbox();
		path = `/conversations/${String((await createConversation(sandbox, 'Alice')).id)}/messages`;
	});
	afterEach(() => sandbox.close());

	it('creates outgoing (default) and incoming messages with numeric message_type', async () => {
		const outgoing = await call(sandbox, 'POST', path, { body: { content: 'Hello from support' } });
		expect(outgoing.status).toBe(200);
		expect(outgoing.json).toEqual({
			id: 3030,
			content: 'Hello from support',
			inbox_id: 407,
			conversation_id: 40,
			message_type: 1,
			content_type: 'text',
			content_attributes: {},
			private: false,
			created_at: expect.any(Number),
			source_id: null,
			sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		});
		const incoming = await call(sandbox, 'POST', path, {
			body: {
				content: 'Thanks',
				message_type: 'incoming',
				private: 'false',
				content_attributes: { in_reply_to: '3030' },
			},
		});
		expect(obj(incoming.json)).toMatchObject({
			message_type: 0,
			content_attributes: { in_reply_to: 3030 },
			sender: { name: 'Alice', type: 'contact' },
		});
		const note = await call(sandbox, 'POST', path, {
			body: { content: 'internal', private: true },
		});
		expect(obj(note.json).private).toBe(true);
		const list = obj((await call(sandbox, 'GET', path)).json);
		expect(arr(list.payload).map((message) => obj(message).content)).toEqual([
			'Hello from support',
			'Thanks',
			'internal',
		]);
		expect(obj(list.meta).contact).toMatchObject({ name: 'Alice' });
		expect(sandbox.store.listMessages(40)).toHaveLength(3);
		const conversation = obj((await call(sandbox, 'GET', '/conversations/40')).json);
		expect(conversation.content_preview).toEqual({
			content: 'internal',
			message_type: 1,
			created_at: expect.any(Number),
		});
	});

	it.each([
		[{}, "Content can't be blank", 'content'],
		[{ content: '   ' }, "Content can't be blank", 'content'],
		[{ content: 'x', message_type: 'activity' }, undefined, 'message_type'],
		[{ content: 'x', private: 'yes' }, undefined, 'private'],
		[{ content: 'x', content_attributes: { in_reply_to: 29 } }, undefined, 'content_attributes'],
	])('rejects %j with 422', async (body, message, attribute) => {
		const response = await call(sandbox, 'POST', path, { body });
		expect(response.status).toBe(422);
		expect(obj(response.json).attributes).toEqual([attribute]);
		if (message) expect(obj(response.json).message).toBe(message);
		expect(sandbox.store.listMessages()).toHaveLength(0);
	});

	it('rejects in_reply_to pointing at another conversation', async () => {
		const other = await createConversation(sandbox, 'Bob');
		const foreign = obj(
			(
				await call(sandbox, 'POST', `/conversations/${String(other.id)}/messages`, {
					body: { content: 'x' },
				})
			).json,
		);
		const response = await call(sandbox, 'POST', path, {
			body: { content: 'reply', content_attributes: { in_reply_to: foreign.id } },
		});
		expect(response.status).toBe(422);
	});

	it('answers 404 for an unknown conversation', async () => {
		expect(
			(await call(sandbox, 'POST', '/conversations/999/messages', { body: { content: 'x' } }))
				.status,
		).toBe(404);
		expect((await call(sandbox, 'GET', '/conversations/999/messages')).status).toBe(404);
	});

	it('answers 404 for a conversation that was deleted, with the body of any unknown resource', async () => {
		expect(sandbox.deleteConversation(40)).toBe(true);
		const response = await call(sandbox, 'POST', path, { body: { content: 'still there?' } });
		expect(response.status).toBe(404);
		expect(response.json).toEqual({ error: 'Resource could not be found' });
		expect(sandbox.store.listMessages()).toHaveLength(0);
	});

	it('an incoming message reopens a resolved conversation; an outgoing one does not (assumed, as Chatwoot)', async () => {
		const status = (value: string) =>
			call(sandbox, 'POST', '/conversations/40/toggle_status', { body: { status: value } });
		await status('resolved');
		await call(sandbox, 'POST', path, {
			body: { content: 'agent follow-up', message_type: 'outgoing' },
		});
		expect(sandbox.store.getConversation(40)?.status).toBe('resolved');
		await call(sandbox, 'POST', path, {
			body: { content: 'customer again', message_type: 'incoming' },
		});
		expect(sandbox.store.getConversation(40)?.status).toBe('open');
	});
});
