import { MAKERS, type Maker } from './protocol';

export const USAGE = `Usage: npm run bench [-- options]

Sends Message → Send items through n8n's engine against the local sandbox with three makers of
the same calls (the LiveDesk node, n8n's HTTP Request node 4.2, a raw node:http loop), each
measurement in a fresh process, and prints time, memory, package size and load time.

  --sizes 1000,10000   item counts to measure (default 1000,10000)
  --runs N             measurements per maker and size; the median wall time is shown (default 1)
  --warmup N           untimed items each process sends first (default 200; 0 = cold)
  --makers a,b         only these makers: liveDesk, httpRequest, raw (default all three)
  --profile [N]        instead: CPU-profile the LiveDesk node sending N items (default 5000)
  --help               show this help`;

export interface Options {
	sizes: number[];
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
	if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new UsageError(`${flag} needs a whole number`);
	return value;
}

function parseMaker(name: string): Maker {
	const maker = MAKERS.find((known) => known === name);
	if (!maker) throw new UsageError(`Unknown maker "${name}"; use ${MAKERS.join(', ')}`);
	return maker;
}

export function parseArgs(argv: readonly string[]): Options {
	const options: Options = { sizes: [1000, 10_000], makers: [...MAKERS], runs: 1, warmup: 200, help: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
		const value = (): string | undefined => inline ?? argv[++i];
		if (flag === '--help' || flag === '-h') options.help = true;
		else if (flag === '--sizes') options.sizes = (value() ?? '').split(',').map((size) => positiveInteger(size, flag));
		else if (flag === '--makers') options.makers = (value() ?? '').split(',').map(parseMaker);
		else if (flag === '--runs') options.runs = positiveInteger(value(), flag);
		else if (flag === '--warmup') options.warmup = positiveInteger(value(), flag, true);
		else if (flag === '--profile') {
			// The count is optional, so only a number right after the flag is taken as one.
			const next = inline ?? argv[i + 1];
			options.profileItems = next !== undefined && /^\d+$/.test(next) ? positiveInteger(inline ?? argv[++i], flag) : 5000;
		} else throw new UsageError(`Unknown option: ${flag}`);
	}
	return options;
}
