import type { FormPart } from './http';
import type { Paging } from './paging';
import type { SandboxStore } from './store';
import type { JsonObject, SandboxEvents } from './types';

export interface RouteContext {
	readonly store: SandboxStore;
	readonly events: SandboxEvents;
	readonly paging: Paging;
	/** Values of the `:name` segments, in order. */
	readonly params: readonly string[];
	readonly query: URLSearchParams;
	/** The JSON body, or a form's text fields, or {} when none was sent. */
	readonly body: JsonObject;
	/** The file parts of a multipart/form-data body; empty otherwise. */
	readonly files: readonly FormPart[];
	/** Where the request reached the sandbox (http://host:port), for URLs in answers. */
	readonly origin: string;
}

export interface RouteResult {
	readonly status: number;
	readonly body: unknown;
}

export interface Route {
	readonly method: string;
	readonly pattern: RegExp;
	handle(context: RouteContext): RouteResult;
}

/**
 * `path` is relative to /api/v2/accounts; `:name` matches one segment, `:name(regex)` only a segment
 * the regex matches (as in Express): `/contacts/:id(\d+)` leaves a word after /contacts/ (such as Chatwoot's search path) an unknown path.
 */
export function route(
	method: string,
	path: string,
	handle: (context: RouteContext) => RouteResult,
): Route {
	const source = path.replace(
		/:[a-z_]+(?:\(([^)]+)\))?/g,
		(_segment, constraint: string | undefined) => `(${constraint ?? '[^/]+'})`,
	);
	return { method, pattern: new RegExp(`^${source}$`), handle };
}

export function findRoute(
	routes: readonly Route[],
	method: string,
	path: string,
): { route: Route; params: string[] } | undefined {
	for (const candidate of routes) {
		if (candidate.method !== method) continue;
		const match = candidate.pattern.exec(path);
		if (match) return { route: candidate, params: match.slice(1).map(decodeURIComponent) };
	}
	return undefined;
}
