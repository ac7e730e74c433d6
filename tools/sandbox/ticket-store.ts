import { randomBytes } from 'node:crypto';
import { nowSeconds } from './contact-store';
import type { JsonObject, TicketRecord } from './types';

/** What Create and Update write; undefined = not sent (Update leaves the field as it is). */
export interface TicketChanges {
	title?: string;
	description?: string;
	attachments?: JsonObject[];
	requester?: JsonObject;
	submitter?: JsonObject;
	assignmentTeam?: string;
	priority?: string;
	ticketType?: string;
	customFields?: JsonObject;
	tags?: string[];
}

/** tk_<yyyymmdd>_<6 hex>, the shape of the docs' example id tk_20251104_789abc. */
function newTicketId(now: Date): string {
	const day = now.toISOString().slice(0, 10).replace(/-/g, '');
	return `tk_${day}_${randomBytes(3).toString('hex')}`;
}

// The docs' example team is id 5; teams are created by name as tickets name them.
const FIRST_TEAM_ID = 5;

export class TicketStore {
	private tickets = new Map<string, TicketRecord>();
	private teams = new Map<string, number>();

	reset(): void {
		this.tickets.clear();
		this.teams.clear();
	}

	list(): readonly TicketRecord[] {
		return [...this.tickets.values()];
	}

	get(id: string): TicketRecord | undefined {
		return this.tickets.get(id);
	}

	teamId(name: string): number {
		let id = this.teams.get(name);
		if (id === undefined) {
			id = FIRST_TEAM_ID + this.teams.size;
			this.teams.set(name, id);
		}
		return id;
	}

	create(changes: TicketChanges & { title: string }): TicketRecord {
		let ticketId = newTicketId(new Date());
		while (this.tickets.has(ticketId)) ticketId = newTicketId(new Date());
		const now = nowSeconds();
		const ticket: TicketRecord = {
			ticketId,
			title: changes.title,
			description: changes.description ?? '',
			attachments: changes.attachments ?? [],
			status: 'open',
			priority: changes.priority ?? null,
			ticketType: changes.ticketType ?? null,
			requester: changes.requester ?? {},
			submitter: changes.submitter ?? {},
			assignmentTeam: changes.assignmentTeam ?? null,
			customFields: changes.customFields ?? {},
			tags: [],
			createdAt: now,
			updatedAt: now,
		};
		this.tickets.set(ticketId, ticket);
		return ticket;
	}

	/** Fields sent replace the stored ones; custom fields are merged key by key (assumed, as for contacts). */
	update(ticket: TicketRecord, changes: TicketChanges): void {
		ticket.title = changes.title ?? ticket.title;
		ticket.description = changes.description ?? ticket.description;
		ticket.attachments = changes.attachments ?? ticket.attachments;
		ticket.requester = changes.requester ?? ticket.requester;
		ticket.submitter = changes.submitter ?? ticket.submitter;
		ticket.assignmentTeam = changes.assignmentTeam ?? ticket.assignmentTeam;
		ticket.priority = changes.priority ?? ticket.priority;
		ticket.ticketType = changes.ticketType ?? ticket.ticketType;
		ticket.tags = changes.tags ?? ticket.tags;
		if (changes.customFields)
			ticket.customFields = { ...ticket.customFields, ...changes.customFields };
		ticket.updatedAt = nowSeconds();
	}
}
