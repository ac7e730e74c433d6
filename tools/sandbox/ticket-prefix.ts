/*
 * Where the sandbox serves the ticket calls. LiveDesk's editions print two prefixes for them:
 * de_DE, id_ID and th_TH `/api/v2/accounts/tickets…`, es_ES, ja_JP, zh_TW and one English copy
 * `/v2/accounts/tickets…`. Which one LiveDesk really serves is *assumed* (not settled by any page),
 * so the sandbox serves the one this switch names and answers the other with a plain 404, the way
 * a server without that route would.
 */
export const TICKET_PREFIXES = ['/api/v2/accounts', '/v2/accounts'] as const;
export type TicketPrefix = (typeof TICKET_PREFIXES)[number];

export const DEFAULT_TICKET_PREFIX: TicketPrefix = '/api/v2/accounts';

/** Checks a prefix from any source (server options, CLI, control API); throws TypeError otherwise. */
export function normalizeTicketPrefix(value: unknown): TicketPrefix {
	const found = TICKET_PREFIXES.find((prefix) => prefix === value);
	if (found === undefined)
		throw new TypeError(`The ticket prefix must be one of ${TICKET_PREFIXES.join(', ')}`);
	return found;
}

/** The prefix in force; `reset` goes back to the one the sandbox was started with. */
export class TicketPrefixSwitch {
	private prefix: TicketPrefix;

	constructor(private readonly initial: TicketPrefix = DEFAULT_TICKET_PREFIX) {
		this.prefix = normalizeTicketPrefix(initial);
	}

	get current(): TicketPrefix {
		return this.prefix;
	}

	set(value: unknown): void {
		this.prefix = normalizeTicketPrefix(value);
	}

	reset(): void {
		this.prefix = this.initial;
	}
}
