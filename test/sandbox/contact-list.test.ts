import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { arr, call, createContact, obj } from './helpers';

type Page = { meta: unknown; payload: Record<string, unknown>[] };

async function page(sandbox: Sandbox, query: string): Promise<Page> {
	const response = await call(sandbox, 'GET', `/contacts?${query}`);
	if (response.status !== 200)
		throw new Error(`GET /contacts?${query}: ${response.status} ${response.text}`);
	const body = obj(response.json);
	return { meta: body.meta, payload: arr(body.payload).map(obj) };
}

async function createMany(sandbox: Sandbox, count: number): Promise<void> {
	for (let i = 1; i <= count; i++)
		await createContact(sandbox, { name: `Contact ${String(i).padStart(2, '0')}` });
}

describe('sandbox: contact list and search (GET /contacts)', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox();
	});
	afterEach(() => sandbox.close());

	it('pages 40 contacts 15 at a time with meta.count and current_page', async () => {
		await createMany(sandbox, 40);
		const pages = await Promise.all([1, 2, 3, 4].map((n) => page(sandbox, `page=${n}`)));
		expect(pages.map(({ meta }) => meta)).toEqual(
			[1, 2, 3, 4].map((n) => ({ count: 40, current_page: n })),
		);
		expect(pages.map(({ payload }) => payload.length)).toEqual([15, 15, 10, 0]);
		expect(pages[2]?.payload[0]?.name).toBe('Contact 31');
		expect((await page(sandbox, 'labels=x')).meta).toEqual({ count: 40, current_page: 1 });
		expect((await page(sandbox, 'sort=-name')).payload[0]?.name).toBe('Contact 40');
	});

	it('lists each contact in the documented shape', async () => {
		await createContact(sandbox, { name: 'Ann', email: 'ann@acme.inc' });
		const [contact] = (await page(sandbox, '')).payload;
		expect(contact).toMatchObject({
			additional_attributes: {},
			availability_status: 'offline',
			thumbnail: '',
			first_name: null,
			last_name: null,
			last_activity_at: null,
			contact_inboxes: [expect.objectContaining({ source_id: expect.any(String) })],
		});
		expect((await page(sandbox, 'include_contact_inboxes=false')).payload[0]).not.toHaveProperty(
			'contact_inboxes',
		);
	});

	it('searches with q: email, phone_number, name and identifier, case-insensitive substrings', async () => {
		await createContact(sandbox, { name: 'Alice Smith', email: 'alice@acme.inc' });
		await createContact(sandbox, { name: 'Bob', phone_number: '+4915112345' });
		await createContact(sandbox, { name: 'Carol', identifier: 'ACME-7' });
		const names = async (q: string): Promise<unknown[]> =>
			(await page(sandbox, `q=${encodeURIComponent(q)}`)).payload.map((contact) => contact.name);
		expect(await names('acme')).toEqual(['Alice Smith', 'Carol']);
		expect(await names('15112')).toEqual(['Bob']);
		expect(await names('SMITH')).toEqual(['Alice Smith']);
		expect(await names('zzz')).toEqual([]);
		expect((await page(sandbox, 'q=o&page=1')).meta).toEqual({ count: 2, current_page: 1 });
		expect(
			(await page(sandbox, 'q=acme&sort=name&direction=desc')).payload.map((c) => c.name),
		).toEqual(['Carol', 'Alice Smith']);
		// A missing or blank q is the plain list (assumed).
		expect((await page(sandbox, 'q=')).meta).toEqual({ count: 3, current_page: 1 });
		expect((await page(sandbox, 'q=%20')).meta).toEqual({ count: 3, current_page: 1 });
	});

	it('gives searched contacts with an email additional_attributes.source_id "email:…"', async () => {
		await createContact(sandbox, {
			name: 'Ann',
			email: 'ann@acme.inc',
			additional_attributes: { city: 'Oslo' },
		});
		await createContact(sandbox, { name: 'Anna' });
		const [withEmail, withoutEmail] = (await page(sandbox, 'q=ann')).payload;
		expect(withEmail?.additional_attributes).toEqual({
			city: 'Oslo',
			source_id: 'email:ann@acme.inc',
		});
		expect(withoutEmail?.additional_attributes).toEqual({});
		expect((await page(sandbox, '')).payload[0]?.additional_attributes).toEqual({ city: 'Oslo' });
		expect(sandbox.store.listContacts()[0]?.additionalAttributes).toEqual({ city: 'Oslo' });
	});

	it('answers /contacts/search like any unknown path (404 before auth), and records it', async () => {
		await createContact(sandbox, { name: 'Ann' });
		for (const auth of [undefined, null]) {
			const response = await call(sandbox, 'GET', '/contacts/search?q=ann', { auth });
			expect(response.status).toBe(404);
			expect(response.json).toEqual({ error: 'Route not found' });
		}
		expect((await call(sandbox, 'GET', '/contacts/abc')).json).toEqual({
			error: 'Route not found',
		});
		expect(sandbox.requests.map((request) => [request.path, request.query])).toEqual([
			['/api/v2/accounts/contacts', {}],
			['/api/v2/accounts/contacts/search', { q: 'ann' }],
			['/api/v2/accounts/contacts/search', { q: 'ann' }],
			['/api/v2/accounts/contacts/abc', {}],
		]);
	});

	it.each([
		['company', 'company_name'],
		['city', 'city'],
		['country', 'country'],
	])('sorts by %s from additional_attributes.%s, missing values last', async (sort, key) => {
		for (const [name, value] of [
			['B', 'beta'],
			['None', undefined],
			['A', 'Alpha'],
			['C', 'gamma'],
		]) {
			await createContact(sandbox, {
				name,
				additional_attributes: value === undefined ? {} : { [key]: value },
			});
		}
		const names = async (query: string): Promise<unknown[]> =>
			(await page(sandbox, query)).payload.map((c) => c.name);
		expect(await names(`sort=${sort}`)).toEqual(['A', 'B', 'C', 'None']);
		expect(await names(`sort=${sort}&direction=desc`)).toEqual(['C', 'B', 'A', 'None']);
	});
});

describe('sandbox: paging options', () => {
	let sandbox: Sandbox;
	afterEach(() => sandbox.close());

	it('pageSize 10 gives every contact once across the pages, with meta.count the total', async () => {
		sandbox = await startSandbox({ paging: { pageSize: 10 } });
		await createMany(sandbox, 25);
		const pages = await Promise.all(
			[1, 2, 3, 4].map((n) => page(sandbox, `page=${n}&page_size=50`)),
		);
		expect(pages.map(({ payload }) => payload.length)).toEqual([10, 10, 5, 0]);
		expect(pages.map(({ meta }) => meta)).toEqual(
			[1, 2, 3, 4].map((n) => ({ count: 25, current_page: n })),
		);
		const ids = pages.flatMap(({ payload }) => payload.map((contact) => contact.id));
		expect(new Set(ids).size).toBe(25);
		expect((await page(sandbox, 'q=contact%202&page=1')).meta).toEqual({
			count: 6,
			current_page: 1,
		});
	});

	it('sends current_page as a string when asked; setPaging changes only the keys given; reset undoes it', async () => {
		sandbox = await startSandbox({ paging: { currentPageAsString: true } });
		await createMany(sandbox, 3);
		expect((await page(sandbox, 'page=2')).meta).toEqual({ count: 3, current_page: '2' });
		sandbox.setPaging({ pageSize: 2 });
		expect(sandbox.paging).toEqual({ pageSize: 2, currentPageAsString: true });
		expect((await page(sandbox, 'page=2')).payload).toHaveLength(1);
		sandbox.reset();
		expect(sandbox.paging).toEqual({ pageSize: 15, currentPageAsString: true });
	});

	it('is set through POST /__sandbox/paging and read through GET', async () => {
		sandbox = await startSandbox();
		await createMany(sandbox, 21);
		const set = await call(sandbox, 'POST', '/__sandbox/paging', {
			body: { pageSize: 20, currentPageAsString: true },
		});
		expect(set.json).toEqual({ paging: { pageSize: 20, currentPageAsString: true } });
		expect((await page(sandbox, 'page=2')).payload).toHaveLength(1);
		expect((await page(sandbox, 'page=2')).meta).toEqual({ count: 21, current_page: '2' });
		for (const body of [
			{ pageSize: 0 },
			{ pageSize: '10' },
			{ currentPageAsString: 'yes' },
			{ size: 10 },
			[1],
		]) {
			expect((await call(sandbox, 'POST', '/__sandbox/paging', { body })).status).toBe(400);
		}
		await call(sandbox, 'POST', '/__sandbox/reset');
		expect((await call(sandbox, 'GET', '/__sandbox/paging')).json).toEqual({
			paging: { pageSize: 15, currentPageAsString: false },
		});
		expect(() => sandbox.setPaging({ pageSize: 1.5 })).toThrow('pageSize');
	});
});
