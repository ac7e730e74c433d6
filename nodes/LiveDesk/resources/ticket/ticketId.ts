import type {
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { invalidInput } from '../../shared/validation';

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

const TICKET_ID_FIX =
	'Set Ticket ID to the id Ticket → Create returned (e.g. tk_20251104_789abc), or to an expression that resolves to it, such as {{ $json.id }} after a Ticket step.';

/** The id as a server may read it: percent-decoded until nothing changes (bounded), or as given when it is not valid encoding. */
function decoded(id: string): string {
	let text = id;
	for (let round = 0; round < 5; round++) {
		let next: string;
		try {
			next = decodeURIComponent(text);
		} catch {
			return text;
		}
		if (next === text) return text;
		text = next;
	}
	return text;
}

/**
 * The ticket id of this item as text: never parsed as a number, only checked to be there and
 * not to be a path step. encodeURIComponent leaves dots alone, so "." or ".." (from an
 * expression or an AI tool's $fromAI) would turn GET/PUT /tickets/<id> into a call on
 * /tickets/ or /accounts/ instead of a ticket.
 */
export function ticketIdOf(context: IExecuteSingleFunctions): string {
	const value = context.getNodeParameter('ticketId', '') as unknown;
	const id =
		typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (id === '') {
		throw invalidInput(
			context.getNode(),
			context.getItemIndex(),
			'Ticket ID is empty',
			TICKET_ID_FIX,
		);
	}
	const plain = decoded(id).trim();
	if (plain === '.' || plain === '..') {
		throw invalidInput(
			context.getNode(),
			context.getItemIndex(),
			`Ticket ID "${id}" is not a ticket id: it would address a folder of the API, not a ticket, so nothing was sent`,
			TICKET_ID_FIX,
		);
	}
	return id;
}

/** /tickets/<id>, the id URL-encoded: ids are the API's own text and may hold any character. */
export async function routeToTicket(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.url = `/tickets/${encodeURIComponent(ticketIdOf(this))}`;
	return requestOptions;
}
