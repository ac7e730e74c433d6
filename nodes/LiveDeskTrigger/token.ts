import type { IWebhookFunctions } from 'n8n-workflow';
import { createHash, timingSafeEqual } from 'node:crypto';

type Headers = ReturnType<IWebhookFunctions['getHeaderData']>;

export const TOKEN_QUERY_PARAMETER = 'token';

/**
 * Compared as SHA-256 digests: timingSafeEqual needs inputs of one length, and
 * hashing first keeps the token's length from showing in the timing too.
 */
function safeEqual(expected: string, actual: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(actual));
}

function single(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/**
 * LiveDesk's console takes only a URL, so the token normally travels as `?token=`.
 * A header is accepted too, for senders (proxies, other tools) that can set one.
 */
export function hasValidToken(
	expected: string,
	headerName: string,
	query: object,
	headers: Headers,
): boolean {
	const candidates: Array<string | undefined> = [
		single((query as Record<string, unknown>)[TOKEN_QUERY_PARAMETER]),
	];
	const header = headerName.trim().toLowerCase();
	if (header !== '') candidates.push(single(headers[header]));
	return candidates.some((candidate) => candidate !== undefined && safeEqual(expected, candidate));
}
