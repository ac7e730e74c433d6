import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { perItemOperation, perItemRouting, type ItemFunctions } from '../../shared/perItem';
import type { Connection } from '../../shared/transport';
import { attributeObjects } from './fields';
import { ContactRequests, readMatch } from './lookup';
import { simplifyContact } from './simplify';
import { mergeAttributes } from './update';
import { upsertFieldOptions } from './upsert';
import { setAtPath, withoutBlanks } from '../../../shared/utilities';
import { checkEmail, parseId } from '../../shared/validation';

/** The fields' own routing says where each value goes in the body, as it does for the routed operations. */
function bodyFromFields(options: INodeProperties[], values: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const option of options) {
		const property = option.routing?.send?.property;
		if (property !== undefined && values[option.name] !== undefined)
			setAtPath(body, property, values[option.name]);
	}
	return body;
}

async function upsertContact(
	context: ItemFunctions,
	itemIndex: number,
	{ base }: Connection,
): Promise<IDataObject> {
	const node = context.getNode();
	const match = readMatch(context, itemIndex);
	const inboxId = parseId(
		node,
		itemIndex,
		context.getNodeParameter('inboxId', itemIndex),
		'inbox_id',
	);
	const fields = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = mergeAttributes(
		withoutBlanks(bodyFromFields(upsertFieldOptions, fields)),
		attributeObjects(fields),
	);
	body[match.field] = match.value;
	if (typeof body.email === 'string') body.email = checkEmail(node, itemIndex, body.email);

	const requests = new ContactRequests(context, itemIndex, base);
	const existing = await requests.findOne(match);
	const contact =
		existing === undefined
			? await requests.createOrFind(match, inboxId, body)
			: { ...(await requests.update(existing.id, body)), created: false };
	return context.getNodeParameter('simplify', itemIndex, true)
		? simplifyContact(contact, inboxId)
		: contact;
}

/**
 * Contact → Create or Update: per item, in item order, the look-up and then the write, so several
 * items for one contact in a run give one contact (the first creates it, the next find and update
 * it). The custom operation is what n8n's engine runs; the routing hook is the same program where
 * n8n runs only the routing (a tool).
 */
export const upsertContacts = perItemOperation(upsertContact);
export const upsertContactRouting = perItemRouting(upsertContact);
