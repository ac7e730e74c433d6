/** Reading what `n8n execute --rawOutput` prints: shared by the E2E and the bench's real-n8n scenario. */

type Json = Record<string, unknown>;

/** One run of one node in n8n's run data (ITaskData), as far as the checks read it. */
export interface NodeTask {
	/** Epoch ms at which the node started. */
	startTime?: number;
	/** ms the node ran. */
	executionTime?: number;
	executionStatus?: string;
	data?: { main?: Array<Array<{ json?: Json; binary?: Record<string, Json> }>> };
	error?: Json;
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

/** Depth-first over the run data, whatever wrapper the version prints, to the first value `pick` accepts. */
function find<T>(run: unknown, pick: (record: Json) => T | undefined): T | undefined {
	const seen = new Set<unknown>();
	const visit = (value: unknown): T | undefined => {
		if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
		seen.add(value);
		const record = value as Json;
		const found = pick(record);
		if (found !== undefined) return found;
		for (const child of Object.values(record)) {
			const inChild = visit(child);
			if (inChild !== undefined) return inChild;
		}
		return undefined;
	};
	return visit(run);
}

function firstTask(record: Json, nodeName: string): NodeTask | undefined {
	const runData = record.runData as Record<string, unknown> | undefined;
	const tasks = runData?.[nodeName];
	return Array.isArray(tasks) ? (tasks[0] as NodeTask | undefined) : undefined;
}

/** The output items of a node in the run data (first run, first output). */
export function nodeItems(run: unknown, nodeName: string): Json[] {
	const items = find(run, (record) => {
		const main = firstTask(record, nodeName)?.data?.main?.[0];
		return main?.[0]?.json ? main : undefined;
	});
	return items?.map((item) => item.json ?? {}) ?? [];
}

/** The node's first run: when it started, how long it ran, its items. */
export function nodeTask(run: unknown, nodeName: string): NodeTask | undefined {
	return find(run, (record) => firstTask(record, nodeName));
}
