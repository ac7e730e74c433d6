/** What the parent (run-measurement.ts) and a measurement child (measure.ts) exchange over the fork IPC channel. */

export const MAKERS = ['liveDesk', 'httpRequest', 'raw'] as const;
export type Maker = (typeof MAKERS)[number];

export const MAKER_LABELS: Record<Maker, string> = {
	liveDesk: 'LiveDesk node',
	httpRequest: 'HTTP Request 4.2',
	raw: 'raw node:http',
};

export interface SandboxTarget {
	/** Host root, e.g. http://127.0.0.1:41234. */
	url: string;
	apiKey: string;
	apiSecret: string;
}

export interface Job {
	maker: Maker;
	items: number;
	/** Receives the timed run's messages; the parent counts them afterwards. */
	conversationId: number;
	/** Untimed run first, so the timed run does not pay for JIT compilation and lazy module loading. */
	warmupItems: number;
	warmupConversationId: number;
	sandbox: SandboxTarget;
	/** Absolute path of n8n-nodes-base's HttpRequest.node.js in the bench cache (httpRequest only). */
	httpRequestModule?: string;
	/**
	 * The timed run meets a rate limit: failed items are then the figure being measured, not a
	 * reason to call the measurement invalid, and more requests than items are expected.
	 */
	rateLimited?: boolean;
	/** The LiveDesk node's Request Options → Batching (none by default, as a user starts). */
	batching?: Batching;
	/** Split the items over this many workflows run at once in the process, on one API key (default 1). */
	workflows?: number;
}

export interface Batching {
	batchSize: number;
	batchInterval: number;
}

/** The parent's answer to StartMessage: it has sampled its counters (and set any rate limit); the timed run may begin. */
export interface GoMessage {
	type: 'go';
}

/** Sent right before the timed section starts, so the parent can sample the sandbox's CPU from there. */
export interface StartMessage {
	type: 'start';
}

export interface ResultMessage {
	type: 'result';
	wallMs: number;
	/** user + system CPU of the child during the timed section. */
	cpuMs: number;
	/** process.resourceUsage().maxRSS in kB: the child's peak, warm-up and module loading included. */
	maxRssKb: number;
	/** The same peak read just before the timed section, to tell the run's own growth from the baseline. */
	maxRssBeforeKb: number;
	/** HTTP requests the child sent during the timed section. */
	requests: number;
	/** When the timed section's first request went out, from its start (n8n builds all requests first). */
	firstRequestMs?: number;
	/** TCP connections the child opened during the timed section. */
	connections: number;
	/** Requests sent with keep-alive (n8n's client sends `Connection: close`, so this should be 0). */
	keepAliveRequests: number;
	/** Output items that came back with the text they were sent with. */
	okItems: number;
	/** Errors on the child's TCP sockets during the timed section, by code (EADDRNOTAVAIL, ECONNRESET, …). */
	socketErrors: Record<string, number>;
	/** Rate-limited runs: why items failed, as n8n reported it, the most frequent first, with counts. */
	failures: Array<[string, number]>;
	/** `={{ … }}` evaluations per item, counted on the warm-up (undefined without one). */
	expressionsPerItem?: number;
	/** The timed section on the monotonic clock V8's profiler uses (µs), to cut a --cpu-prof profile to it. */
	timedFromUs: number;
	timedToUs: number;
	/** Why the run is not a valid measurement; empty when it is. */
	problems: string[];
}

export interface ErrorMessage {
	type: 'error';
	message: string;
}

export type ChildMessage = StartMessage | ResultMessage | ErrorMessage;

/** The text item i carries; the parent checks the sandbox received exactly these. */
export function messageText(index: number): string {
	return `Bench message ${index}: my order #${100000 + index} has not arrived yet.`;
}
