/*
 * The credential's secrets kept out of everything n8n shows, stores or logs: errors, the
 * trigger's download_error texts. Both nodes mask with the same list of forms.
 */

/** The credential's fields whose values must never show in an error, a stored run or a log line. */
export interface CredentialSecrets {
	apiKey?: unknown;
	apiSecret?: unknown;
	webhookToken?: unknown;
}

/** What stands in an error where the server's answer echoed a secret. */
export const SECRET_MASK = '[hidden]';
/** Shorter values are not masked: hiding every "a" or "42" would make each message unreadable. */
const MIN_SECRET_LENGTH = 4;

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/**
 * Every form in which an answer may echo the credential: the key, the secret, the token, the
 * Basic value the client sent (base64 of key:secret), and each as an HTML page or a URL would
 * write it. Longest first, so a longer secret is masked before a shorter one inside it.
 */
export function secretsOf(credentials: CredentialSecrets): string[] {
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const key = text(credentials.apiKey);
	const secret = text(credentials.apiSecret);
	const plain = [key, secret, text(credentials.webhookToken)].flatMap((value) => [
		value,
		value.trim(),
	]);
	if (key !== '' || secret !== '')
		plain.push(Buffer.from(`${key}:${secret}`, 'utf8').toString('base64'));
	const forms = plain.flatMap((value) => [
		value,
		encodeURIComponent(value),
		value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]),
	]);
	return [...new Set(forms)]
		.filter((value) => value.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
}

export function maskText(text: string, secrets: readonly string[]): string {
	return secrets.reduce((masked, secret) => masked.split(secret).join(SECRET_MASK), text);
}

/** A copy of JSON-like data (an answer's body, an error's context) with every secret masked, keys included. */
export function maskValue(
	value: unknown,
	secrets: readonly string[],
	seen = new WeakSet<object>(),
): unknown {
	if (typeof value === 'string') return maskText(value, secrets);
	if (value === null || typeof value !== 'object' || seen.has(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) return value.map((entry) => maskValue(entry, secrets, seen));
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (prototype !== Object.prototype && prototype !== null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [
			maskText(key, secrets),
			maskValue(entry, secrets, seen),
		]),
	);
}

/**
 * The error with every secret masked where n8n shows, stores or logs it: message, description,
 * messages, stack, context and the answer it was built from. The cause (n8n's HTTP client error,
 * which holds the request with its Authorization) is never serialized by n8n; its message is masked too.
 */
export function maskError<E extends Error>(error: E, secrets: readonly string[]): E {
	if (secrets.length === 0) return error;
	const fields = error as unknown as Record<string, unknown>;
	for (const field of ['message', 'description', 'stack', 'messages', 'context', 'errorResponse']) {
		if (fields[field] !== undefined) fields[field] = maskValue(fields[field], secrets);
	}
	if (error.cause instanceof Error) error.cause.message = maskText(error.cause.message, secrets);
	return error;
}
