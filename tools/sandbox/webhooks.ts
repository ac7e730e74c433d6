import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SandboxStore } from './store';
import type {
	ConversationRecord,
	JsonObject,
	MessageRecord,
	SandboxEvents,
	StatusSnapshot,
} from './types';
import { conversationPayload, messageCreatedPayload } from './webhook-payloads';

export interface WebhookDelivery {
	readonly event: string;
	readonly url: string;
	/** A snapshot taken when the event happened. */
	readonly payload: JsonObject;
	/** The receiver's HTTP status, once answered. */
	status?: number;
	/** The start of the receiver's answer body, e.g. the trigger's "Event ignored: …", once answered. */
	response?: string;
	/** Why delivery failed (network error, timeout, non-2xx). */
	error?: string;
}

const DELIVERY_TIMEOUT_MS = 5000;
/** Enough for a receiver's short status message; a large answer body is not kept whole. */
const RESPONSE_KEEP_CHARS = 500;

export function validateWebhookUrl(url: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new TypeError(`Invalid webhook URL: ${url}`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new TypeError(`Webhook URL must use http or https: ${url}`);
	}
	return parsed.toString();
}

/**
 * Posts events one after another, so receivers see them in the order they happened.
 * Failures are recorded and logged, never thrown: LiveDesk does not retry either.
 */
export class WebhookDispatcher implements SandboxEvents {
	readonly deliveries: WebhookDelivery[] = [];
	private url: string | null = null;
	private tail: Promise<void> = Promise.resolve();
	private inFlight = new Set<ClientRequest>();
	private closed = false;

	constructor(
		private readonly store: SandboxStore,
		private readonly warn: (line: string) => void,
	) {}

	get webhookUrl(): string | null {
		return this.url;
	}

	setUrl(url: string | null): void {
		this.url = url === null || url === '' ? null : validateWebhookUrl(url);
	}

	conversationCreated(conversation: ConversationRecord): void {
		this.enqueue('conversation_created', () =>
			conversationPayload('conversation_created', this.store, conversation),
		);
	}

	messageCreated(message: MessageRecord): void {
		this.enqueue('message_created', () => messageCreatedPayload(this.store, message));
	}

	conversationStatusChanged(conversation: ConversationRecord, previous: StatusSnapshot): void {
		if (previous.status !== conversation.status) {
			this.enqueue('conversation_status_changed', () =>
				conversationPayload('conversation_status_changed', this.store, conversation, previous),
			);
		}
		this.enqueue('conversation_updated', () =>
			conversationPayload('conversation_updated', this.store, conversation, previous),
		);
	}

	/** Resolves once every event queued so far (and any queued meanwhile) has been delivered or failed. */
	async flush(): Promise<void> {
		let tail: Promise<void>;
		do {
			tail = this.tail;
			await tail;
		} while (tail !== this.tail);
	}

	clearDeliveries(): void {
		this.deliveries.length = 0;
	}

	close(): void {
		this.closed = true;
		for (const req of this.inFlight) req.destroy();
	}

	private enqueue(event: string, build: () => JsonObject): void {
		const url = this.url;
		if (url === null || this.closed) return;
		// Cloned now, because later requests mutate the records the payload was built from.
		const delivery: WebhookDelivery = { event, url, payload: structuredClone(build()) };
		this.deliveries.push(delivery);
		this.tail = this.tail.then(() => this.post(delivery));
	}

	private post(delivery: WebhookDelivery): Promise<void> {
		if (this.closed) return Promise.resolve();
		const body = JSON.stringify(delivery.payload);
		const request = delivery.url.startsWith('https:') ? httpsRequest : httpRequest;
		return new Promise<void>((resolve) => {
			const finish = (error?: string): void => {
				this.inFlight.delete(req);
				if (error !== undefined && delivery.error === undefined && !this.closed) {
					delivery.error = error;
					this.warn(`webhook ${delivery.event} to ${delivery.url} failed: ${error}`);
				}
				resolve();
			};
			const req = request(delivery.url, {
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'LiveDesk-Sandbox-Webhook',
				},
			});
			this.inFlight.add(req);
			req.setTimeout(DELIVERY_TIMEOUT_MS, () =>
				req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)),
			);
			req.on('error', (error: Error) => finish(error.message));
			req.on('response', (res) => {
				delivery.status = res.statusCode;
				const chunks: Buffer[] = [];
				let kept = 0;
				res.on('data', (chunk: Buffer) => {
					if (kept >= RESPONSE_KEEP_CHARS) return;
					chunks.push(chunk);
					kept += chunk.length;
				});
				res.on('error', (error: Error) => finish(error.message));
				res.on('end', () => {
					delivery.response = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEEP_CHARS);
					const status = res.statusCode ?? 0;
					finish(status >= 200 && status < 300 ? undefined : `receiver answered HTTP ${status}`);
				});
			});
			req.end(body);
		});
	}
}
