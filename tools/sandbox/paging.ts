import { isObject } from './errors';
import type { JsonObject } from './types';

/** How the contact list (and search) answers are cut into pages and labelled. */
export interface PagingOptions {
	/** Contacts a page; the docs say 15. */
	readonly pageSize: number;
	/** Send meta.current_page as "1" rather than 1: the docs' List example shows a string, Search a number. */
	readonly currentPageAsString: boolean;
}

export const DEFAULT_PAGING: PagingOptions = { pageSize: 15, currentPageAsString: false };

const KEYS = new Set<string>(['pageSize', 'currentPageAsString']);

/** Checks options from any source (server options, CLI, control API); throws TypeError naming the bad key. */
export function normalizePaging(value: unknown): Partial<PagingOptions> {
	if (!isObject(value)) throw new TypeError('paging must be an object such as {"pageSize": 10}');
	const unknown = Object.keys(value).find((key) => !KEYS.has(key));
	if (unknown !== undefined) throw new TypeError(`Unknown paging option: ${unknown}`);
	const { pageSize, currentPageAsString } = value;
	const changes: { pageSize?: number; currentPageAsString?: boolean } = {};
	if (pageSize !== undefined) {
		if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
			throw new TypeError('paging.pageSize must be a whole number of at least 1');
		}
		changes.pageSize = pageSize;
	}
	if (currentPageAsString !== undefined) {
		if (typeof currentPageAsString !== 'boolean')
			throw new TypeError('paging.currentPageAsString must be true or false');
		changes.currentPageAsString = currentPageAsString;
	}
	return changes;
}

/** The current paging; `reset` goes back to what the sandbox was started with. */
export class Paging {
	private current: PagingOptions;
	private readonly initial: PagingOptions;

	constructor(options: Partial<PagingOptions> = {}) {
		this.initial = { ...DEFAULT_PAGING, ...normalizePaging(options) };
		this.current = this.initial;
	}

	get options(): PagingOptions {
		return this.current;
	}

	/** Changes only the keys given. */
	set(changes: Partial<PagingOptions>): void {
		this.current = { ...this.current, ...normalizePaging(changes) };
	}

	reset(): void {
		this.current = this.initial;
	}

	/**
	 * meta.count is every match, meta.current_page the page asked for. Out-of-range or malformed pages
	 * behave like the real API: page 1, or an empty payload. The docs' List curl also sends
	 * `page_size=10`, which their parameter table does not list: it is ignored here (assumed).
	 */
	paginate<T>(
		items: readonly T[],
		query: URLSearchParams,
	): { meta: JsonObject; items: readonly T[] } {
		const raw = query.get('page');
		const page = raw !== null && /^\d+$/.test(raw) ? Math.max(1, Number(raw)) : 1;
		const { pageSize, currentPageAsString } = this.current;
		const start = (page - 1) * pageSize;
		return {
			meta: { count: items.length, current_page: currentPageAsString ? String(page) : page },
			items: items.slice(start, start + pageSize),
		};
	}
}
