import type { IWebhookFunctions } from 'n8n-workflow';

type Headers = ReturnType<IWebhookFunctions['getHeaderData']>;

export const TOKEN_QUERY_PARAMETER = 'token';

/** Takes as long for a wrong first character as for a wrong last one, so timing reveals nothing. */
function safeEqual(expected: string, actual: string): boolean {
	let difference = expected.length ^ actual.length;
	for (let index = 0; index < expected.length; index++) {
		difference |= expected.charCodeAt(index) ^ (actual.charCodeAt(index) || 0);
	}
	return difference === 0;
}

function single(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/**
 * LiveDesk's console takes only a URL, so the token normally travels as `?token=`.
 * A header is accepted too, for senders (proxies, other tools) that can set one.
 */
export function hasValidToken(expected: string, headerName: string, query: object, headers: Headers): boolean {
	const candidates: Array<string | undefined> = [
		single((query as Record<string, unknown>)[TOKEN_QUERY_PARAMETER]),
	];
	const header = headerName.trim().toLowerCase();
	if (header !== '') candidates.push(single(headers[header]));
	return candidates.some((candidate) => candidate !== undefined && safeEqual(expected, candidate));
}
