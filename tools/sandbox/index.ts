export { startSandbox, type Sandbox, type SandboxOptions } from './server';
export type { RecordedRequest } from './handler';
export type { Fault } from './faults';
export type { PagingOptions } from './paging';
export type { TicketPrefix } from './ticket-prefix';
export type { WebhookDelivery } from './webhooks';
export type {
	ContactRecord,
	ConversationRecord,
	ConversationStatus,
	InboxRecord,
	MessageRecord,
	SandboxStoreView,
	TicketRecord,
} from './types';
export { API_PREFIX } from './handler';
