import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { descriptionField, ticketCreateOptions, titleField } from './fields';
import { isBlank } from '../../../shared/utilities';
import { invalidInput } from '../../shared/validation';

const showOnlyForTicketCreate = {
	resource: ['ticket'],
	operation: ['create'],
};

export const ticketCreateDescription: INodeProperties[] = [
	titleField({ required: true, displayOptions: { show: showOnlyForTicketCreate } }),
	descriptionField({ displayOptions: { show: showOnlyForTicketCreate } }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForTicketCreate },
		options: ticketCreateOptions,
	},
];

/** The one field the docs' table requires; an expression may still leave it empty for some item. */
export async function requireTitle(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (isBlank((requestOptions.body as IDataObject | undefined)?.title)) {
		throw invalidInput(
			this.getNode(),
			this.getItemIndex(),
			'Title is empty; LiveDesk does not create a ticket without one',
			'Fill in Title, or check that its expression resolves to text for every item.',
		);
	}
	return requestOptions;
}
