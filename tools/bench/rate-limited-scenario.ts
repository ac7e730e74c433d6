import type { Sandbox } from '../sandbox';
import { loadAverage } from './machine';
import type { Options } from './options';
import { MAKER_LABELS, type Maker } from './protocol';
import {
	measureRateLimited,
	type RateLimitCase,
	type RateLimitedMeasurement,
} from './rate-limited';
import { idealMs, printRateLimited, printRateLimitedTargets } from './rate-limited-report';

/** The makers the issue compares under a rate limit; the raw loop has no retry policy to measure. */
const RATE_LIMITED_MAKERS: readonly Maker[] = ['liveDesk', 'httpRequest'];

/** One rate-limited measurement per maker: items, the limit, and how many workflows share the key. */
interface Case {
	limit: RateLimitCase;
	items: number;
	workflows: number;
}

export async function rateLimitedScenario(
	sandbox: Sandbox,
	options: Options,
	httpRequestModule: string,
	progress: (line: string) => void,
): Promise<boolean> {
	const perSecond = options.rateLimit;
	const items = options.rateLimitItems;
	const wanted = (scenario: Options['scenarios'][number]) => options.scenarios.includes(scenario);
	const cases: Case[] = [
		...(wanted('rate-limited')
			? [{ limit: { perSecond, retryAfter: true }, items, workflows: 1 }]
			: []),
		...(wanted('rate-limited-no-retry-after')
			? [{ limit: { perSecond, retryAfter: false }, items, workflows: 1 }]
			: []),
		...(wanted('rate-limited-shared')
			? [{ limit: { perSecond, retryAfter: true }, items, workflows: 2 }]
			: []),
		...(wanted('rate-limited-large')
			? [{ limit: { perSecond, retryAfter: true }, items: options.largeItems, workflows: 1 }]
			: []),
	];
	const makers = RATE_LIMITED_MAKERS.filter((maker) => options.makers.includes(maker));
	if (cases.length === 0 || makers.length === 0) return true;
	const sizes = [...new Set(cases.map((each) => each.items))].map(
		(size) =>
			`${size.toLocaleString('en-US')} items: ideal wall ${(idealMs({ items: size, limit: { perSecond, retryAfter: true } }) / 1000).toFixed(0)} s`,
	);
	console.log(
		`\nRate-limited: Message → Send items per maker, default settings, the sandbox admitting ${perSecond} requests a second (token bucket, bursts up to one second's worth) and answering 429 beyond; ideal wall = items / ${perSecond} (${sizes.join('; ')}). "2 workflows on one key": the items split over two workflows run at once in one process.`,
	);
	console.log(
		`Each measurement in a fresh process, one after the other; ${options.warmup} warm-up items before the limit is switched on. delivered / duplicated: counted in the sandbox's store by message content; failed = not delivered; per item = HTTP requests / items; load = 1-minute load average right after the run. ${loadAverage()} before.\n`,
	);
	const measurements: RateLimitedMeasurement[] = [];
	for (const { limit, items: count, workflows } of cases) {
		for (const maker of makers) {
			const which = `${MAKER_LABELS[maker]}, ${count} items${workflows > 1 ? ` in ${workflows} workflows` : ''}, Retry-After ${limit.retryAfter ? 'yes' : 'no'}`;
			progress(`rate-limited: ${which}…`);
			measurements.push(
				await measureRateLimited(
					sandbox,
					maker,
					count,
					options.warmup,
					limit,
					httpRequestModule,
					undefined,
					workflows,
				),
			);
			if (maker === 'liveDesk' && options.batching && workflows === 1) {
				progress(`rate-limited: ${which} with Batching…`);
				measurements.push(
					await measureRateLimited(
						sandbox,
						maker,
						count,
						options.warmup,
						limit,
						httpRequestModule,
						options.batching,
					),
				);
			}
		}
	}
	progress('');
	printRateLimited(measurements);
	console.log(`After the runs: ${loadAverage(false)}.`);
	printRateLimitedTargets(measurements);
	return measurements.every((m) => m.problems.length === 0);
}
