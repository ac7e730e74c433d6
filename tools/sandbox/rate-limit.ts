import { isObject } from './errors';

/**
 * A token bucket in front of the API, as a rate-limited SaaS API has: `perSecond` requests a
 * second, bursts of up to one second's worth. LiveDesk documents no rate limit; 429 with
 * Retry-After is assumed (Chatwoot's behaviour), and `retryAfter: false` sends 429 without it.
 */
export interface RateLimitOptions {
	readonly perSecond: number;
	/** Default true: each 429 says, in whole seconds, when a request would be admitted. */
	readonly retryAfter?: boolean;
}

export interface RateLimitStats {
	accepted: number;
	refused: number;
}

/** Checks options from any source (server options, CLI, control API); throws TypeError naming the problem. */
export function normalizeRateLimit(value: unknown): RateLimitOptions | null {
	if (value === null) return null;
	if (!isObject(value))
		throw new TypeError('rateLimit must be null or an object such as {"perSecond": 50}');
	const { perSecond, retryAfter } = value;
	if (typeof perSecond !== 'number' || !Number.isInteger(perSecond) || perSecond < 1) {
		throw new TypeError('rateLimit.perSecond must be a whole number of at least 1');
	}
	if (retryAfter !== undefined && typeof retryAfter !== 'boolean') {
		throw new TypeError('rateLimit.retryAfter must be true or false');
	}
	return { perSecond, retryAfter: retryAfter ?? true };
}

export class RateLimiter {
	private options: RateLimitOptions | null;
	private tokens = 0;
	private refilledAt = 0;
	readonly stats: RateLimitStats = { accepted: 0, refused: 0 };

	constructor(private readonly initial: RateLimitOptions | null = null) {
		this.options = null;
		this.set(initial);
	}

	get current(): RateLimitOptions | null {
		return this.options;
	}

	set(options: RateLimitOptions | null): void {
		this.options = normalizeRateLimit(options);
		this.tokens = this.options?.perSecond ?? 0;
		this.refilledAt = Date.now();
		this.stats.accepted = 0;
		this.stats.refused = 0;
	}

	reset(): void {
		this.set(this.initial);
	}

	/**
	 * Admits the request (undefined) or refuses it with the headers of the 429: Retry-After is
	 * the wait, rounded up to a whole second, until the bucket holds a token again.
	 */
	refuse(now = Date.now()): { headers: Record<string, string> } | undefined {
		const options = this.options;
		if (!options) return undefined;
		this.tokens = Math.min(
			options.perSecond,
			this.tokens + ((now - this.refilledAt) / 1000) * options.perSecond,
		);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			this.stats.accepted += 1;
			return undefined;
		}
		this.stats.refused += 1;
		const wait = Math.max(1, Math.ceil((1 - this.tokens) / options.perSecond));
		return { headers: options.retryAfter === false ? {} : { 'Retry-After': String(wait) } };
	}
}
