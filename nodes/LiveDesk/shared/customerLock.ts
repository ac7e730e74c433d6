import { createHash } from 'node:crypto';

/**
 * One queue per customer in this n8n process: executions for the same customer (in the same
 * account and inbox) run their look-up, create and send one after another, so two messages
 * arriving together give one contact and one conversation. Keyed by strings only (never by an
 * execution or item), and an entry lives only while someone waits on it.
 */
const tails = new Map<string, Promise<void>>();

/** The account a credential reaches: the origin and a hash of the key, so no secret is kept. */
export function accountKey(baseUrl: string, apiKey: unknown): string {
	const digest = createHash('sha256')
		.update(String(apiKey ?? ''))
		.digest('hex')
		.slice(0, 16);
	let origin = baseUrl;
	try {
		origin = new URL(baseUrl).origin;
	} catch {
		// A Base URL that is no URL fails each item with its own error later; the key only has to be stable.
	}
	return `${origin}#${digest}`;
}

export async function withCustomerLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release = () => {};
	const mine = new Promise<void>((resolve) => {
		release = resolve;
	});
	const tail = previous.then(async () => await mine);
	tails.set(key, tail);
	await previous;
	try {
		return await work();
	} finally {
		release();
		if (tails.get(key) === tail) tails.delete(key);
	}
}
