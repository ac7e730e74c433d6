/**
 * Reading what `n8n execute` prints, shared by the real-n8n checks that run workflows with it.
 */
import { strict as assert } from 'node:assert';
import type { CommandResult } from './n8n-env';
import { stepLogger } from './progress';
import { nodeItems, parseRunData } from './run-data';

export { nodeItems, parseRunData } from './run-data';

export type Json = Record<string, unknown>;

export const step = stepLogger('e2e');

export async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await work();
	step(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	return result;
}

// n8n must not try to reach the internet during a run (telemetry, version checks, catalogues):
// CI here has none, and a user's workflow run should not depend on it either.
const OUTBOUND_ATTEMPT = /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED (?!127\.0\.0\.1)/;

/**
 * n8n on Node 24 now and then dies of a segmentation fault in its own native code while it shuts
 * down (n8n-io/n8n#26865 and kin), after it printed the finished run. Such a run is judged by its
 * run data like any other; a crash before the run finished still fails.
 */
function crashedAfterSuccess(result: CommandResult): boolean {
	if (result.signal !== 'SIGSEGV') return false;
	const run = parseRunData(result.stdout) as { status?: unknown; finished?: unknown } | undefined;
	return run?.status === 'success' && run.finished === true;
}

export function check(result: CommandResult, what: string): string {
	const output = `${result.stdout}\n${result.stderr}`;
	assertNoOutboundAttempt(output, what);
	if (result.error) throw new Error(`${what}: ${result.error.message}\n${output}`);
	if (crashedAfterSuccess(result)) {
		step(
			`warning: ${what} was ended by SIGSEGV after the run finished with success; judging its run data`,
		);
		return output;
	}
	// A null status is a process ended by a signal: name it, since the run data may still show success.
	const ending =
		result.status === null
			? `was ended by ${String(result.signal)}`
			: `exited with ${result.status}`;
	if (result.status !== 0) throw new Error(`${what} ${ending}:\n${output}`);
	return output;
}

export function assertNoOutboundAttempt(output: string, what: string): void {
	const line = output.split('\n').find((text) => OUTBOUND_ATTEMPT.test(text));
	assert.equal(
		line,
		undefined,
		`${what} tried to reach a host other than 127.0.0.1: ${line ?? ''}`,
	);
}

export function nodeOutput(run: unknown, nodeName: string): Json | undefined {
	return nodeItems(run, nodeName)[0];
}
