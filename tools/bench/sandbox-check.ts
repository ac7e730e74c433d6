import type { Sandbox } from '../sandbox';
import { messageText } from './protocol';

/** The sandbox's API, used by the bench itself to open the conversations the makers post into. */
async function api(
	sandbox: Sandbox,
	route: string,
	body: object,
): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.url}/api/v2/accounts${route}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`,
		},
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as Record<string, unknown>;
	if (!response.ok)
		throw new Error(`Sandbox ${route} answered ${response.status}: ${JSON.stringify(json)}`);
	return json;
}

/** Two conversations, so the warm-up's messages never count towards the timed run's. */
export async function openConversations(
	sandbox: Sandbox,
): Promise<{ warmup: number; measured: number }> {
	const created = await api(sandbox, '/contacts', {
		inbox_id: sandbox.inboxId,
		name: 'Bench Customer',
	});
	const contact = (created.payload as { contact: { id: number } }).contact;
	const open = async (): Promise<number> =>
		(await api(sandbox, '/conversations', { inbox_id: sandbox.inboxId, contact_id: contact.id }))
			.id as number;
	return { warmup: await open(), measured: await open() };
}

/** Exactly the texts that were sent, each once, as incoming messages: otherwise the run measured failures. */
export function checkSandbox(sandbox: Sandbox, conversationId: number, count: number): string[] {
	const messages = sandbox.store.listMessages(conversationId);
	const expected = new Set(Array.from({ length: count }, (_, index) => messageText(index)));
	const problems: string[] = [];
	if (messages.length !== count)
		problems.push(`the sandbox has ${messages.length} new messages, not ${count}`);
	for (const message of messages) {
		if (!expected.delete(message.content ?? ''))
			problems.push(`unexpected or repeated message "${message.content}"`);
		else if (message.messageType !== 'incoming')
			problems.push(`message ${message.id} is ${message.messageType}`);
		if (problems.length > 5) break;
	}
	return problems;
}

export interface Deliveries {
	/** Distinct texts of the run that reached the sandbox. */
	delivered: number;
	/** Messages beyond the first with the same text: a request that was processed and then sent again. */
	duplicated: number;
	/** Messages whose text no item of the run carried. */
	unexpected: number;
}

/** What reached the conversation, counted by content: a rate-limited run may lose or repeat items. */
export function countDeliveries(
	sandbox: Sandbox,
	conversationId: number,
	count: number,
): Deliveries {
	const expected = new Set(Array.from({ length: count }, (_, index) => messageText(index)));
	const seen = new Set<string>();
	const result: Deliveries = { delivered: 0, duplicated: 0, unexpected: 0 };
	for (const { content } of sandbox.store.listMessages(conversationId)) {
		if (content === null || !expected.has(content)) result.unexpected++;
		else if (seen.has(content)) result.duplicated++;
		else {
			seen.add(content);
			result.delivered++;
		}
	}
	return result;
}
