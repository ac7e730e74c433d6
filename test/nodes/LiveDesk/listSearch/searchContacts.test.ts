import { runListSearch } from '../../../../tools/engine';
import { createContacts } from '../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_TYPE } from '../../../helpers/workflow';

describe('Contact locator: From List', () => {
	const sandbox = useSandbox();

	const search = (filter?: string, paginationToken?: string) =>
		runListSearch({
			nodeType: NODE_TYPE,
			method: 'searchContacts',
			parameters: { resource: 'contact', operation: 'update' },
			credentials: sandboxCredentials(sandbox()),
			filter,
			paginationToken,
		});

	it('lists contacts page by page with their name and email, valued by id', async () => {
		const contacts = await createContacts(
			sandboxCredentials(sandbox()),
			Array.from({ length: 20 }, (_, index) => ({
				name: `Person ${index}`,
				email: `p${index}@example.com`,
			})),
		);

		const first = await search();
		const second = await search(undefined, first.paginationToken);

		expect(first.results).toHaveLength(15);
		expect(first.paginationToken).toBe('2:15');
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results];
		expect(all.map((result) => result.value).sort()).toEqual(
			contacts.map((contact) => String(contact.id)).sort(),
		);
		expect(all).toContainEqual({
			name: 'Person 3 · p3@example.com',
			value: String(contacts[3].id),
		});
	});

	it('counts the contacts it was given, so pages of 10 also list everyone once', async () => {
		sandbox().setPaging({ pageSize: 10 });
		const contacts = await createContacts(
			sandboxCredentials(sandbox()),
			Array.from({ length: 25 }, (_, index) => ({ name: `Person ${index}` })),
		);

		const pages = [await search()];
		while (pages.at(-1)?.paginationToken)
			pages.push(await search(undefined, pages.at(-1)?.paginationToken));

		expect(pages.map((page) => page.results.length)).toEqual([10, 10, 5]);
		const listed = pages.flatMap((page) => page.results.map((result) => result.value));
		expect(listed.sort()).toEqual(contacts.map((contact) => String(contact.id)).sort());
	});

	it('searches what the user types', async () => {
		await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Alice' },
			{ name: 'Bob', identifier: 'crm-9' },
		]);

		const { results } = await search('crm-9');

		expect(results).toEqual([{ name: 'Bob · crm-9', value: expect.any(String) }]);
		expect(sandbox().requests.at(-1)).toMatchObject({
			path: '/api/v2/accounts/contacts',
			query: { q: 'crm-9', page: '1' },
		});
	});

	it('a wrong secret shows LiveDesk’s answer and what to do, as in a run', async () => {
		const failing = runListSearch({
			nodeType: NODE_TYPE,
			method: 'searchContacts',
			parameters: { resource: 'contact', operation: 'update' },
			credentials: sandboxCredentials(sandbox(), { apiSecret: 'wrong' }),
		});

		await expect(failing).rejects.toMatchObject({
			message: 'LiveDesk answered 401: Invalid API key or secret',
			description: expect.stringContaining(
				'Check the API Key and API Secret in the LiveDesk credential',
			),
		});
	});
});
