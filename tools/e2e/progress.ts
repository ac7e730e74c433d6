/**
 * How every real-n8n check reports and waits: one step logger and one polling helper for all of
 * tools/e2e.
 */

/** A process a wait can watch: when it exits, waiting for it is pointless, and its log says why. */
export interface Watched {
	readonly name: string;
	exited(): boolean;
	log(): string;
}

export function tail(log: string, lines = 40): string {
	return log.split('\n').slice(-lines).join('\n');
}

export const sleep = (ms: number): Promise<void> =>
	new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A step logger for one check: `[<check> n8n <version>  12.3 s] message`, seconds since the logger
 * was made, the version from E2E_N8N_VERSION when the check runs against one.
 */
export function stepLogger(check: string): (message: string) => void {
	const started = Date.now();
	return (message) => {
		const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
		const version = process.env.E2E_N8N_VERSION;
		console.log(`[${check}${version ? ` n8n ${version}` : ''} ${seconds} s] ${message}`);
	};
}

export interface PollOptions {
	/** Default 30 s: bounded, since a broken chain never answers. */
	timeoutMs?: number;
	/** Default 250 ms. */
	intervalMs?: number;
	/** Ends the wait at once when this process exits, with the end of its log. */
	process?: Watched;
}

/**
 * Calls `probe` until it returns a value other than undefined, and returns that value. A probe that
 * throws ends the wait with its error (a check's way to fail fast, e.g. on a failed execution); a
 * probe for something that may not be listening yet catches its own connection errors.
 */
export async function poll<T>(
	what: string,
	probe: () => T | undefined | Promise<T | undefined>,
	/** The options, or just the timeout in ms. */
	options: PollOptions | number = {},
): Promise<T> {
	const {
		timeoutMs = 30_000,
		intervalMs = 250,
		process: watched,
	} = typeof options === 'number' ? { timeoutMs: options } : options;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (watched?.exited())
			throw new Error(`${watched.name} exited while waiting for ${what}:\n${tail(watched.log())}`);
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) {
			const log = watched ? `:\n${tail(watched.log())}` : '';
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${log}`);
		}
		await sleep(intervalMs);
	}
}

/** An HTTP GET that answers whether `url` is served with a 2xx yet; false while nothing listens. */
export async function answers(
	url: string,
	accept: (response: Response) => boolean = (response) => response.ok,
): Promise<true | undefined> {
	try {
		return accept(await fetch(url)) ? true : undefined;
	} catch {
		return undefined;
	}
}
