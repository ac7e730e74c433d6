import type { SandboxTarget } from './protocol';
import { messageText } from './protocol';
import { CREDENTIALS, httpRequestNode, liveDeskNode } from './makers';

export type N8nMaker = 'liveDesk' | 'httpRequest';

/** The node whose run the real-n8n scenario times; its warm-up twin runs first in the same execution. */
export const MEASURED_NODE = 'Maker';
const WARMUP_NODE = 'Warm-up';

export const WORKFLOW_IDS: Record<N8nMaker, string> = {
	liveDesk: 'LiveDeskBenchLd1',
	httpRequest: 'LiveDeskBenchHr1',
};

/** A Code node that emits the bench's texts, numbered from 0 (n8n runs it in its task runner, before the makers). */
function itemsNode(
	name: string,
	count: number,
	position: [number, number],
): Record<string, unknown> {
	const items = Array.from({ length: count }, (_, index) => ({
		json: { text: messageText(index) },
	}));
	return {
		id: name.toLowerCase(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode: `return ${JSON.stringify(items)};` },
	};
}

/**
 * Start → warm-up items → the maker (warm-up conversation) → items → the maker (measured
 * conversation): one `n8n execute` pays module loading and JIT on the warm-up, as the engine
 * scenario does, and the measured node's own run data says when it started and how long it ran.
 */
export function realN8nWorkflow(
	maker: N8nMaker,
	conversations: { warmup: number; measured: number },
	sandbox: SandboxTarget,
	items: number,
	warmup: number,
): Record<string, unknown> {
	const spec = (conversationId: number) =>
		maker === 'liveDesk' ? liveDeskNode(conversationId) : httpRequestNode(conversationId, sandbox);
	const chain = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...(warmup > 0
			? [
					itemsNode('Warm-up items', warmup, [200, 0]),
					{
						...spec(conversations.warmup),
						id: 'warmup',
						name: WARMUP_NODE,
						position: [400, 0],
						credentials: CREDENTIALS,
					},
				]
			: []),
		itemsNode('Items', items, [600, 0]),
		{
			...spec(conversations.measured),
			id: 'maker',
			name: MEASURED_NODE,
			position: [800, 0],
			credentials: CREDENTIALS,
		},
	];
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: chain[index + 1]?.name, type: 'main', index: 0 }]] },
			]),
	);
	return {
		id: WORKFLOW_IDS[maker],
		name: `LiveDesk bench: ${maker}, ${items} items`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: chain,
		connections,
	};
}
