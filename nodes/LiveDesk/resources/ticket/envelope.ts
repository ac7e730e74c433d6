import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { answerCode } from '../../shared/errors';
import { FailedAnswer } from '../../shared/transport';
import { ticketIdOf } from './ticketId';
import { isRecord } from '../../../shared/utilities';

/**
 * Ticket calls answer {code, message, data}; code 0 is success. Any other code fails the item
 * like any other LiveDesk failure, also when the HTTP status is 200 (failedAnswerError words it).
 * An answer without a code is taken as it comes (assumed: the docs show one on every answer).
 */
export async function rejectFailedCode(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const code = answerCode(response.body);
	if (code !== undefined && code !== 0) throw new FailedAnswer(response);
	return items;
}

/**
 * The ticket (`data`) with its id on top as `id`, so `{{ $json.id }}` chains. Create documents only
 * that the id is returned, so data may be the ticket, {ticket_id} or the bare id; Update's data is not
 * documented, so its id falls back to the one in the path.
 */
export function ticketFromAnswer(body: IDataObject, requestedId?: string): IDataObject {
	const data = body.data;
	if (typeof data === 'string' || typeof data === 'number') return { id: String(data) };
	const ticket = isRecord(data) ? data : {};
	const id = ticket.ticket_id ?? ticket.id ?? requestedId ?? null;
	return { id: id === null ? null : String(id), ...ticket };
}

export async function unwrapTicket(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const requestedId =
		this.getNodeParameter('operation') === 'create' ? undefined : ticketIdOf(this);
	return items.map((item) => ({ ...item, json: ticketFromAnswer(item.json, requestedId) }));
}
