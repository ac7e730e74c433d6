import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Contact calls answer {payload: {contact, contact_inbox}} (create) or
 * {payload: contact} (update). The contact is lifted to the top so
 * `{{ $json.id }}` is the contact id in the next step.
 */
export function contactFromAnswer(body: IDataObject): IDataObject {
	const payload = (body.payload ?? {}) as IDataObject;
	const contact: IDataObject = { ...((payload.contact ?? payload) as IDataObject) };
	if (payload.contact_inbox !== undefined) contact.contact_inbox = payload.contact_inbox;
	return contact;
}

export async function unwrapContact(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: contactFromAnswer(item.json) }));
}

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

export function simplifyContact(contact: IDataObject, inboxId?: number): IDataObject {
	return {
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
	};
}
