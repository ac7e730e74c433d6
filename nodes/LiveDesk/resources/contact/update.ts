import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { contactLocator, simplifyField, sortedByLabel } from '../../shared/descriptions';
import { simplifyWith } from '../../shared/hooks';
import {
	attributeListOptions,
	attributeObjects,
	contactDetailOptions,
	contactFieldOptions,
} from './fields';
import { simplifyContact } from './simplify';
import { invalidInput, parseId } from '../../shared/validation';

const showOnlyForContactUpdate = {
	resource: ['contact'],
	operation: ['update'],
};

export const contactUpdateDescription: INodeProperties[] = [
	contactLocator(showOnlyForContactUpdate),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForContactUpdate },
		options: sortedByLabel([
			...contactFieldOptions,
			...contactDetailOptions,
			{
				displayName: 'Blocked',
				name: 'blocked',
				type: 'boolean',
				default: false,
				description: 'Whether LiveDesk ignores new messages from this contact',
				routing: { send: { type: 'body', property: 'blocked' } },
			},
			...attributeListOptions,
		]),
	},
	simplifyField(showOnlyForContactUpdate, simplifyWith(simplifyContact)),
];

export async function routeToContact(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const value = this.getNodeParameter('contactId', undefined, { extractValue: true });
	requestOptions.url = `/contacts/${parseId(this.getNode(), this.getItemIndex(), value, 'contact_id')}`;
	return requestOptions;
}

/** Merges one level deep: named attributes and the free list both land in additional_attributes. */
export function mergeAttributes(body: IDataObject, attributes: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(attributes)) {
		body[key] = { ...((body[key] as IDataObject | undefined) ?? {}), ...(value as IDataObject) };
	}
	return body;
}

/** The key/value lists join the body, and an update must change something. */
export async function sendAttributeLists(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = mergeAttributes(
		(requestOptions.body ?? {}) as IDataObject,
		attributeObjects(this.getNodeParameter('updateFields', {}) as IDataObject),
	);
	if (Object.keys(body).length === 0) {
		throw invalidInput(
			this.getNode(),
			this.getItemIndex(),
			'Nothing to update: Update Fields is empty',
			'Add at least one field under Update Fields, with a value.',
		);
	}
	requestOptions.body = body;
	return requestOptions;
}
