import { loadavg } from 'node:os';
import type { Sandbox } from '../sandbox';
import type { Batching, Job, Maker, ResultMessage } from './protocol';
import { countDeliveries, openConversations, type Deliveries } from './sandbox-check';
import { runChild } from './run-measurement';
import { samplePortPressure, type PortPressure } from './socket-stats';

/** One of the rate limits: perSecond requests a second, 429 with or without Retry-After beyond. */
export interface RateLimitCase {
	perSecond: number;
	retryAfter: boolean;
}

export interface RateLimitedMeasurement extends ResultMessage {
	maker: Maker;
	items: number;
	limit: RateLimitCase;
	batching?: Batching;
	deliveries: Deliveries;
	/** What the sandbox's rate limit admitted and answered with 429 during the timed run. */
	accepted: number;
	refused: number;
	/** undefined off Linux. */
	pressure?: PortPressure;
	/** Workflows the items were split over, run at once on one key (1: a single run). */
	workflows: number;
	/** The machine's 1-minute load average right after the run. */
	load: number;
}

/**
 * One maker sends `items` messages, in a fresh process, into a sandbox that admits
 * `limit.perSecond` requests a second. The warm-up runs before the limit is switched on, so it
 * neither spends the bucket nor is counted; the sandbox then counts, by content, what arrived.
 */
export async function measureRateLimited(
	sandbox: Sandbox,
	maker: Maker,
	items: number,
	warmup: number,
	limit: RateLimitCase,
	httpRequestModule: string,
	batching?: Batching,
	workflows = 1,
): Promise<RateLimitedMeasurement> {
	sandbox.reset();
	const conversations = await openConversations(sandbox);
	const job: Job = {
		maker,
		items,
		conversationId: conversations.measured,
		warmupItems: warmup,
		warmupConversationId: conversations.warmup,
		sandbox: { url: sandbox.url, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
		httpRequestModule,
		rateLimited: true,
		batching,
		workflows,
	};
	let stopSampling: (() => PortPressure | undefined) | undefined;
	const { result } = await runChild(job, {
		onStart: () => {
			sandbox.setRateLimit(limit);
			stopSampling = samplePortPressure();
		},
	});
	const pressure = stopSampling?.();
	const { accepted, refused } = sandbox.rateLimitStats;
	// Back to no limit at once, so nothing after the run (the next maker's warm-up) meets it.
	sandbox.setRateLimit(null);
	const deliveries = countDeliveries(sandbox, conversations.measured, items);
	const problems = [...result.problems];
	if (deliveries.unexpected > 0)
		problems.push(`${deliveries.unexpected} messages the run did not send`);
	const [load = 0] = loadavg();
	return {
		...result,
		problems,
		maker,
		items,
		limit,
		batching,
		deliveries,
		accepted,
		refused,
		pressure,
		workflows,
		load,
	};
}
