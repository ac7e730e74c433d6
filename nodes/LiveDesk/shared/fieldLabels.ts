/**
 * LiveDesk's body keys with the labels users see in the node, so validation
 * and API errors name the field the user can actually fix.
 */
export const FIELD_LABELS: Record<string, string> = {
	inbox_id: 'Inbox ID',
	contact_id: 'Contact ID',
	source_id: 'Source ID',
	conversation_id: 'Conversation ID',
	name: 'Name',
	email: 'Email',
	phone_number: 'Phone Number',
	avatar_url: 'Avatar URL',
	identifier: 'Identifier',
	content: 'Content',
	message_type: 'Message Type',
	private: 'Private Note',
	in_reply_to: 'In Reply To',
	content_attributes: 'In Reply To',
};

export function labelOf(apiField: string): string {
	return FIELD_LABELS[apiField] ?? apiField;
}
