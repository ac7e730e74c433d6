import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { contactLocator, inboxIdField, simplifyField } from '../../shared/descriptions';
import { withCustomerLock } from '../../shared/customerLock';
import { perItemOperation, perItemRouting, type ItemFunctions } from '../../shared/perItem';
import type { Connection } from '../../shared/transport';
import { ContactRequests } from '../contact/lookup';
import { contactFromAnswer } from '../contact/simplify';
import { ConversationKeeper } from './keeper';
import { conversationPolicyOptions, readPolicy } from './remembered';
import { simplifyConversation } from './simplify';
import { parseId } from '../../shared/validation';

const showOnlyForGetOrCreate = {
	resource: ['conversation'],
	operation: ['getOrCreate'],
};

export const conversationGetOrCreateDescription: INodeProperties[] = [
	inboxIdField(showOnlyForGetOrCreate),
	contactLocator(showOnlyForGetOrCreate),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForGetOrCreate },
		options: conversationPolicyOptions,
	},
	simplifyField(showOnlyForGetOrCreate),
];

/** The contact's key for the lock shared with Send to Contact: one customer's conversation is opened once. */
export function contactLockKey(account: string, inboxId: number, contactId: number): string {
	return `${account}|${inboxId}|contact:${contactId}`;
}

async function getOrCreate(
	context: ItemFunctions,
	itemIndex: number,
	{ base, account }: Connection,
): Promise<IDataObject> {
	const node = context.getNode();
	const inboxId = parseId(
		node,
		itemIndex,
		context.getNodeParameter('inboxId', itemIndex),
		'inbox_id',
	);
	const contactId = parseId(
		node,
		itemIndex,
		context.getNodeParameter('contactId', itemIndex, undefined, { extractValue: true }),
		'contact_id',
	);
	const requests = new ContactRequests(context, itemIndex, base);
	// LiveDesk documents no Get Contact; a PATCH that changes nothing answers with the contact.
	const readContact = async (id: number) =>
		contactFromAnswer(
			await requests.send('PATCH', `/contacts/${id}`, { body: { custom_attributes: {} } }),
		);
	const keeper = new ConversationKeeper(
		requests,
		inboxId,
		readPolicy(context.getNodeParameter('options', itemIndex, {}) as IDataObject),
		readContact,
	);
	const kept = await withCustomerLock(
		contactLockKey(account, inboxId, contactId),
		async () => await keeper.current(await readContact(contactId)),
	);
	const simplify = kept.created && context.getNodeParameter('simplify', itemIndex, true) === true;
	return {
		...(simplify ? simplifyConversation(kept.conversation) : kept.conversation),
		created: kept.created,
	};
}

/**
 * Conversation → Get or Create: the customer's conversation in the inbox, remembered in the
 * contact's custom attributes, or a new one that is then remembered. The custom operation is what
 * n8n's engine runs; the routing hook is the same program where n8n runs only the routing (a tool).
 */
export const getOrCreateConversations = perItemOperation(getOrCreate);
export const getOrCreateRouting = perItemRouting(getOrCreate);
