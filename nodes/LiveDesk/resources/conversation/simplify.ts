import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

export function simplifyConversation(conversation: IDataObject): IDataObject {
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
}

/** toggle_status answers {payload: {conversation_id, current_status}}; `id` stays the conversation's, for chaining. */
export async function unwrapStatusChange(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const payload = (item.json.payload ?? {}) as IDataObject;
		return {
			...item,
			json: {
				id: payload.conversation_id,
				status: payload.current_status,
				snoozed_until: payload.snoozed_until ?? null,
				success: payload.success ?? true,
			},
		};
	});
}
