import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The API channel's id, needed by both Create Contact and Create Conversation. */
export function inboxIdField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Inbox ID',
		name: 'inboxId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 407',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			'The Channel ID of your API channel, shown in the LiveDesk console under Project Settings → Channels → the channel → Settings',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'inbox_id' } },
	};
}
