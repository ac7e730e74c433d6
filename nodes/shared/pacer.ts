import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * The pace of each LiveDesk account in this process, learned from its 429s, so that items,
 * executions and workflows sharing an API key queue for what LiveDesk admits instead of each
 * retrying on its own (the AWS SDKs' "adaptive" retry mode, TCP's congestion control).
 *
 * State is keyed by what LiveDesk limits: the API origin and a hash of the API key (never the
 * key itself), never by an execution, item or context. Until an origin has answered 429, a
 * request only takes a slot in its origin's window (below) and nothing waits on a timer.
 */

/**
 * Requests one origin may have unanswered: this many, or as many as it admitted in the last
 * second if more. n8n's routing builds every item's request before sending any, so without a
 * bound a run of thousands reaches a limited API at once and is refused all but a second's
 * worth. An API that answers within a second is never held back by it: what it admits a second
 * is then more than it has unanswered.
 */
const MIN_WINDOW = 50;
/** An account or origin not heard of for this long starts afresh: its limit may have changed. */
const QUIET_MS = 60_000;
/** CUBIC's constants, as the AWS SDKs use them: back to 70 % on a 429, the curve's steepness. */
const BETA = 0.7;
const SCALE = 0.4;
/** The slowest pace; the curve climbs from it within seconds when LiveDesk admits more. */
const MIN_RATE = 2;
/** A late timer may catch up on this much of a second's worth of requests, no more. */
const BURST_SECONDS = 0.1;
const MIN_TICK_MS = 2;
/** The longest Retry-After that pauses an account's requests. */
export const MAX_PAUSE_SECONDS = 60;

/** The wait of a request ended because its execution was cancelled. */
export class PaceCancelled extends Error {
	constructor() {
		super('The execution was cancelled while this request waited for its turn');
	}
}

/** Successes in the last second, from two one-second buckets. */
class RateCounter {
	private bucket = 0;
	private current = 0;
	private previous = 0;

	add(now: number): void {
		this.roll(now);
		this.current += 1;
	}

	perSecond(now: number): number {
		this.roll(now);
		const into = (now % 1000) / 1000;
		return this.current + this.previous * (1 - into);
	}

	private roll(now: number): void {
		const bucket = Math.floor(now / 1000);
		if (bucket === this.bucket) return;
		this.previous = bucket === this.bucket + 1 ? this.current : 0;
		this.current = 0;
		this.bucket = bucket;
	}
}

interface Waiter {
	resolve: () => void;
	done: boolean;
}

/** Requests waiting in order; a cancelled one leaves at once. */
class Line {
	private waiters: Waiter[] = [];
	private head = 0;
	private size = 0;

	get length(): number {
		return this.size;
	}

	join(signal: AbortSignal | undefined, first: boolean): Promise<void> {
		if (signal?.aborted) return Promise.reject(new PaceCancelled());
		return new Promise((resolve, reject) => {
			const onAbort = (): void => {
				if (waiter.done) return;
				waiter.done = true;
				this.size -= 1;
				reject(new PaceCancelled());
			};
			const waiter: Waiter = {
				done: false,
				resolve: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			if (first && this.head > 0) this.waiters[--this.head] = waiter;
			else if (first) this.waiters.unshift(waiter);
			else this.waiters.push(waiter);
			this.size += 1;
		});
	}

	/** Lets the first waiting request go; false when none waits. */
	release(): boolean {
		while (this.head < this.waiters.length) {
			const waiter = this.waiters[this.head];
			this.head += 1;
			if (waiter && !waiter.done) {
				waiter.done = true;
				this.size -= 1;
				this.compact();
				waiter.resolve();
				return true;
			}
		}
		this.compact();
		return false;
	}

	private compact(): void {
		if (this.head > 1024 && this.head * 2 > this.waiters.length) {
			this.waiters = this.waiters.slice(this.head);
			this.head = 0;
		}
	}
}

/** One account's learned pace: a token bucket whose rate follows CUBIC's curve after each 429. */
class Pace {
	/** The rate at the last 429 (CUBIC's W_max), and when that was. */
	private maxRate: number;
	private decreasedAt: number;
	private pausedUntil = 0;
	private tokens = 0;
	private refilledAt: number;
	private pumping = false;
	/** Requests that went before the last slow-down were paced at the old rate: their 429s say nothing new. */
	private lastCutAt: number;
	private readonly line = new Line();
	readonly admitted = new RateCounter();
	lastUsed: number;

	constructor(estimate: number, now: number) {
		// Start at the estimate itself (the curve's plateau): it is what LiveDesk just admitted.
		this.maxRate = Math.max(MIN_RATE, estimate);
		this.decreasedAt = now - this.plateauMs();
		this.refilledAt = now;
		this.lastUsed = now;
		this.lastCutAt = now;
	}

	/** Seconds the curve takes from BETA × maxRate back to maxRate. */
	private plateauMs(): number {
		return Math.cbrt((this.maxRate * (1 - BETA)) / SCALE) * 1000;
	}

	/**
	 * The curve, but never past twice what was admitted in the last second (nor below the rate
	 * last learned): an account that sends little proves nothing about a higher rate.
	 */
	rate(now: number): number {
		const t = (now - this.decreasedAt - this.plateauMs()) / 1000;
		const proven = Math.max(this.maxRate, 2 * this.admitted.perSecond(now));
		return Math.max(MIN_RATE, Math.min(SCALE * t * t * t + this.maxRate, proven));
	}

	get idle(): boolean {
		return this.line.length === 0 && !this.pumping;
	}

	/** Resolves when this request may go. */
	async turn(signal: AbortSignal | undefined, first: boolean): Promise<void> {
		const now = Date.now();
		this.lastUsed = now;
		this.refill(now);
		if (this.line.length === 0 && now >= this.pausedUntil && this.tokens >= 1) {
			this.tokens -= 1;
			return;
		}
		const waiting = this.line.join(signal, first);
		void this.pump();
		await waiting;
	}

	/**
	 * A 429 for a request that went at `sentAt`. With Retry-After, LiveDesk says when: every request
	 * of the account pauses until then, and the pace stops climbing past what was admitted. Without
	 * it, the pace drops to BETA of that and climbs back along the curve. Requests that went before
	 * the last such change were paced at the old rate, so their 429s change nothing more.
	 */
	limited(sentAt: number, asked: number | undefined): void {
		// A longer Retry-After is a quota, not a pace: the request fails instead (see LiveDesk/shared/transport.ts).
		const retryAfterSeconds = asked !== undefined && asked <= MAX_PAUSE_SECONDS ? asked : undefined;
		const now = Date.now();
		this.lastUsed = now;
		if (sentAt >= this.lastCutAt) {
			const current = this.rate(now);
			const measured = this.admitted.perSecond(now);
			// Right after a pause, or with nothing admitted, the last second says little.
			const meaningful = now - this.pausedUntil >= 1000 && measured >= MIN_RATE;
			this.maxRate = Math.max(MIN_RATE, meaningful ? Math.min(current, measured) : current);
			this.decreasedAt = retryAfterSeconds === undefined ? now : now - this.plateauMs();
			this.lastCutAt = now;
			this.tokens = 0;
			this.refilledAt = now;
		}
		if (retryAfterSeconds !== undefined) {
			this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterSeconds * 1000);
			this.tokens = 0;
		}
		if (this.line.length > 0) void this.pump();
	}

	private refill(now: number): void {
		const from = Math.max(this.refilledAt, this.pausedUntil);
		if (now <= from) return;
		const rate = this.rate(now);
		this.tokens = Math.min(
			Math.max(1, rate * BURST_SECONDS),
			this.tokens + ((now - from) / 1000) * rate,
		);
		this.refilledAt = now;
	}

	/** One timer per waiting account lets the line through at the current rate. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.line.length > 0) {
				const now = Date.now();
				if (now < this.pausedUntil) {
					await sleep(this.pausedUntil - now);
					continue;
				}
				this.refill(now);
				if (this.tokens >= 1) {
					if (this.line.release()) this.tokens -= 1;
					continue;
				}
				await sleep(Math.max(MIN_TICK_MS, ((1 - this.tokens) / this.rate(now)) * 1000));
			}
		} finally {
			this.pumping = false;
			this.lastUsed = Date.now();
		}
	}
}

/** An origin's window of unanswered requests, its paced accounts, and what it admitted lately. */
class Origin {
	inFlight = 0;
	readonly waiting = new Line();
	readonly admitted = new RateCounter();
	readonly paces = new Map<string, Pace>();
	lastUsed = Date.now();

	/** Forgets accounts not heard of for the quiet period; true when the origin itself can go. */
	sweep(now: number): boolean {
		for (const [key, pace] of this.paces) {
			if (pace.idle && now - pace.lastUsed > QUIET_MS) this.paces.delete(key);
		}
		return (
			this.paces.size === 0 &&
			this.inFlight === 0 &&
			this.waiting.length === 0 &&
			now - this.lastUsed > QUIET_MS
		);
	}

	private window(now: number): number {
		return Math.max(MIN_WINDOW, this.admitted.perSecond(now));
	}

	async slot(signal: AbortSignal | undefined, first: boolean): Promise<void> {
		if (this.inFlight < this.window(Date.now()) && this.waiting.length === 0) {
			this.inFlight += 1;
			return;
		}
		await this.waiting.join(signal, first);
	}

	/** The answered request's slot goes to the next waiting one, or back to the window. */
	free(): void {
		this.inFlight -= 1;
		const window = this.window(Date.now());
		while (this.inFlight < window && this.waiting.release()) this.inFlight += 1;
	}
}

const origins = new Map<string, Origin>();

function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
}

function accountKey(origin: string, apiKey: unknown): string {
	return createHash('sha256')
		.update(`${origin}\n${String(apiKey ?? '')}`)
		.digest('hex')
		.slice(0, 32);
}

function originState(origin: string, now: number): Origin {
	let state = origins.get(origin);
	if (state?.sweep(now)) {
		origins.delete(origin);
		state = undefined;
	}
	if (!state) {
		state = new Origin();
		origins.set(origin, state);
	}
	state.lastUsed = now;
	return state;
}

/** How one request's answer went, for its account's pace. */
export type PacedOutcome =
	| { kind: 'admitted' }
	| { kind: 'limited'; retryAfterSeconds?: number }
	/** Another answer, or none: it neither widens the window nor teaches the pace anything. */
	| { kind: 'other' };

export interface PacedRequestOptions {
	/** The execution's cancel signal: a waiting request leaves the line when it fires. */
	signal?: AbortSignal;
	/** Someone is waiting on this one request (the editor's lists): it goes ahead of a run's queue. */
	first?: boolean;
}

/**
 * One account's requests through the pacer. `url` is any URL of the API (its origin is what
 * LiveDesk limits); `apiKey` reads the key from the credential, and is only called once the
 * origin has answered 429, so an unlimited run never pays for it.
 */
export class PacedAccount {
	private readonly origin: string;
	private key: string | undefined;
	private sentAt = 0;
	private slotHeld = false;

	constructor(
		url: string,
		private readonly apiKey: () => Promise<unknown>,
	) {
		this.origin = originOf(url);
	}

	private async pace(state: Origin, create: boolean, estimate = 0): Promise<Pace | undefined> {
		if (!create && state.paces.size === 0) return undefined;
		this.key ??= accountKey(this.origin, await this.apiKey());
		let pace = state.paces.get(this.key);
		if (!pace && create) {
			const now = Date.now();
			pace = new Pace(estimate, now);
			state.paces.set(this.key, pace);
		}
		return pace;
	}

	/** Waits for this account's turn and a slot in its origin's window. */
	async turn({ signal, first = false }: PacedRequestOptions = {}): Promise<void> {
		for (;;) {
			const state = originState(this.origin, Date.now());
			const pace = await this.pace(state, false);
			if (pace) await pace.turn(signal, first);
			await state.slot(signal, first);
			// A 429 may have taught the account a pace while this request waited for its slot.
			if (pace || !(await this.pace(state, false))) break;
			state.free();
		}
		this.sentAt = Date.now();
		this.slotHeld = true;
	}

	/** Reports the answer to the request that last had its turn. */
	async answered(outcome: PacedOutcome): Promise<void> {
		const now = Date.now();
		const state = originState(this.origin, now);
		if (outcome.kind === 'admitted') state.admitted.add(now);
		if (this.slotHeld) {
			this.slotHeld = false;
			state.free();
		}
		if (outcome.kind === 'admitted') {
			if (state.paces.size > 0) (await this.pace(state, false))?.admitted.add(now);
			return;
		}
		if (outcome.kind !== 'limited') return;
		const pace = await this.pace(state, true, state.admitted.perSecond(now));
		pace?.limited(this.sentAt, outcome.retryAfterSeconds);
	}
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110). */
export function retryAfterSeconds(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const raw = headers?.['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+$/.test(text)) return Number(text);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * One request made outside the LiveDesk node's transport.ts (the trigger's downloads from the
 * API's host) through its account's pace: waits its turn, sends once, and tells the pace how
 * LiveDesk answered.
 * `send` resolves with the full response (statusCode, headers) also for a 429.
 */
export async function sendPaced<T extends { statusCode: number; headers?: IDataObject }>(
	url: string,
	apiKey: () => Promise<unknown>,
	send: () => Promise<T>,
	options: PacedRequestOptions = {},
): Promise<T> {
	const account = new PacedAccount(url, apiKey);
	await account.turn(options);
	let response: T | undefined;
	try {
		response = await send();
		return response;
	} finally {
		const statusCode = response?.statusCode ?? 0;
		if (statusCode === 429)
			await account.answered({
				kind: 'limited',
				retryAfterSeconds: retryAfterSeconds(response?.headers),
			});
		else
			await account.answered({
				kind: statusCode >= 200 && statusCode < 300 ? 'admitted' : 'other',
			});
	}
}
