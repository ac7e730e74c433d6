import { isObject } from './errors';
import { normalizeFault, type Fault, type FaultQueue } from './faults';
import { normalizePaging, type Paging } from './paging';
import { normalizeRateLimit, type RateLimiter } from './rate-limit';
import type { RouteResult } from './router';
import type { TicketPrefixSwitch } from './ticket-prefix';
import type { WebhookDispatcher } from './webhooks';

export const CONTROL_PREFIX = '/__sandbox';

export interface ControlDeps {
	readonly faults: FaultQueue;
	readonly webhooks: WebhookDispatcher;
	readonly paging: Paging;
	readonly rateLimit: RateLimiter;
	readonly ticketPrefix: TicketPrefixSwitch;
	reset(): void;
}

const badRequest = (error: string): RouteResult => ({ status: 400, body: { error } });

function queueFaults(faults: FaultQueue, body: unknown): RouteResult {
	const list = Array.isArray(body) ? body : [body];
	let normalized: Fault[];
	try {
		normalized = list.map(normalizeFault);
	} catch (error: unknown) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
	// Validated first, so a bad entry in a list queues nothing.
	for (const fault of normalized) faults.add(fault);
	return { status: 200, body: { queued: normalized.length, pending: faults.list() } };
}

function setWebhook(webhooks: WebhookDispatcher, body: unknown): RouteResult {
	if (!isObject(body) || !('url' in body))
		return badRequest('Send {"url": "http://..."} or {"url": null}');
	const { url } = body;
	if (url !== null && typeof url !== 'string') return badRequest('url must be a string or null');
	try {
		webhooks.setUrl(url);
	} catch (error: unknown) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
	return { status: 200, body: { url: webhooks.webhookUrl } };
}

/** Changes only the keys sent, e.g. {"pageSize": 10} or {"currentPageAsString": true}. */
function setPaging(paging: Paging, body: unknown): RouteResult {
	try {
		paging.set(normalizePaging(body));
	} catch (error: unknown) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
	return { status: 200, body: { paging: paging.options } };
}

/** {"perSecond": 50} (optionally "retryAfter": false) limits the API; null lifts the limit. Counts restart. */
function setRateLimit(rateLimit: RateLimiter, body: unknown): RouteResult {
	try {
		rateLimit.set(normalizeRateLimit(body));
	} catch (error: unknown) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
	return { status: 200, body: { rateLimit: rateLimit.current, ...rateLimit.stats } };
}

/** {"prefix": "/v2/accounts"} serves the ticket calls there from now on; reset goes back to the start value. */
function setTicketPrefix(ticketPrefix: TicketPrefixSwitch, body: unknown): RouteResult {
	try {
		ticketPrefix.set(isObject(body) ? body.prefix : undefined);
	} catch (error: unknown) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
	return { status: 200, body: { prefix: ticketPrefix.current } };
}

/** Test-only endpoints: no auth, never recorded, never faulted. */
export function handleControl(
	deps: ControlDeps,
	method: string,
	path: string,
	body: unknown,
): RouteResult {
	const key = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
	switch (key) {
		case 'POST /faults':
			return queueFaults(deps.faults, body);
		case 'GET /faults':
			return { status: 200, body: { pending: deps.faults.list() } };
		case 'DELETE /faults':
			deps.faults.clear();
			return { status: 200, body: { cleared: true } };
		case 'POST /reset':
			deps.reset();
			return { status: 200, body: { reset: true } };
		case 'POST /webhook':
			return setWebhook(deps.webhooks, body);
		case 'GET /webhook':
			return {
				status: 200,
				body: { url: deps.webhooks.webhookUrl, deliveries: deps.webhooks.deliveries },
			};
		case 'POST /paging':
			return setPaging(deps.paging, body);
		case 'GET /paging':
			return { status: 200, body: { paging: deps.paging.options } };
		case 'POST /rate-limit':
			return setRateLimit(deps.rateLimit, body);
		case 'GET /rate-limit':
			return { status: 200, body: { rateLimit: deps.rateLimit.current, ...deps.rateLimit.stats } };
		case 'POST /ticket-prefix':
			return setTicketPrefix(deps.ticketPrefix, body);
		case 'GET /ticket-prefix':
			return { status: 200, body: { prefix: deps.ticketPrefix.current } };
		default:
			return { status: 404, body: { error: `Unknown control endpoint: ${method} ${path}` } };
	}
}
