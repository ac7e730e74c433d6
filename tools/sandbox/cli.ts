import { API_PREFIX } from './handler';
import { startSandbox, type SandboxOptions } from './server';
import { normalizeTicketPrefix } from './ticket-prefix';

const USAGE = `Usage: node build/tools/sandbox/cli.js [options]

  --port N            port on 127.0.0.1 (default 8787; 0 = any free port)
  --api-key KEY       API key the sandbox accepts (default demo-key)
  --api-secret SECRET API secret the sandbox accepts (default demo-secret)
  --webhook-url URL   where to POST LiveDesk webhook events (default: none)
  --page-size N       contacts a list page (default 15, as documented)
  --current-page-as-string
                      send meta.current_page as "1" rather than 1 (the docs show both)
  --rate-limit N      admit N requests a second, answer 429 with Retry-After beyond (default: no limit)
  --rate-limit-without-retry-after
                      with --rate-limit: answer 429 without a Retry-After header
  --ticket-prefix P   serve the ticket calls under P: /api/v2/accounts (default) or /v2/accounts
                      (LiveDesk's editions print both; the other answers 404)
  --quiet             do not log each request
  --help              show this help`;

class UsageError extends Error {}

function wholeNumber(flag: string, text: string, min: number): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < min)
		throw new UsageError(`${flag} must be a whole number of at least ${min}`);
	return value;
}

function parseArgs(argv: readonly string[]): SandboxOptions & { help: boolean } {
	const options: SandboxOptions & { help: boolean } = { port: 8787, quiet: false, help: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
		const value = (): string => {
			const next = inline ?? argv[++i];
			if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
			return next;
		};
		if (flag === '--help' || flag === '-h') options.help = true;
		else if (flag === '--quiet') options.quiet = true;
		else if (flag === '--api-key') options.apiKey = value();
		else if (flag === '--api-secret') options.apiSecret = value();
		else if (flag === '--webhook-url') options.webhookUrl = value();
		else if (flag === '--ticket-prefix') {
			try {
				options.ticketPrefix = normalizeTicketPrefix(value());
			} catch (error: unknown) {
				throw new UsageError(
					`--ticket-prefix: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
		} else if (flag === '--current-page-as-string')
			options.paging = { ...options.paging, currentPageAsString: true };
		else if (flag === '--page-size')
			options.paging = { ...options.paging, pageSize: wholeNumber(flag, value(), 1) };
		else if (flag === '--rate-limit') {
			options.rateLimit = {
				retryAfter: options.rateLimit?.retryAfter ?? true,
				perSecond: wholeNumber(flag, value(), 1),
			};
		} else if (flag === '--rate-limit-without-retry-after') {
			options.rateLimit = { perSecond: options.rateLimit?.perSecond ?? 0, retryAfter: false };
		} else if (flag === '--port') {
			const port = Number(value());
			if (!Number.isInteger(port) || port < 0 || port > 65535)
				throw new UsageError('--port must be 0-65535');
			options.port = port;
		} else throw new UsageError(`Unknown option: ${flag}`);
	}
	return options;
}

async function main(): Promise<void> {
	const options = parseArgs(process.argv.slice(2));
	if (options.rateLimit && options.rateLimit.perSecond < 1)
		throw new UsageError('--rate-limit-without-retry-after needs --rate-limit N');
	if (options.help) {
		console.log(USAGE);
		return;
	}
	const sandbox = await startSandbox(options);
	const control = `${sandbox.url}/__sandbox`;
	console.log(
		[
			'LiveDesk sandbox is running (fake EngageLab LiveDesk API; data lives in memory only).',
			'',
			'Credential for n8n ("LiveDesk API"):',
			`  Base URL:    ${sandbox.url}`,
			`  API Key:     ${sandbox.apiKey}`,
			`  API Secret:  ${sandbox.apiSecret}`,
			`  Inbox ID:    ${sandbox.inboxId}  (API channel "${sandbox.store.inboxes[0]?.name ?? ''}")`,
			'',
			`API:           ${sandbox.url}${API_PREFIX}/...`,
			`Webhook URL:   ${sandbox.webhookUrl ?? '(none; set with --webhook-url or POST /__sandbox/webhook)'}`,
			`Contact pages: ${sandbox.paging.pageSize} a page, current_page as a ${sandbox.paging.currentPageAsString ? 'string' : 'number'}`,
			`Rate limit:    ${options.rateLimit ? `${options.rateLimit.perSecond} requests a second, 429 ${options.rateLimit.retryAfter ? 'with' : 'without'} Retry-After beyond` : 'none (set with --rate-limit N or POST /__sandbox/rate-limit)'}`,
			`Tickets:       ${sandbox.url}${sandbox.ticketPrefix}/tickets (set with --ticket-prefix or POST /__sandbox/ticket-prefix)`,
			'Control endpoints (no auth):',
			`  POST   ${control}/faults   queue faults, e.g. {"path":"/contacts","status":429,"headers":{"Retry-After":"2"}}`,
			`  GET    ${control}/faults   list pending faults`,
			`  DELETE ${control}/faults   clear faults`,
			`  POST   ${control}/reset    clear all data and faults, paging back to the start`,
			`  POST   ${control}/webhook  {"url":"http://127.0.0.1:5678/webhook/..."} or {"url":null}`,
			`  GET    ${control}/webhook  webhook URL and deliveries`,
			`  POST   ${control}/paging   {"pageSize":10} and/or {"currentPageAsString":true} (reset undoes it)`,
			`  GET    ${control}/paging   current paging`,
			`  POST   ${control}/ticket-prefix {"prefix":"/v2/accounts"} or {"prefix":"/api/v2/accounts"}; GET: the current one`,
			`  POST   ${control}/rate-limit {"perSecond":50} (optionally "retryAfter":false) or null; GET: what it admitted and refused`,
			'',
			options.quiet ? 'Press Ctrl+C to stop.' : 'Press Ctrl+C to stop. Requests:',
		].join('\n'),
	);
	const stop = (signal: string): void => {
		console.log(`\n${signal}: stopping sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
	else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
		console.error(`Port already in use: ${error.message}. Try --port 0 or another port.`);
	} else console.error(error);
	process.exit(1);
});
