import type { IDisplayOptions, INodeProperties, PostReceiveAction } from 'n8n-workflow';

/* Fields that several resources show. */

/** The API channel's id, needed by Create Contact, Create or Update and Create Conversation. */
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
			'The Channel ID of your API channel (a number), shown in the LiveDesk console under Project Settings → Channels → the channel → Settings',
		displayOptions: { show },
		routing: { send: { type: 'body', property: 'inbox_id' } },
	};
}

/** The conversation to act on; it goes into the request path, which a preSend hook builds. */
export function conversationIdField(
	show: IDisplayOptions['show'],
	action: string,
): INodeProperties {
	return {
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 40',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: `The numeric ID of the conversation to ${action}, e.g. conversation_id from the LiveDesk Trigger or the ID Create Conversation returns`,
		displayOptions: { show },
	};
}

/**
 * A contact, picked from a searchable list in the editor or given by ID (e.g.
 * an expression reading the previous step's id). Where the id goes in the
 * request is up to each operation, hence the optional routing.
 */
export function contactLocator(
	show: IDisplayOptions['show'],
	routing?: INodeProperties['routing'],
): INodeProperties {
	return {
		displayName: 'Contact',
		name: 'contactId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			'The contact, from the list or by its numeric ID (e.g. the ID returned by Create Contact)',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a contact...',
				typeOptions: { searchListMethod: 'searchContacts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2219259',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A contact ID is a whole number' },
					},
				],
			},
		],
		...(routing ? { routing } : {}),
	};
}

/**
 * LiveDesk objects carry dozens of fields; most workflows need a handful.
 * Operations that shape their output in code (lists, Create or Update) apply
 * it themselves and pass no hook.
 */
export function simplifyField(
	show: IDisplayOptions['show'],
	simplify?: PostReceiveAction,
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the fields a workflow usually needs next (IDs, names, status, source ID, timestamps) instead of the full object',
		displayOptions: { show },
		...(simplify ? { routing: { output: { postReceive: [simplify] } } } : {}),
	};
}

/**
 * Collections list their fields alphabetically in the editor, as n8n's own nodes do. Plain
 * comparison of the (ASCII) labels: localeCompare would start ICU's collator, about 10 ms of the
 * node's load time in every n8n process.
 */
export function sortedByLabel(options: INodeProperties[]): INodeProperties[] {
	const key = (option: INodeProperties) => option.displayName.toLowerCase();
	return [...options].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A text field sent as the body property `property` (dotted for nested objects) when it is set. */
export function textField(
	displayName: string,
	name: string,
	property: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		routing: { send: { type: 'body', property } },
		...extra,
	};
}
