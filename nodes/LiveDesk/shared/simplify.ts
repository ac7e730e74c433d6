import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** `inboxId`: the Inbox ID the step works in, for operations that have one. */
type Simplifier = (json: IDataObject, inboxId: number | undefined) => IDataObject;

/**
 * A contact has one source ID per inbox, and Conversation → Create by Source
 * ID must get the one of its own inbox: the step's Inbox ID picks it. Without
 * one (lists, Update) only an unambiguous source ID is given.
 */
function sourceIdOf(contact: IDataObject, inboxId: number | undefined): string | null {
	const fromCreate = (contact.contact_inbox as IDataObject | undefined)?.source_id;
	if (typeof fromCreate === 'string') return fromCreate;
	const inboxes = (contact.contact_inboxes as IDataObject[] | undefined) ?? [];
	const entry =
		inboxId === undefined
			? inboxes.length === 1
				? inboxes[0]
				: undefined
			: inboxes.find((link) => Number((link.inbox as IDataObject | null)?.id) === inboxId);
	return typeof entry?.source_id === 'string' ? entry.source_id : null;
}

const MESSAGE_TYPES: Record<number, string> = { 0: 'incoming', 1: 'outgoing', 2: 'activity', 3: 'template' };

const simplifyContact: Simplifier = (contact, inboxId) => ({
	id: contact.id,
	name: contact.name ?? null,
	email: contact.email ?? null,
	phone_number: contact.phone_number ?? null,
	identifier: contact.identifier ?? null,
	source_id: sourceIdOf(contact, inboxId),
	blocked: contact.blocked ?? false,
	custom_attributes: contact.custom_attributes ?? {},
	created_at: contact.created_at ?? null,
	...(contact.created === undefined ? {} : { created: contact.created }),
});

const simplifyConversation: Simplifier = (conversation) => {
	const sender = ((conversation.meta as IDataObject | undefined)?.sender ?? {}) as IDataObject;
	const assignment = (conversation.assignment ?? {}) as IDataObject;
	return {
		id: conversation.id,
		status: conversation.status,
		inbox_id: conversation.inbox_id,
		contact_id: sender.id ?? null,
		contact_name: sender.name ?? null,
		assignee_id: assignment.assignee_id ?? null,
		labels: conversation.labels ?? [],
		unread_count: conversation.unread_count ?? 0,
		created_at: conversation.created_at ?? null,
		last_activity_at: conversation.last_activity_at ?? null,
	};
};

const simplifyMessage: Simplifier = (message) => {
	const sender = (message.sender ?? {}) as IDataObject;
	const type = message.message_type;
	return {
		id: message.id,
		conversation_id: message.conversation_id,
		content: message.content ?? null,
		message_type: typeof type === 'number' ? (MESSAGE_TYPES[type] ?? type) : type,
		private: message.private ?? false,
		sender_id: sender.id ?? null,
		sender_name: sender.name ?? null,
		sender_type: sender.type ?? null,
		created_at: message.created_at ?? null,
	};
};

const SIMPLIFIERS: Record<string, Simplifier> = {
	contact: simplifyContact,
	conversation: simplifyConversation,
	message: simplifyMessage,
};

/** Runs after each operation's own hooks, on the object (or objects) it returns. */
export async function simplifyOutput(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	const resource = this.getNodeParameter('resource') as string;
	const simplify = SIMPLIFIERS[resource];
	if (!simplify) return items;
	// Only a contact's source_id depends on the step's inbox; other resources skip the read
	// (an expression in Inbox ID would be evaluated once more per item).
	const inboxId = resource === 'contact' ? Number(this.getNodeParameter('inboxId', '')) : NaN;
	const ownInbox = Number.isInteger(inboxId) && inboxId > 0 ? inboxId : undefined;
	return items.map((item) => ({ ...item, json: simplify(item.json, ownInbox) }));
}
