import { MAKERS, type Batching, type Maker } from './protocol';

export const SCENARIOS = [
	'package',
	'engine',
	'rate-limited',
	'rate-limited-no-retry-after',
	'rate-limited-large',
	'rate-limited-shared',
	'real-n8n',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const USAGE = `Usage: npm run bench [-- options]

Sends Message → Send items against the local sandbox with makers of the same calls (the LiveDesk
node, n8n's HTTP Request node 4.2, a raw node:http loop), each measurement in a fresh process.
Scenarios (all by default, in this order):
  package                      the packed tarball (npm pack --dry-run) and the time n8n takes to load
                               the nodes and the credential (fresh processes), against their targets
  engine                       through n8n-core's WorkflowExecute: time, memory
  rate-limited                 --rate-limit-items through a sandbox admitting --rate-limit requests/s,
                               429 with Retry-After: delivered, failed, duplicated, wall vs ideal
  rate-limited-no-retry-after  the same, 429 without Retry-After
  rate-limited-large           --large-items (default 20000) the same way, 429 with Retry-After
  rate-limited-shared          --rate-limit-items split over two workflows run at once in one
                               process on one API key, against the one limit
  real-n8n                     --n8n-items through "n8n execute" on the cached n8n 2.41.1 (Node 24):
                               per-item wall and CPU, peak RSS

  --scenario a,b       only these scenarios (default all seven)
  --sizes 1000,10000   engine: item counts to measure (default 1000,10000)
  --runs N             engine: measurements per maker and size; the median wall time is shown (default 1)
  --warmup N           untimed items each process (or n8n execute) sends first (default 200; 0 = cold)
  --makers a,b         only these makers: liveDesk, httpRequest, raw (default all three; raw is
                       measured in the engine scenario only)
  --rate-limit N       rate-limited: requests a second the sandbox admits (default 100)
  --rate-limit-items N rate-limited: items per maker (default 5000)
  --large-items N      rate-limited-large: items per maker (default 20000)
  --n8n-items N        real-n8n: items per maker (default 1000)
  --batching SIZE,MS   rate-limited: also measure the LiveDesk node with Request Options → Batching
                       (e.g. 100,1000: 100 items a second; default: defaults only)
  --profile [N]        instead: CPU-profile the LiveDesk node sending N items (default 5000)
  --help               show this help`;

export interface Options {
	scenarios: Scenario[];
	sizes: number[];
	rateLimit: number;
	rateLimitItems: number;
	largeItems: number;
	n8nItems: number;
	batching?: Batching;
	makers: Maker[];
	runs: number;
	warmup: number;
	profileItems?: number;
	help: boolean;
}

/** Its own class so the entry point can answer a bad command line with the usage and exit code 2. */
export class UsageError extends Error {}

function positiveInteger(text: string | undefined, flag: string, allowZero = false): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < (allowZero ? 0 : 1))
		throw new UsageError(`${flag} needs a whole number`);
	return value;
}

function parseScenario(name: string): Scenario {
	const scenario = SCENARIOS.find((known) => known === name);
	if (!scenario) throw new UsageError(`Unknown scenario "${name}"; use ${SCENARIOS.join(', ')}`);
	return scenario;
}

function parseMaker(name: string): Maker {
	const maker = MAKERS.find((known) => known === name);
	if (!maker) throw new UsageError(`Unknown maker "${name}"; use ${MAKERS.join(', ')}`);
	return maker;
}

export function parseArgs(argv: readonly string[]): Options {
	const options: Options = {
		scenarios: [...SCENARIOS],
		sizes: [1000, 10_000],
		rateLimit: 100,
		rateLimitItems: 5000,
		largeItems: 20_000,
		n8nItems: 1000,
		makers: [...MAKERS],
		runs: 1,
		warmup: 200,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
		const value = (): string | undefined => inline ?? argv[++i];
		if (flag === '--help' || flag === '-h') options.help = true;
		else if (flag === '--scenario' || flag === '--scenarios')
			options.scenarios = (value() ?? '').split(',').map(parseScenario);
		else if (flag === '--rate-limit') options.rateLimit = positiveInteger(value(), flag);
		else if (flag === '--rate-limit-items') options.rateLimitItems = positiveInteger(value(), flag);
		else if (flag === '--large-items') options.largeItems = positiveInteger(value(), flag);
		else if (flag === '--batching') {
			const [size, interval] = (value() ?? '').split(',');
			options.batching = {
				batchSize: positiveInteger(size, flag),
				batchInterval: positiveInteger(interval, flag),
			};
		} else if (flag === '--n8n-items') options.n8nItems = positiveInteger(value(), flag);
		else if (flag === '--sizes')
			options.sizes = (value() ?? '').split(',').map((size) => positiveInteger(size, flag));
		else if (flag === '--makers') options.makers = (value() ?? '').split(',').map(parseMaker);
		else if (flag === '--runs') options.runs = positiveInteger(value(), flag);
		else if (flag === '--warmup') options.warmup = positiveInteger(value(), flag, true);
		else if (flag === '--profile') {
			// The count is optional, so only a number right after the flag is taken as one.
			const next = inline ?? argv[i + 1];
			options.profileItems =
				next !== undefined && /^\d+$/.test(next)
					? positiveInteger(inline ?? argv[++i], flag)
					: 5000;
		} else throw new UsageError(`Unknown option: ${flag}`);
	}
	return options;
}
