import type { IDataObject } from 'n8n-workflow';
import { readAttachments } from '../../../shared/attachmentEntries';

/** Answers number message types; the numbering is Chatwoot's (assumed for LiveDesk). */
const MESSAGE_TYPES: Record<number, string> = {
	0: 'incoming',
	1: 'outgoing',
	2: 'activity',
	3: 'template',
};

export function simplifyMessage(message: IDataObject): IDataObject {
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
		attachments: readAttachments(message),
	};
}
