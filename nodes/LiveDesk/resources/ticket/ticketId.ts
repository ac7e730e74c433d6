import type { IDisplayOptions, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { invalidInput } from '../../shared/errors';

/** Ticket ids are text such as tk_20251104_789abc; the preSend below puts them into the path. */
export function ticketIdField(show: IDisplayOptions['show'], action: string): INodeProperties {
	return {
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. tk_20251104_789abc',
		description: `The ID of the ticket to ${action}, as Ticket → Create returned it (e.g. tk_20251104_789abc)`,
		displayOptions: { show },
	};
}

/** The ticket id of this item as text: never parsed as a number, only checked to be there. */
export function ticketIdOf(context: IExecuteSingleFunctions): string {
	const value = context.getNodeParameter('ticketId', '') as unknown;
	const id = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (id !== '') return id;
	throw invalidInput(
		context.getNode(),
		context.getItemIndex(),
		'Ticket ID is empty',
		'Set Ticket ID to the id Ticket → Create returned (e.g. tk_20251104_789abc), or to an expression that resolves to it, such as {{ $json.id }} after a Ticket step.',
	);
}

/** /tickets/<id>, the id URL-encoded: ids are the API's own text and may hold any character. */
export async function routeToTicket(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.url = `/tickets/${encodeURIComponent(ticketIdOf(this))}`;
	return requestOptions;
}
