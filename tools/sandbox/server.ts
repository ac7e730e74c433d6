import { createServer, type Server } from 'node:http';
import type { Fault } from './faults';
import { FaultQueue } from './faults';
import { createRequestHandler, type RecordedRequest } from './handler';
import { Paging, type PagingOptions } from './paging';
import { RateLimiter, type RateLimitOptions, type RateLimitStats } from './rate-limit';
import { DEFAULT_INBOXES, SandboxStore } from './store';
import { TicketPrefixSwitch, type TicketPrefix } from './ticket-prefix';
import type { InboxRecord, SandboxStoreView } from './types';
import { WebhookDispatcher, type WebhookDelivery } from './webhooks';

export interface SandboxOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	apiKey?: string;
	apiSecret?: string;
	webhookUrl?: string | null;
	/** Contact list pages; default {pageSize: 15, currentPageAsString: false}. */
	paging?: Partial<PagingOptions>;
	/** Default none: e.g. {perSecond: 50} answers 429 (with Retry-After unless retryAfter is false) beyond that rate. */
	rateLimit?: RateLimitOptions | null;
	/** Where the ticket calls are served (the docs print both); default /api/v2/accounts. */
	ticketPrefix?: TicketPrefix;
	/** Default true: no per-request log lines and no webhook failure warnings. */
	quiet?: boolean;
	/** Default true; turn off for benchmarks so `requests` does not grow. */
	record?: boolean;
	/** Default: one API-channel inbox, 407 "Sandbox API". */
	inboxes?: readonly InboxRecord[];
	/** Where log lines go when not quiet; default console.log. */
	log?: (line: string) => void;
}

export interface Sandbox {
	/** Host root, e.g. http://127.0.0.1:41234 (without /api/v2/accounts). */
	readonly url: string;
	readonly port: number;
	readonly apiKey: string;
	readonly apiSecret: string;
	readonly inboxId: number;
	/** Every request to /api/v2/accounts (and to /v2/accounts), in arrival order (empty when record is false). */
	readonly requests: RecordedRequest[];
	readonly store: SandboxStoreView;
	readonly webhookDeliveries: readonly WebhookDelivery[];
	readonly webhookUrl: string | null;
	readonly paging: PagingOptions;
	/** Where the ticket calls are served now; the other prefix answers a plain 404. */
	readonly ticketPrefix: TicketPrefix;
	/** What the rate limit admitted and refused since it was set (or reset). */
	readonly rateLimitStats: RateLimitStats;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	/** As if deleted in the console (no documented API call does it): its id answers 404 from now on. */
	deleteConversation(id: number): boolean;
	/**
	 * Back to the seeded state: no contacts, conversations, messages, faults, recorded requests or
	 * deliveries, and the paging the sandbox was started with. The webhook URL stays.
	 */
	reset(): void;
	setWebhookUrl(url: string | null): void;
	/** Changes only the keys given, e.g. {pageSize: 10}; reset() undoes it. */
	setPaging(changes: Partial<PagingOptions>): void;
	/** A rate limit from now on, or null for none; reset() goes back to the one the sandbox started with. */
	setRateLimit(options: RateLimitOptions | null): void;
	/** Serve the ticket calls under this prefix from now on; reset() goes back to the start value. */
	setTicketPrefix(prefix: TicketPrefix): void;
	flushWebhooks(): Promise<void>;
	close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		// 127.0.0.1 only: the sandbox has fixed demo credentials and must not be reachable from outside.
		// n8n opens one connection per item, all at once; a deep accept queue keeps a 10,000-item
		// benchmark from measuring TCP retransmits instead of the node (the kernel caps it at somaxconn).
		server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
			server.off('error', reject);
			const address = server.address();
			if (address === null || typeof address === 'string')
				reject(new Error('Sandbox has no TCP address'));
			else resolve(address.port);
		});
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const apiKey = options.apiKey ?? 'demo-key';
	const apiSecret = options.apiSecret ?? 'demo-secret';
	const quiet = options.quiet ?? true;
	const print = options.log ?? ((line: string) => console.log(line));
	const log = quiet ? undefined : print;
	const store = new SandboxStore(options.inboxes ?? DEFAULT_INBOXES);
	const webhooks = new WebhookDispatcher(store, log ?? (() => undefined));
	webhooks.setUrl(options.webhookUrl ?? null);
	const faults = new FaultQueue();
	const paging = new Paging(options.paging);
	const rateLimit = new RateLimiter(options.rateLimit ?? null);
	const ticketPrefix = new TicketPrefixSwitch(options.ticketPrefix);
	const requests: RecordedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	const reset = (): void => {
		store.reset();
		faults.clear();
		paging.reset();
		rateLimit.reset();
		ticketPrefix.reset();
		requests.length = 0;
		webhooks.clearDeliveries();
	};
	const server = createServer(
		createRequestHandler({
			store,
			events: webhooks,
			faults,
			webhooks,
			paging,
			rateLimit,
			ticketPrefix,
			reset,
			credentials: `${apiKey}:${apiSecret}`,
			requests: options.record === false ? null : requests,
			sleep,
			log,
		}),
	);
	const port = await listen(server, options.port ?? 0);
	let closing: Promise<void> | undefined;
	// Pending fault delays and webhook posts are dropped rather than awaited, so tests end promptly.
	const closeServer = (): Promise<void> =>
		new Promise<void>((resolve, reject) => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			webhooks.close();
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		apiKey,
		apiSecret,
		inboxId: store.inboxes[0]?.id ?? 0,
		requests,
		store,
		webhookDeliveries: webhooks.deliveries,
		get webhookUrl() {
			return webhooks.webhookUrl;
		},
		get paging() {
			return paging.options;
		},
		get ticketPrefix() {
			return ticketPrefix.current;
		},
		rateLimitStats: rateLimit.stats,
		injectFault: (fault) => faults.add(fault),
		clearFaults: () => faults.clear(),
		deleteConversation: (id) => store.conversations.delete(id),
		setRateLimit: (limit) => rateLimit.set(limit),
		reset,
		setWebhookUrl: (url) => webhooks.setUrl(url),
		setPaging: (changes) => paging.set(changes),
		setTicketPrefix: (prefix) => ticketPrefix.set(prefix),
		flushWebhooks: () => webhooks.flush(),
		close: () => (closing ??= closeServer()),
	};
}
