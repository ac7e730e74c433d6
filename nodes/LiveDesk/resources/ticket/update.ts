import type { INodeProperties } from 'n8n-workflow';
import { ticketUpdateOptions } from './fields';
import { ticketIdField } from './ticketId';

const showOnlyForTicketUpdate = {
	resource: ['ticket'],
	operation: ['update'],
};

export const ticketUpdateDescription: INodeProperties[] = [
	ticketIdField(showOnlyForTicketUpdate, 'change'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForTicketUpdate },
		options: ticketUpdateOptions,
	},
];
