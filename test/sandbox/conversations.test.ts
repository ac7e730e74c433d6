import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { arr, call, createContact, createConversation, obj } from './helpers';

const DOCUMENTED_FIELDS = [
	'meta',
	'id',
	'messages',
	'account_id',
	'uuid',
	'inbox_id',
	'additional_attributes',
	'agent_last_seen_at',
	'assignee_last_seen_at',
	'can_reply',
	'contact_last_seen_at',
	'custom_attributes',
	'labels',
	'muted',
	'snoozed_until',
	'status',
	'priority',
	'conversation_category',
	'chat_mode',
	'is_forum',
	'created_at',
	'updated_at',
	'timestamp',
	'first_reply_created_at',
	'unread_count',
	'last_non_activity_message',
	'last_activity_at',
	'waiting_since',
	'sla_policy_id',
	'ticket_id',
	'over_limit',
	'content_preview',
	'platform',
	'account_info',
	'assignment',
];

describe('sandbox: conversations', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('creates a conversation by contact_id with every documented field', async () => {
		const contact = await createContact(sandbox, { name: 'Test', email: 't@x.io' });
		const response = await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: '407', contact_id: String(contact.id) },
		});
		expect(response.status).toBe(200);
		const conversation = obj(response.json);
		expect(Object.keys(conversation)).toEqual(DOCUMENTED_FIELDS);
		expect(conversation).toMatchObject({
			id: 40,
			account_id: 17623000010928,
			inbox_id: 407,
			status: 'open',
			messages: [],
			labels: [],
			snoozed_until: null,
			conversation_category: 'chat',
			chat_mode: 'private_chat',
			content_preview: { content: null, message_type: null, created_at: null },
			platform: { channel_type: 'Channel::Api', inbox_name: 'Sandbox API', inbox_id: 407 },
			account_info: {
				contact_name: 'Test',
				contact_email: 't@x.io',
				contact_phone: null,
				contact_id: contact.id,
				contact_avatar: '',
			},
			assignment: {
				assignee_id: null,
				assignee_name: null,
				assignee_email: null,
				team_id: null,
				team_name: null,
			},
		});
		const meta = obj(conversation.meta);
		expect(meta).toMatchObject({ channel: 'Channel::Api', hmac_verified: false });
		// The conversation's sender is the contact without its inbox list.
		expect(meta.sender).toEqual({ ...contact, contact_inboxes: undefined });
		expect(conversation.uuid).toMatch(/^[0-9a-f-]{36}$/);
		expect(typeof conversation.updated_at).toBe('number');
	});

	it('creates a conversation by source_id and rejects foreign or missing senders', async () => {
		const contact = await createContact(sandbox, { name: 'Src' });
		const contactInbox = obj(arr(contact.contact_inboxes)[0]);
		const bySource = await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: 407, source_id: contactInbox.source_id },
		});
		expect(bySource.status).toBe(200);
		expect(obj(obj(bySource.json).meta).sender).toMatchObject({ id: contact.id, name: 'Src' });
		const unknownSource = await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: 407, source_id: 'nope' },
		});
		expect(unknownSource.status).toBe(422);
		expect(obj(unknownSource.json).attributes).toEqual(['source_id']);
		const neither = await call(sandbox, 'POST', '/conversations', { body: { inbox_id: 407 } });
		expect(neither.json).toEqual({
			message: 'contact_id or source_id is required',
			attributes: ['contact_id'],
		});
		const unknownContact = await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: 407, contact_id: 5 },
		});
		expect(unknownContact.status).toBe(404);
		const badInbox = await call(sandbox, 'POST', '/conversations', {
			body: { inbox_id: 1, contact_id: contact.id },
		});
		expect(badInbox.status).toBe(422);
		expect(obj(badInbox.json).attributes).toEqual(['inbox_id']);
	});

	it('gets a conversation and answers 404 for unknown ids', async () => {
		const created = await createConversation(sandbox);
		const found = await call(sandbox, 'GET', `/conversations/${String(created.id)}`);
		expect(obj(found.json).uuid).toBe(created.uuid);
		expect((await call(sandbox, 'GET', '/conversations/999')).status).toBe(404);
	});

	it('toggles status, including snoozed_until, and validates the status', async () => {
		const { id } = await createConversation(sandbox);
		const path = `/conversations/${String(id)}/toggle_status`;
		const resolved = await call(sandbox, 'POST', path, { body: { status: 'resolved' } });
		expect(resolved.json).toEqual({
			meta: {},
			payload: {
				success: true,
				current_status: 'resolved',
				conversation_id: id,
				snoozed_until: null,
			},
		});
		const snoozed = await call(sandbox, 'POST', path, {
			body: { status: 'snoozed', snoozed_until: 1766600000 },
		});
		expect(obj(obj(snoozed.json).payload)).toMatchObject({
			current_status: 'snoozed',
			snoozed_until: 1766600000,
		});
		expect(obj((await call(sandbox, 'GET', `/conversations/${String(id)}`)).json)).toMatchObject({
			status: 'snoozed',
			snoozed_until: 1766600000,
		});
		const invalid = await call(sandbox, 'POST', path, { body: { status: 'closed' } });
		expect(invalid.status).toBe(422);
		expect(obj(invalid.json).attributes).toEqual(['status']);
		expect(
			(
				await call(sandbox, 'POST', '/conversations/999/toggle_status', {
					body: { status: 'open' },
				})
			).status,
		).toBe(404);
	});
});
