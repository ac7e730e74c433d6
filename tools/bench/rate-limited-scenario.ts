import type { Sandbox } from '../sandbox';
import { loadAverage } from './machine';
import type { Options } from './options';
import { MAKER_LABELS, type Maker } from './protocol';
import { measureRateLimited, type RateLimitCase, type RateLimitedMeasurement } from './rate-limited';
import { idealMs, printRateLimited, printRateLimitedTargets } from './rate-limited-report';

/** The makers the issue compares under a rate limit; the raw loop has no retry policy to measure. */
const RATE_LIMITED_MAKERS: readonly Maker[] = ['liveDesk', 'httpRequest'];

export async function rateLimitedScenario(
	sandbox: Sandbox,
	options: Options,
	httpRequestModule: string,
	progress: (line: string) => void,
): Promise<boolean> {
	const cases: RateLimitCase[] = [
		...(options.scenarios.includes('rate-limited') ? [{ perSecond: options.rateLimit, retryAfter: true }] : []),
		...(options.scenarios.includes('rate-limited-no-retry-after') ? [{ perSecond: options.rateLimit, retryAfter: false }] : []),
	];
	const makers = RATE_LIMITED_MAKERS.filter((maker) => options.makers.includes(maker));
	if (cases.length === 0 || makers.length === 0) return true;
	const items = options.rateLimitItems;
	const ideal = idealMs({ items, limit: { perSecond: options.rateLimit, retryAfter: true } }) / 1000;
	console.log(
		`\nRate-limited: ${items.toLocaleString('en-US')} Message → Send items per maker, default settings, the sandbox admitting ${options.rateLimit} requests a second (token bucket, bursts up to one second's worth) and answering 429 beyond; ideal wall = ${items.toLocaleString('en-US')} / ${options.rateLimit} = ${ideal.toFixed(0)} s.`,
	);
	console.log(
		`Each maker in a fresh process; ${options.warmup} warm-up items before the limit is switched on. delivered / duplicated: counted in the sandbox's store by message content; failed = not delivered. ${loadAverage()} before.\n`,
	);
	const measurements: RateLimitedMeasurement[] = [];
	for (const limit of cases) {
		for (const maker of makers) {
			progress(`rate-limited: ${MAKER_LABELS[maker]}, Retry-After ${limit.retryAfter ? 'yes' : 'no'}…`);
			measurements.push(await measureRateLimited(sandbox, maker, items, options.warmup, limit, httpRequestModule));
			if (maker === 'liveDesk' && options.batching) {
				progress(`rate-limited: ${MAKER_LABELS[maker]} with Batching, Retry-After ${limit.retryAfter ? 'yes' : 'no'}…`);
				measurements.push(await measureRateLimited(sandbox, maker, items, options.warmup, limit, httpRequestModule, options.batching));
			}
		}
	}
	progress('');
	printRateLimited(measurements);
	console.log(`After the runs: ${loadAverage(false)}.`);
	printRateLimitedTargets(measurements);
	return measurements.every((m) => m.problems.length === 0);
}
