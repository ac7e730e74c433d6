import type { IWebhookResponseData } from 'n8n-workflow';

/** The part of n8n's (Express) response this node uses; plain Node responses have it too. */
export interface PlainResponse {
	writeHead(statusCode: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * Answered here rather than through n8n, because n8n answers every webhook it does not
 * run with 200. `noWebhookResponse` tells n8n the answer is sent and nothing is to run.
 */
export function rejectUnauthorized(res: PlainResponse): IWebhookResponseData {
	res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify({ message: 'Missing or wrong token' }));
	return { noWebhookResponse: true };
}

/**
 * 200 without workflow data: n8n sends the message and starts nothing. Chatwoot-family inboxes
 * mark a message as failed in the agent's view when its API-channel webhook is not answered 2xx,
 * so a skipped note or customer message must still get a 200.
 */
export function ignoreEvent(reason: string): IWebhookResponseData {
	return { webhookResponse: { message: `Event ignored: ${reason}` } };
}

/** The answer n8n gives a started event (the node's responseData), sent before the node is done. */
export const STARTED_MESSAGE = 'Event received: workflow started';

/**
 * Sent before downloading attachments: LiveDesk waits for the answer, and Chatwoot-family
 * inboxes give up after a few seconds and mark the message as failed (assumed for LiveDesk).
 * The node then returns `noWebhookResponse` with its workflow data, and n8n starts the run.
 */
export function answerStarted(res: PlainResponse): void {
	res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify({ message: STARTED_MESSAGE }));
}
