import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { PAGE_SIZE, type ContactPage } from '../shared/pagination';
import { liveDeskRequest } from '../shared/transport';

/** "From List" of the Contact locator: LiveDesk's contact search, page by page as the user scrolls. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const query = filter?.trim();
	const response = query
		? await liveDeskRequest<ContactPage>(this, 'GET', '/contacts/search', { q: query, page })
		: await liveDeskRequest<ContactPage>(this, 'GET', '/contacts', { page });
	const contacts = response.payload ?? [];
	const seen = (page - 1) * PAGE_SIZE + contacts.length;
	return {
		results: contacts.map((contact) => ({
			name: [contact.name, contact.email ?? contact.phone_number ?? contact.identifier]
				.filter((part) => part !== undefined && part !== null && part !== '')
				.join(' · ') || `Contact ${String(contact.id)}`,
			value: String(contact.id),
		})),
		paginationToken: contacts.length > 0 && seen < (response.meta?.count ?? 0) ? String(page + 1) : undefined,
	};
}
