import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { call, createContact, obj } from './helpers';

/** The request body of the docs' page rest-api/contact/update-contact, as published. */
const UPDATE_EXAMPLE = {
	additional_attributes: {
		description: '',
		company_name: '',
		city: '',
		telegram: '',
		country: '',
		country_code: '',
		social_profiles: { facebook: '', github: '', instagram: '', linkedin: '', twitter: '' },
	},
	availability_status: 'offline',
	email: 'support@jiguang.cn',
	name: 'support',
	phone_number: null,
	blocked: false,
	identifier: '2222',
	thumbnail: '',
	last_activity_at: 1765441908,
	custom_attributes: { vip_level: 'platinum' },
	created_at: 1765441895,
	first_name: 'support',
	last_name: '',
};

describe('sandbox: contacts', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('creates a contact with the documented shape and a source_id for the inbox', async () => {
		const response = await call(sandbox, 'POST', '/contacts', {
			body: {
				inbox_id: '407',
				name: 'Test',
				email: 'alice@acme.inc',
				phone_number: '+123456789',
				identifier: '1234567890',
			},
		});
		expect(response.status).toBe(200);
		const payload = obj(obj(response.json).payload);
		const contact = obj(payload.contact);
		expect(Object.keys(contact)).toEqual([
			'additional_attributes',
			'availability_status',
			'email',
			'id',
			'name',
			'phone_number',
			'blocked',
			'identifier',
			'thumbnail',
			'custom_attributes',
			'created_at',
			'contact_inboxes',
		]);
		expect(contact).toMatchObject({
			availability_status: 'offline',
			email: 'alice@acme.inc',
			name: 'Test',
			phone_number: '+123456789',
			blocked: false,
			identifier: '1234567890',
			thumbnail: '',
			additional_attributes: {},
			custom_attributes: {},
		});
		expect(typeof contact.id).toBe('number');
		expect(typeof contact.created_at).toBe('number');
		const inbox = { id: 407, name: 'Sandbox API', channel_type: 'Channel::Api' };
		const contactInbox = obj(payload.contact_inbox);
		expect(contactInbox.inbox).toEqual(inbox);
		expect(contactInbox.source_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(contact.contact_inboxes).toEqual([{ source_id: contactInbox.source_id, inbox }]);
		expect(sandbox.store.getContact(Number(contact.id))?.email).toBe('alice@acme.inc');
	});

	it.each([
		[{}, 'inbox_id'],
		[{ inbox_id: 999 }, 'inbox_id'],
		[{ inbox_id: 'abc' }, 'inbox_id'],
		[{ inbox_id: 407, email: 'no-at-sign' }, 'email'],
		[{ inbox_id: 407, custom_attributes: 'x' }, 'custom_attributes'],
	])('rejects %j with 422 naming %s', async (body, attribute) => {
		const response = await call(sandbox, 'POST', '/contacts', { body });
		expect(response.status).toBe(422);
		expect(obj(response.json).attributes).toEqual([attribute]);
		expect(typeof obj(response.json).message).toBe('string');
	});

	it('rejects duplicate identifier and email with 422', async () => {
		await createContact(sandbox, { identifier: 'u-1', email: 'a@x.io' });
		const byIdentifier = await call(sandbox, 'POST', '/contacts', {
			body: { inbox_id: 407, identifier: 'u-1' },
		});
		expect(byIdentifier.status).toBe(422);
		expect(byIdentifier.json).toEqual({
			message: 'Identifier has already been taken',
			attributes: ['identifier'],
		});
		const byEmail = await call(sandbox, 'POST', '/contacts', {
			body: { inbox_id: 407, email: 'A@X.io' },
		});
		expect(byEmail.json).toEqual({
			message: 'Email has already been taken',
			attributes: ['email'],
		});
		expect(sandbox.store.listContacts()).toHaveLength(1);
	});

	it('rejects a duplicate phone number with 422, on create and on update (assumed, as Chatwoot)', async () => {
		await createContact(sandbox, { phone_number: '+4915112345678' });
		const created = await call(sandbox, 'POST', '/contacts', {
			body: { inbox_id: 407, phone_number: '+4915112345678' },
		});
		expect(created.status).toBe(422);
		expect(created.json).toEqual({
			message: 'Phone number has already been taken',
			attributes: ['phone_number'],
		});
		const other = await createContact(sandbox, { phone_number: '+4915100000000' });
		const moved = await call(sandbox, 'PATCH', `/contacts/${String(other.id)}`, {
			body: { phone_number: '+4915112345678' },
		});
		expect(moved.status).toBe(422);
		const freed = await call(sandbox, 'PATCH', `/contacts/${String(other.id)}`, {
			body: { phone_number: '+4915100000001' },
		});
		expect(freed.status).toBe(200);
		const reused = await call(sandbox, 'POST', '/contacts', {
			body: { inbox_id: 407, phone_number: '+4915100000000' },
		});
		expect(reused.status).toBe(200);
	});

	it('custom_attributes: a PATCH merges the keys it sends and keeps the others (documented)', async () => {
		const contact = await createContact(sandbox, {
			custom_attributes: { plan: 'free', region: 'eu' },
		});
		await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: { custom_attributes: { n8n_x: 'a' } },
		});
		const answer = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: { custom_attributes: { plan: 'pro' } },
		});
		expect(obj(obj(answer.json).payload).custom_attributes).toEqual({
			plan: 'pro',
			region: 'eu',
			n8n_x: 'a',
		});
	});

	it('gets a contact by id and answers 404 for unknown ids', async () => {
		const contact = await createContact(sandbox, { name: 'Get Me' });
		const found = await call(sandbox, 'GET', `/contacts/${String(contact.id)}`);
		expect(obj(obj(found.json).payload).name).toBe('Get Me');
		const missing = await call(sandbox, 'GET', '/contacts/1');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ error: 'Resource could not be found' });
	});

	it('PATCH updates fields, first/last name, and merges attribute objects', async () => {
		const contact = await createContact(sandbox, {
			identifier: 'p-1',
			custom_attributes: { plan: 'free', region: 'eu' },
			additional_attributes: {
				company_name: 'Acme',
				social_profiles: { github: 'acme', twitter: 'old' },
			},
		});
		const other = await createContact(sandbox, { email: 'taken@x.io' });
		const response = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: {
				name: 'Renamed',
				first_name: 'Ada',
				last_name: 'Lovelace',
				blocked: true,
				avatar_url: 'https://example.com/a.png',
				custom_attributes: { plan: 'pro' },
				additional_attributes: { city: 'Berlin', social_profiles: { twitter: 'new' } },
			},
		});
		expect(response.status).toBe(200);
		expect(obj(response.json).payload).toMatchObject({
			name: 'Renamed',
			first_name: 'Ada',
			last_name: 'Lovelace',
			blocked: true,
			identifier: 'p-1',
			thumbnail: 'https://example.com/a.png',
			custom_attributes: { plan: 'pro', region: 'eu' },
			additional_attributes: {
				company_name: 'Acme',
				city: 'Berlin',
				social_profiles: { github: 'acme', twitter: 'new' },
			},
		});
		const cleared = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: { last_name: '' },
		});
		expect(obj(obj(cleared.json).payload)).toMatchObject({ first_name: 'Ada', last_name: null });
		const duplicate = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: { email: 'taken@x.io' },
		});
		expect(duplicate.status).toBe(422);
		const self = await call(sandbox, 'PATCH', `/contacts/${String(other.id)}`, {
			body: { email: 'taken@x.io' },
		});
		expect(self.status).toBe(200);
		expect(
			(await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, { body: { email: 'bad' } }))
				.status,
		).toBe(422);
		const badProfiles = { additional_attributes: { social_profiles: 'x' } };
		expect(
			(await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, { body: badProfiles }))
				.status,
		).toBe(422);
		expect((await call(sandbox, 'PATCH', '/contacts/999', { body: { name: 'x' } })).status).toBe(
			404,
		);
	});

	it("accepts the docs' update example as the body", async () => {
		const contact = await createContact(sandbox, { custom_attributes: { tier: 'gold' } });
		const response = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: UPDATE_EXAMPLE,
		});
		expect(response.status).toBe(200);
		expect(obj(response.json).payload).toMatchObject({
			email: 'support@jiguang.cn',
			identifier: '2222',
			first_name: 'support',
			last_name: null,
			custom_attributes: { tier: 'gold', vip_level: 'platinum' },
			additional_attributes: { company_name: '', social_profiles: { github: '', twitter: '' } },
			created_at: contact.created_at,
			last_activity_at: null,
		});
	});
});
