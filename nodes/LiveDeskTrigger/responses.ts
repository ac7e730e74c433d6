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
