import type { IDataObject } from 'n8n-workflow';
import { withCustomerLock } from '../../shared/customerLock';
import { asNodeError } from '../../shared/errors';
import { perItemOperation, perItemRouting, type ItemFunctions } from '../../shared/perItem';
import type { Connection } from '../../shared/transport';
import { ContactRequests, isNotFoundError, readMatch } from '../contact/lookup';
import { contactLockKey } from '../conversation/getOrCreate';
import { ConversationKeeper } from '../conversation/keeper';
import { readPolicy } from '../conversation/remembered';
import { filesOfItem, messagePayload } from './outgoingAttachments';
import { simplifyMessage } from './simplify';
import { withoutBlanks } from '../../../shared/utilities';
import { DEFAULT_MAX_ATTACHMENT_MB } from '../../../shared/attachmentEntries';
import { parseId } from '../../shared/validation';

/** The message as Send builds it from the same fields. */
function messageFields(context: ItemFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const inReplyTo = Number(fields.inReplyTo);
	return withoutBlanks({
		content: context.getNodeParameter('content', itemIndex, '') as string,
		message_type: context.getNodeParameter('messageType', itemIndex, 'incoming') as string,
		...(fields.private === true ? { private: true } : {}),
		...(Number.isInteger(inReplyTo) && inReplyTo > 0
			? { content_attributes: { in_reply_to: inReplyTo } }
			: {}),
	});
}

async function sendToContact(
	context: ItemFunctions,
	itemIndex: number,
	{ base, account }: Connection,
): Promise<IDataObject> {
	const node = context.getNode();
	const match = readMatch(context, itemIndex);
	const inboxId = parseId(
		node,
		itemIndex,
		context.getNodeParameter('inboxId', itemIndex),
		'inbox_id',
	);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const attachments = context.getNodeParameter('additionalFields.attachments', itemIndex, '');
	const maxMb = Number(options.maxAttachmentSizeMb ?? DEFAULT_MAX_ATTACHMENT_MB);
	const fields = messageFields(context, itemIndex);
	// Files and content are checked before anything is sent, so a bad item creates no contact.
	await messagePayload(filesOfItem(context, itemIndex), fields, attachments, maxMb);

	const requests = new ContactRequests(context, itemIndex, base);
	const keeper = new ConversationKeeper(
		requests,
		inboxId,
		readPolicy(options),
		async () => await requests.findOne(match),
	);
	const post = async (conversationId: unknown) =>
		await requests.send('POST', `/conversations/${String(conversationId)}/messages`, {
			body: await messagePayload(filesOfItem(context, itemIndex), fields, attachments, maxMb),
		});

	// One customer's executions in this process queue here, so a burst gives one contact and one conversation.
	return await withCustomerLock(
		`${account}|${inboxId}|${match.field}:${match.value.toLowerCase()}`,
		async () => {
			const name = context.getNodeParameter('contactName', itemIndex, '') as string;
			const found = await requests.findOne(match);
			const contact =
				found ??
				(await requests.createOrFind(
					match,
					inboxId,
					withoutBlanks({ [match.field]: match.value, name }),
				));
			const contactId = Number(contact.id);
			return await withCustomerLock(contactLockKey(account, inboxId, contactId), async () => {
				let kept = await keeper.current(contact);
				let message: IDataObject;
				try {
					message = await post(kept.conversation.id);
				} catch (error) {
					if (kept.created || !isNotFoundError(error)) throw asNodeError(node, error);
					kept = await keeper.replace(contactId, Number(kept.conversation.id));
					message = await post(kept.conversation.id);
				}
				const simplify = context.getNodeParameter('simplify', itemIndex, true) === true;
				return {
					...(simplify ? simplifyMessage(message) : message),
					contact_id: contactId,
					conversation_id: Number(kept.conversation.id),
					contact_created: found === undefined && contact.created === true,
					conversation_created: kept.created,
				};
			});
		},
	);
}

/**
 * Message → Send to Contact: find or create the customer, get or create their conversation
 * (remembered on the contact), and post the message into it. The custom operation is what n8n's
 * engine runs; the routing hook is the same program where n8n runs only the routing (a tool).
 */
export const sendToContacts = perItemOperation(sendToContact);
export const sendToContactRouting = perItemRouting(sendToContact);
