/**
 * Reading what `n8n execute` prints, shared by the real-n8n checks that run workflows with it.
 */
import { strict as assert } from 'node:assert';
import type { CommandResult } from './n8n-env';

export type Json = Record<string, unknown>;

export function step(message: string): void {
	console.log(`[e2e n8n ${process.env.E2E_N8N_VERSION ?? '?'}] ${message}`);
}

export async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await work();
	step(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	return result;
}

// n8n must not try to reach the internet during a run (telemetry, version checks, catalogues):
// CI here has none, and a user's workflow run should not depend on it either.
const OUTBOUND_ATTEMPT = /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED (?!127\.0\.0\.1)/;

export function check(result: CommandResult, what: string): string {
	const output = `${result.stdout}\n${result.stderr}`;
	assertNoOutboundAttempt(output, what);
	if (result.error) throw new Error(`${what}: ${result.error.message}\n${output}`);
	if (result.status !== 0) throw new Error(`${what} exited with ${String(result.status)}:\n${output}`);
	return output;
}

export function assertNoOutboundAttempt(output: string, what: string): void {
	const line = output.split('\n').find((text) => OUTBOUND_ATTEMPT.test(text));
	assert.equal(line, undefined, `${what} tried to reach a host other than 127.0.0.1: ${line ?? ''}`);
}

/**
 * `n8n execute` prints log lines around the run data (how many differs between versions and
 * between success and failure), and the data itself as JSON.stringify(data, null, 2): so a JSON
 * block starts with a line "{" and ends with the next line "}" that parses.
 */
export function parseRunData(output: string): unknown {
	const lines = output.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n')) as unknown;
			} catch {
				// a nested block closed at column 0 inside a string; try the next "}"
			}
		}
	}
	return undefined;
}

/** Finds the output items of a node in the run data, whatever wrapper the version prints. */
export function nodeItems(run: unknown, nodeName: string): Json[] {
	const seen = new Set<unknown>();
	const visit = (value: unknown): Json[] | undefined => {
		if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
		seen.add(value);
		const record = value as Json;
		const runData = record.runData as Record<string, unknown> | undefined;
		const task = Array.isArray(runData?.[nodeName]) ? (runData[nodeName] as unknown[])[0] : undefined;
		const items = (task as { data?: { main?: Array<Array<{ json?: Json }>> } } | undefined)?.data?.main?.[0];
		if (items?.[0]?.json) return items.map((item) => item.json ?? {});
		for (const child of Object.values(record)) {
			const found = visit(child);
			if (found) return found;
		}
		return undefined;
	};
	return visit(run) ?? [];
}

export function nodeOutput(run: unknown, nodeName: string): Json | undefined {
	return nodeItems(run, nodeName)[0];
}
