import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { arr, call, createContact, obj } from './helpers';

describe('sandbox: contacts', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('creates a contact with the documented shape and a source_id for the inbox', async () => {
		const response = await call(sandbox, 'POST', '/contacts', {
			body: { inbox_id: '407', name: 'Test', email: 'alice@acme.inc', phone_number: '+123456789', identifier: '1234567890' },
		});
		expect(response.status).toBe(200);
		const payload = obj(obj(response.json).payload);
		const contact = obj(payload.contact);
		expect(Object.keys(contact)).toEqual([
			'additional_attributes', 'availability_status', 'email', 'id', 'name', 'phone_number', 'blocked',
			'identifier', 'thumbnail', 'custom_attributes', 'created_at', 'contact_inboxes',
		]);
		expect(contact).toMatchObject({
			availability_status: 'offline', email: 'alice@acme.inc', name: 'Test', phone_number: '+123456789',
			blocked: false, identifier: '1234567890', thumbnail: '', additional_attributes: {}, custom_attributes: {},
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
		const byIdentifier = await call(sandbox, 'POST', '/contacts', { body: { inbox_id: 407, identifier: 'u-1' } });
		expect(byIdentifier.status).toBe(422);
		expect(byIdentifier.json).toEqual({ message: 'Identifier has already been taken', attributes: ['identifier'] });
		const byEmail = await call(sandbox, 'POST', '/contacts', { body: { inbox_id: 407, email: 'A@X.io' } });
		expect(byEmail.json).toEqual({ message: 'Email has already been taken', attributes: ['email'] });
		expect(sandbox.store.listContacts()).toHaveLength(1);
	});

	it('pages 40 contacts 15 at a time with meta.count and current_page', async () => {
		for (let i = 1; i <= 40; i++) await createContact(sandbox, { name: `Contact ${String(i).padStart(2, '0')}` });
		const pages = await Promise.all([1, 2, 3, 4].map((page) => call(sandbox, 'GET', `/contacts?page=${page}`)));
		expect(pages.map((page) => obj(page.json).meta)).toEqual([1, 2, 3, 4].map((n) => ({ count: 40, current_page: n })));
		expect(pages.map((page) => arr(obj(page.json).payload).length)).toEqual([15, 15, 10, 0]);
		expect(obj(arr(obj(pages[2]?.json).payload)[0]).name).toBe('Contact 31');
		const noPage = obj((await call(sandbox, 'GET', '/contacts?labels=x')).json);
		expect(noPage.meta).toEqual({ count: 40, current_page: 1 });
		const sorted = obj((await call(sandbox, 'GET', '/contacts?sort=-name')).json);
		expect(obj(arr(sorted.payload)[0]).name).toBe('Contact 40');
	});

	it('searches name, email, phone_number and identifier case-insensitively', async () => {
		await createContact(sandbox, { name: 'Alice Smith', email: 'alice@acme.inc' });
		await createContact(sandbox, { name: 'Bob', phone_number: '+4915112345' });
		await createContact(sandbox, { name: 'Carol', identifier: 'ACME-7' });
		const names = async (q: string): Promise<unknown[]> =>
			arr(obj((await call(sandbox, 'GET', `/contacts/search?q=${encodeURIComponent(q)}`)).json).payload).map(
				(contact) => obj(contact).name,
			);
		expect(await names('acme')).toEqual(['Alice Smith', 'Carol']);
		expect(await names('15112')).toEqual(['Bob']);
		expect(await names('zzz')).toEqual([]);
		const meta = obj((await call(sandbox, 'GET', '/contacts/search?q=o&page=1')).json).meta;
		expect(meta).toEqual({ count: 2, current_page: 1 });
		expect((await call(sandbox, 'GET', '/contacts/search')).status).toBe(422);
	});

	it('gets a contact by id and answers 404 for unknown ids', async () => {
		const contact = await createContact(sandbox, { name: 'Get Me' });
		const found = await call(sandbox, 'GET', `/contacts/${String(contact.id)}`);
		expect(obj(obj(found.json).payload).name).toBe('Get Me');
		const missing = await call(sandbox, 'GET', '/contacts/1');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ error: 'Resource could not be found' });
	});

	it('PATCH updates fields and merges attribute objects', async () => {
		const contact = await createContact(sandbox, {
			identifier: 'p-1',
			custom_attributes: { plan: 'free', region: 'eu' },
			additional_attributes: { company: 'Acme' },
		});
		const other = await createContact(sandbox, { email: 'taken@x.io' });
		const response = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, {
			body: { name: 'Renamed', blocked: true, custom_attributes: { plan: 'pro' }, additional_attributes: { city: 'Berlin' } },
		});
		expect(response.status).toBe(200);
		expect(obj(response.json).payload).toMatchObject({
			name: 'Renamed',
			blocked: true,
			identifier: 'p-1',
			custom_attributes: { plan: 'pro', region: 'eu' },
			additional_attributes: { company: 'Acme', city: 'Berlin' },
		});
		const duplicate = await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, { body: { email: 'taken@x.io' } });
		expect(duplicate.status).toBe(422);
		const self = await call(sandbox, 'PATCH', `/contacts/${String(other.id)}`, { body: { email: 'taken@x.io' } });
		expect(self.status).toBe(200);
		expect((await call(sandbox, 'PATCH', `/contacts/${String(contact.id)}`, { body: { email: 'bad' } })).status).toBe(422);
		expect((await call(sandbox, 'PATCH', '/contacts/999', { body: { name: 'x' } })).status).toBe(404);
	});
});
