/** Reading executions of a running n8n over its REST API: shared by the trigger E2E's checks. */

/**
 * n8n's execution API returns run data in the `flatted` format (a JSON array in which every string
 * inside an object or array is the index of the real value). Decoded here rather than importing
 * flatted, which is only a transitive dependency of this repo.
 */
export function unflatten(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const done = new Map<number, unknown>();
	const resolve = (index: number): unknown => {
		if (done.has(index)) return done.get(index);
		const entry = table[index];
		if (entry === null || typeof entry !== 'object') return entry;
		const copy: Record<string, unknown> | unknown[] = Array.isArray(entry) ? [] : {};
		done.set(index, copy);
		for (const [key, value] of Object.entries(entry)) {
			(copy as Record<string, unknown>)[key] = typeof value === 'string' ? resolve(Number(value)) : value;
		}
		return copy;
	};
	return resolve(0);
}

/** Asks `probe` every 250 ms until it returns a value; fails after `waitMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, waitMs: number): Promise<T> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${waitMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
