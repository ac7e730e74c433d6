import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { contactLocator, inboxIdField, simplifyField } from '../../shared/descriptions';
import { simplifyWith } from '../../shared/hooks';
import { simplifyConversation } from './simplify';
import { invalidInput } from '../../shared/validation';

const showOnlyForConversationCreate = {
	resource: ['conversation'],
	operation: ['create'],
};

export const conversationCreateDescription: INodeProperties[] = [
	inboxIdField(showOnlyForConversationCreate),
	{
		displayName: 'Identify Contact By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		default: 'contactId',
		displayOptions: { show: showOnlyForConversationCreate },
		options: [
			{
				name: 'Contact',
				value: 'contactId',
				description: 'The contact from a list, or the ID returned by Contact → Create',
			},
			{
				name: 'Source ID',
				value: 'sourceId',
				description: 'The contact’s source ID in this channel (contact_inbox.source_id)',
			},
		],
	},
	contactLocator(
		{ ...showOnlyForConversationCreate, identifyBy: ['contactId'] },
		{ send: { type: 'body', property: 'contact_id' } },
	),
	{
		displayName: 'Source ID',
		name: 'sourceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9a1b7c2e-55d1-4f0a-9d6e-0c1f2b3a4d5e',
		description:
			'The contact’s source ID in this channel, from contact_inbox.source_id of Create Contact',
		displayOptions: { show: { ...showOnlyForConversationCreate, identifyBy: ['sourceId'] } },
		routing: { send: { type: 'body', property: 'source_id' } },
	},
	simplifyField(showOnlyForConversationCreate, simplifyWith(simplifyConversation)),
];

export async function requireContactOrSource(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	if (body.contact_id === undefined && body.source_id === undefined) {
		throw invalidInput(
			this.getNode(),
			this.getItemIndex(),
			'Source ID is empty, so LiveDesk cannot tell who the conversation is with',
			'Map Source ID from Create Contact (contact_inbox.source_id), or switch Identify Contact By to Contact ID.',
		);
	}
	return requestOptions;
}
