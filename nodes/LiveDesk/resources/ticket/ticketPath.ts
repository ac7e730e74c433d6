import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { answerCode } from '../../shared/errors';
import { FailedAnswer, retryAfter429 } from '../../shared/transport';

/*
 * LiveDesk's editions print two prefixes for the ticket calls: de_DE, id_ID and th_TH
 * /api/v2/accounts/tickets…, es_ES, ja_JP, zh_TW and one English copy /v2/accounts/tickets… The
 * tickets answer in their own {code, message, data} envelope, so they may be served by another
 * service than the rest of the API. Which prefix LiveDesk serves is not settled by any page: the
 * node asks /api first, like every other call, and tries the other form once when that is no route.
 */
const TICKET_PREFIXES = ['/api/v2/accounts', '/v2/accounts'] as const;
type TicketPrefix = (typeof TICKET_PREFIXES)[number];

/*
 * Which prefix answered, per Base URL, for the life of the process: one wasted 404 per Base URL,
 * not per item. Keyed by the Base URL (the origin, for the host-only URL the credential asks for),
 * never by an execution; bounded, since a process serves few LiveDesk hosts.
 */
const answeringPrefix = new Map<string, TicketPrefix>();
const MAX_REMEMBERED = 100;

function remember(baseUrl: string, prefix: TicketPrefix): void {
	answeringPrefix.delete(baseUrl);
	if (answeringPrefix.size >= MAX_REMEMBERED)
		answeringPrefix.delete(answeringPrefix.keys().next().value ?? '');
	answeringPrefix.set(baseUrl, prefix);
}

function prefixesToTry(baseUrl: string): TicketPrefix[] {
	const first = answeringPrefix.get(baseUrl) ?? TICKET_PREFIXES[0];
	return [first, ...TICKET_PREFIXES.filter((prefix) => prefix !== first)];
}

type Outcome = { items: INodeExecutionData[] } | { failure: unknown };

/** A 404 without the ticket envelope: no such route (a ticket that does not exist answers with a code). */
function isMissingRoute(error: unknown): error is FailedAnswer {
	return (
		error instanceof FailedAnswer &&
		error.response.statusCode === 404 &&
		answerCode(error.response.body) === undefined
	);
}

/** Any envelope, success or not, shows that the ticket service answered under this prefix. */
function isTicketAnswer(error: unknown): boolean {
	return error instanceof FailedAnswer && answerCode(error.response.body) !== undefined;
}

function noTicketRouteError(
	context: IExecutePaginationFunctions,
	baseUrl: string,
	tried: readonly string[],
	response: IN8nHttpFullResponse,
): NodeApiError {
	const body = typeof response.body === 'string' ? response.body.slice(0, 500) : response.body;
	return new NodeApiError(context.getNode(), { statusCode: 404, body } as JsonObject, {
		message: `LiveDesk has no ticket route at this Base URL: ${tried.join(' and ')} both answered 404`,
		description: `LiveDesk's docs print both paths for tickets, and ${baseUrl} serves neither. Check that the Base URL in the LiveDesk credential is the API host only, e.g. https://livedesk-api.engagelab.com (Contact and Conversation calls work with it if it is). If it is, ask EngageLab which ticket path your account serves.`,
		httpCode: '404',
		itemIndex: context.getItemIndex(),
	});
}

/**
 * The ticket operations' requestOperations.pagination (n8n's name for the hook that sends a routed
 * request). It sends like every routed call (retryAfter429: 429s waited out and retried, errors
 * worded, items paired); only the sending itself asks the remembered prefix first and the other one
 * once when the first is no route. A ticket LiveDesk does not know (a 404 in the envelope) is not
 * asked for twice.
 */
export async function sendTicketWithRetries(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const apiRoot = String(requestData.options.baseURL ?? '');
	const home = TICKET_PREFIXES[0];
	if (!apiRoot.endsWith(home)) return await retryAfter429.call(this, requestData);
	const baseUrl = apiRoot.slice(0, -home.length);
	const send = async (request: DeclarativeRestApiSettings.ResultOptions) =>
		await this.makeRoutingRequest(request);
	const sendToEitherPrefix = async (
		request: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> => {
		const tried: string[] = [];
		let lastMiss: FailedAnswer | undefined;
		for (const prefix of prefixesToTry(baseUrl)) {
			const outcome = await send({
				...request,
				options: { ...request.options, baseURL: `${baseUrl}${prefix}` },
			}).then(
				(items): Outcome => ({ items }),
				(failure: unknown): Outcome => ({ failure }),
			);
			if ('items' in outcome) {
				remember(baseUrl, prefix);
				return outcome.items;
			}
			if (isMissingRoute(outcome.failure)) {
				tried.push(`${request.options.method ?? 'GET'} ${prefix}${request.options.url}`);
				lastMiss = outcome.failure;
				continue;
			}
			if (isTicketAnswer(outcome.failure)) remember(baseUrl, prefix);
			// Anything else is not about the path: the sender waits out a 429 or words the error as usual.
			throw outcome.failure;
		}
		throw noTicketRouteError(this, baseUrl, tried, (lastMiss as FailedAnswer).response);
	};
	// The same context with only its sender swapped, so the shared sending code stays the one path.
	const context = Object.create(this, {
		makeRoutingRequest: { value: sendToEitherPrefix },
	}) as IExecutePaginationFunctions;
	return await retryAfter429.call(context, requestData);
}
