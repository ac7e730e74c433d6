import type {
	IncomingHttpHeaders,
	IncomingMessage,
	RequestListener,
	ServerResponse,
} from 'node:http';
import { CONTROL_PREFIX, handleControl, type ControlDeps } from './control';
import { ApiError, isObject } from './errors';
import { writeFault, type FaultQueue } from './faults';
import { ATTACHMENT_PATH_PREFIX } from './conversation-store';
import {
	isMultipart,
	parseBody,
	parseMultipart,
	readBody,
	sendFile,
	sendJson,
	type FormPart,
} from './http';
import { findRoute, type Route } from './router';
import { contactRoutes } from './routes/contacts';
import { conversationRoutes } from './routes/conversations';
import { messageRoutes } from './routes/messages';
import { ticketRoutes } from './routes/tickets';
import type { SandboxStore } from './store';
import { TICKET_PREFIXES, type TicketPrefixSwitch } from './ticket-prefix';
import type { JsonObject, SandboxEvents } from './types';

export const API_PREFIX = '/api/v2/accounts';

/** The API prefix a path is under, if any: /api/v2/accounts, or /v2/accounts (tickets only). */
function prefixOf(path: string): string | undefined {
	return TICKET_PREFIXES.find((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const isTicketPath = (rest: string): boolean => rest === '/tickets' || rest.startsWith('/tickets/');

const ROUTES: readonly Route[] = [
	...contactRoutes,
	...conversationRoutes,
	...messageRoutes,
	...ticketRoutes,
];

export interface RecordedRequest {
	method: string;
	/** The pathname as sent, including its prefix (/api/v2/accounts, or /v2/accounts for tickets). */
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON; the raw text when it was not JSON; undefined when empty; a form's text fields. */
	body: unknown;
	/** Every part of a multipart/form-data body in the order sent, files byte for byte. */
	parts?: FormPart[];
	/** When the request arrived (Date.now()), for tests of retry timing. */
	receivedAt: number;
}

export interface HandlerDeps extends ControlDeps {
	readonly store: SandboxStore;
	readonly events: SandboxEvents;
	readonly faults: FaultQueue;
	/** The exact `user:password` pair Basic auth must carry. */
	readonly credentials: string;
	/** null when recording is off (benchmarks). */
	readonly requests: RecordedRequest[] | null;
	readonly ticketPrefix: TicketPrefixSwitch;
	sleep(ms: number): Promise<void>;
	readonly log?: (line: string) => void;
}

function isAuthorized(header: string | undefined, credentials: string): boolean {
	const match = header === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(header);
	return match !== null && Buffer.from(match[1] ?? '', 'base64').toString('utf8') === credentials;
}

/** Returns true when the fault answered (or killed) the request. */
async function applyFault(
	deps: HandlerDeps,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
): Promise<boolean> {
	const fault = deps.faults.take(req.method ?? 'GET', path);
	if (!fault) return false;
	if (fault.delayMs) await deps.sleep(fault.delayMs);
	if (fault.destroy) {
		req.socket.destroy();
		return true;
	}
	if (fault.status === undefined) return false;
	if (!res.destroyed) writeFault(res, fault, fault.status);
	return true;
}

/** A form's text fields become the body (as Rails reads them); its files travel beside it. */
function formBody(parts: readonly FormPart[]): { fields: JsonObject; files: FormPart[] } {
	const fields: JsonObject = {};
	const files: FormPart[] = [];
	for (const part of parts) {
		if (part.fileName !== undefined) files.push(part);
		else fields[part.name] = part.data.toString('utf8');
	}
	return { fields, files };
}

function serveAttachment(
	deps: HandlerDeps,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
): void {
	// Assumed: files on LiveDesk's own host need the API credential, as its API does.
	if (!isAuthorized(req.headers.authorization, deps.credentials)) {
		return sendJson(res, 401, { error: 'Invalid API key or secret' });
	}
	const id = Number(path.slice(ATTACHMENT_PATH_PREFIX.length).split('/')[0]);
	const attachment = Number.isInteger(id) ? deps.store.conversations.getAttachment(id) : undefined;
	if (!attachment) return sendJson(res, 404, { error: 'File not found' });
	sendFile(res, attachment.mimeType, attachment.fileName, attachment.data);
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const method = req.method ?? 'GET';
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
	const raw = await readBody(req);
	if (raw === null) return sendJson(res, 413, { error: 'Request body too large' });
	let body: ReturnType<typeof parseBody>;
	let parts: FormPart[] | undefined;
	let files: FormPart[] = [];
	if (isMultipart(req)) {
		const parsed = await parseMultipart(raw, req.headers['content-type'] ?? '');
		if (!parsed) return sendJson(res, 400, { error: 'Invalid multipart/form-data body' });
		const form = formBody(parsed);
		parts = parsed;
		files = form.files;
		body = { ok: true, value: form.fields };
	} else {
		body = parseBody(raw.toString('utf8'));
	}
	const record = (): void => {
		deps.requests?.push({
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: body.ok ? body.value : body.text,
			...(parts ? { parts } : {}),
			receivedAt: Date.now(),
		});
	};
	if (method === 'GET' && path.startsWith(ATTACHMENT_PATH_PREFIX)) {
		record();
		if (await applyFault(deps, req, res, url.pathname)) return;
		return serveAttachment(deps, req, res, path);
	}
	if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
		if (!body.ok) return sendJson(res, 400, { error: 'Invalid JSON body' });
		const result = handleControl(deps, method, path, body.value);
		return sendJson(res, result.status, result.body);
	}
	const prefix = prefixOf(path);
	if (prefix === undefined) return sendJson(res, 404, { error: 'Route not found' });
	// Recorded under either prefix, so tests can count a client's second try.
	record();
	const limited = deps.rateLimit.refuse();
	if (limited) return sendJson(res, 429, { error: 'Too Many Requests' }, limited.headers);
	if (await applyFault(deps, req, res, url.pathname)) return;
	const rest = path.slice(prefix.length) || '/';
	// Tickets are served under the switch's prefix only, every other call under /api/v2/accounts.
	const served = isTicketPath(rest) ? deps.ticketPrefix.current : API_PREFIX;
	// Routing precedes auth, as in Rails: an unknown path is a 404 whatever the credentials.
	const match = prefix === served ? findRoute(ROUTES, method, rest) : undefined;
	if (!match) return sendJson(res, 404, { error: 'Route not found' });
	if (!isAuthorized(req.headers.authorization, deps.credentials)) {
		return sendJson(res, 401, { error: 'Invalid API key or secret' });
	}
	if (!body.ok) return sendJson(res, 400, { error: 'Invalid JSON body' });
	const payload = body.value === undefined ? {} : body.value;
	if (!isObject(payload)) return sendJson(res, 400, { error: 'JSON body must be an object' });
	const { store, events, paging } = deps;
	const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
	const context = {
		store,
		events,
		paging,
		params: match.params,
		query: url.searchParams,
		files,
		origin,
	};
	try {
		const result = match.route.handle({ ...context, body: payload });
		sendJson(res, result.status, result.body);
	} catch (error: unknown) {
		if (!(error instanceof ApiError)) throw error;
		sendJson(res, error.status, error.body);
	}
}

export function createRequestHandler(deps: HandlerDeps): RequestListener {
	const log = deps.log;
	return (req, res) => {
		if (log) {
			const started = Date.now();
			res.on('close', () => {
				const outcome = res.writableFinished
					? String(res.statusCode)
					: 'connection closed without answer';
				log(`${req.method ?? '?'} ${req.url ?? ''} ${outcome} ${Date.now() - started}ms`);
			});
		}
		handle(deps, req, res).catch((error: unknown) => {
			const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
			console.error(`sandbox: internal error on ${req.method ?? '?'} ${req.url ?? ''}: ${detail}`);
			sendJson(res, 500, { error: 'Internal sandbox error' });
		});
	};
}
