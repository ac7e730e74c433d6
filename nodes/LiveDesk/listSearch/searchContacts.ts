import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import {
	FIRST_PAGE,
	nextPage,
	type ContactPage,
	type PageCursor,
} from '../resources/contact/pages';
import { apiBaseUrl, liveDeskRequest } from '../shared/transport';

/** The list's token says which page comes next and how many contacts came before it. */
function readToken(token: string | undefined): PageCursor {
	const [page, seen] = (token ?? '').split(':').map(Number);
	return Number.isInteger(page) && page > 0 && Number.isInteger(seen) ? { page, seen } : FIRST_PAGE;
}

/** "From List" of the Contact locator: LiveDesk's contact list, or its search as the user types, page by page as they scroll. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const cursor = readToken(paginationToken);
	const query = filter?.trim();
	const credentials = await this.getCredentials<{ baseUrl?: string }>('liveDeskApi');
	const request = {
		method: 'GET' as const,
		baseURL: apiBaseUrl(credentials.baseUrl),
		url: '/contacts',
		qs: query ? { q: query, page: cursor.page } : { page: cursor.page },
	};
	// No Retry-After wait here: the editor's list has no execution whose cancel could end it.
	const answer = await liveDeskRequest<ContactPage>(this, 0, request, false);
	const next = nextPage(cursor, answer);
	return {
		results: (answer.payload ?? []).map((contact) => ({
			name:
				[contact.name, contact.email ?? contact.phone_number ?? contact.identifier]
					.filter((part) => part !== undefined && part !== null && part !== '')
					.join(' · ') || `Contact ${String(contact.id)}`,
			value: String(contact.id),
		})),
		paginationToken: next ? `${next.page}:${next.seen}` : undefined,
	};
}
