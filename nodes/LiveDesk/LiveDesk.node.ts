import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { contactDescription } from './resources/contact';
import { upsertContacts } from './resources/contact/upsertExecute';
import { conversationDescription } from './resources/conversation';
import { getOrCreateConversations } from './resources/conversation/getOrCreate';
import { messageDescription } from './resources/message';
import { sendToContacts } from './resources/message/sendToContactExecute';
import { ticketDescription } from './resources/ticket';
import { searchContacts } from './listSearch/searchContacts';
import { requireHttpBaseUrl } from './shared/hooks';
import { API_BASE_URL_EXPRESSION, rejectFailedAnswer, retryAfter429 } from './shared/transport';

export class LiveDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiveDesk',
		name: 'liveDesk',
		icon: { light: 'file:../../icons/livedesk.svg', dark: 'file:../../icons/livedesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Bring conversations and tickets into EngageLab LiveDesk through its API',
		defaults: { name: 'LiveDesk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'liveDeskApi', required: true }],
		requestDefaults: {
			baseURL: API_BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			// Failed calls reach rejectFailedAnswer with LiveDesk's body instead of a bare status.
			ignoreHttpStatusErrors: true,
		},
		// The 429 retry. It is declared as `pagination` because n8n's routing engine offers
		// requestOperations.pagination as the only supported hook that holds a routed request and may
		// send it again; nothing here pages. The Resource's routing sets `paginate`, so every routed
		// request goes through retryAfter429 (shared/transport.ts): sent at its account's pace, sent
		// again after a 429. Get Many and Search (contact/index.ts) and the ticket operations
		// (ticket/index.ts) declare their own hook in their operation's routing, which also retries.
		requestOperations: { pagination: retryAfter429 },
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'message',
				// Declared once here so that every operation runs these first, before its own hooks.
				routing: {
					send: { preSend: [requireHttpBaseUrl], paginate: true },
					output: { postReceive: [rejectFailedAnswer] },
				},
			},
			...contactDescription,
			...conversationDescription,
			...messageDescription,
			...ticketDescription,
		],
	};

	// Create or Update, Get or Create and Send to Contact are programs of several calls, not one
	// request. n8n's engine (WorkflowExecute) runs them from here, items in item order. Where n8n runs
	// only the routing (an AI Agent 2.2 tool, an MCP Server Trigger tool), each operation's routing
	// hook runs the same program per item (shared/perItem.ts).
	customOperations = {
		contact: { upsert: upsertContacts },
		conversation: { getOrCreate: getOrCreateConversations },
		message: { sendToContact: sendToContacts },
	};

	methods = {
		listSearch: { searchContacts },
	};
}
