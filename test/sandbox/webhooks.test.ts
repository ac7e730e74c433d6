import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { call, createContact, obj, startReceiver, type Receiver } from './helpers';

describe('sandbox: webhooks', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	beforeEach(async () => {
		receiver = await startReceiver();
		sandbox = await startSandbox({ webhookUrl: receiver.url });
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it('posts conversation_created and message_created events in order', async () => {
		const contact = await createContact(sandbox, { name: 'Alice', email: 'alice@acme.inc' });
		const conversation = obj(
			(
				await call(sandbox, 'POST', '/conversations', {
					body: { inbox_id: 407, contact_id: contact.id },
				})
			).json,
		);
		const path = `/conversations/${String(conversation.id)}/messages`;
		await call(sandbox, 'POST', path, { body: { content: 'Hi', message_type: 'incoming' } });
		await call(sandbox, 'POST', path, {
			body: { content: 'Hello!', content_attributes: { in_reply_to: 3030 } },
		});
		await call(sandbox, 'POST', path, { body: { content: 'note', private: true } });
		await sandbox.flushWebhooks();

		expect(receiver.received.map((hook) => hook.body.event)).toEqual([
			'conversation_created',
			'message_created',
			'message_created',
			'message_created',
		]);
		const sourceId = sandbox.store.getContact(Number(contact.id))?.contactInboxes[0]?.sourceId;
		const [created, incoming, outgoing, note] = receiver.received.map((hook) => hook.body);
		expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
		expect(created).toMatchObject({
			id: conversation.id,
			status: 'open',
			inbox_id: 407,
			contact_inbox: { source_id: sourceId },
		});
		expect(incoming).toMatchObject({
			id: 3030,
			content: 'Hi',
			message_type: 'incoming',
			content_type: 'text',
			private: false,
			source_id: null,
			sender: { id: contact.id, name: 'Alice', email: 'alice@acme.inc', type: 'contact' },
			conversation: {
				id: conversation.id,
				status: 'open',
				inbox_id: 407,
				contact_inbox: { source_id: sourceId },
			},
			inbox: { id: 407, name: 'Sandbox API' },
			account: { id: 17623000010928, name: 'Sandbox Account' },
		});
		expect(new Date(String(incoming?.created_at)).toISOString()).toBe(incoming?.created_at);
		expect(obj(obj(incoming?.conversation).meta).sender).toMatchObject({ id: contact.id });
		expect(outgoing).toMatchObject({
			message_type: 'outgoing',
			content_attributes: { in_reply_to: 3030 },
			sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		});
		expect(note).toMatchObject({ private: true });
		expect(sandbox.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
	});

	it('posts status events on toggle_status, only when something changed', async () => {
		await call(sandbox, 'POST', '/contacts', { body: { inbox_id: 407 } });
		await call(sandbox, 'POST', '/conversations', { body: { inbox_id: 407, contact_id: 2219256 } });
		await call(sandbox, 'POST', '/conversations/40/toggle_status', {
			body: { status: 'resolved' },
		});
		await call(sandbox, 'POST', '/conversations/40/toggle_status', {
			body: { status: 'resolved' },
		});
		await sandbox.flushWebhooks();
		const events = receiver.received.map((hook) => hook.body);
		expect(events.map((event) => event.event)).toEqual([
			'conversation_created',
			'conversation_status_changed',
			'conversation_updated',
		]);
		expect(events[2]).toMatchObject({
			id: 40,
			status: 'resolved',
			changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
		});
	});

	it('is configured through the control endpoint and survives a failing receiver', async () => {
		await call(sandbox, 'POST', '/__sandbox/webhook', { body: { url: null } });
		const contact = await createContact(sandbox);
		await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: 407, contact_id: contact.id },
		});
		await sandbox.flushWebhooks();
		expect(receiver.received).toHaveLength(0);

		receiver.respondWith(500, `{"message":"${'x'.repeat(600)}"}`);
		const set = await call(sandbox, 'POST', '/__sandbox/webhook', { body: { url: receiver.url } });
		expect(obj(set.json).url).toBe(receiver.url);
		await call(sandbox, 'POST', '/conversations/40/messages', { body: { content: 'x' } });
		sandbox.setWebhookUrl('http://127.0.0.1:1/unreachable');
		await call(sandbox, 'POST', '/conversations/40/messages', { body: { content: 'y' } });
		await sandbox.flushWebhooks();
		expect(sandbox.webhookDeliveries.map((delivery) => delivery.error !== undefined)).toEqual([
			true,
			true,
		]);
		expect(sandbox.webhookDeliveries[0]?.status).toBe(500);
		// The receiver's answer is kept (its start), so a test can tell an ignored event from a started one.
		expect(sandbox.webhookDeliveries[0]?.response).toBe(`{"message":"${'x'.repeat(488)}`);
		expect(sandbox.webhookDeliveries[1]?.response).toBeUndefined();
		expect((await call(sandbox, 'GET', '/conversations/40')).status).toBe(200);
		expect(
			(await call(sandbox, 'POST', '/__sandbox/webhook', { body: { url: 'ftp://x' } })).status,
		).toBe(400);
	});
});
