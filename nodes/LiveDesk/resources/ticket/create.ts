import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { requireText } from '../../shared/hooks';
import { descriptionField, ticketCreateOptions, titleField } from './fields';

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

/** The one field the docs' table requires. */
export const requireTitle = requireText(
	(requestOptions) => (requestOptions.body as IDataObject | undefined)?.title,
	'Title is empty; LiveDesk does not create a ticket without one',
	'Fill in Title, or check that its expression resolves to text for every item.',
);
