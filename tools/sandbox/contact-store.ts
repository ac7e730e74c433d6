import { randomUUID } from 'node:crypto';
import { invalid, isObject } from './errors';
import type { ContactInboxRecord, ContactRecord, JsonObject } from './types';

export interface ContactChanges {
	name?: string;
	firstName?: string | null;
	lastName?: string | null;
	email?: string | null;
	phoneNumber?: string | null;
	identifier?: string | null;
	avatarUrl?: string | null;
	blocked?: boolean;
	additionalAttributes?: JsonObject;
	customAttributes?: JsonObject;
}

// Mirrors the documented example ids so sandbox output looks like the real thing.
const FIRST_CONTACT_ID = 2219256;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export class ContactStore {
	private contacts = new Map<number, ContactRecord>();
	// Kept alongside the map so the default (creation order) page is a cheap slice.
	private ordered: ContactRecord[] = [];
	private byEmail = new Map<string, number>();
	private byIdentifier = new Map<string, number>();
	private byPhone = new Map<string, number>();
	private bySourceId = new Map<string, ContactInboxRecord & { contactId: number }>();
	private nextId = FIRST_CONTACT_ID;

	reset(): void {
		this.contacts.clear();
		this.byEmail.clear();
		this.byIdentifier.clear();
		this.byPhone.clear();
		this.bySourceId.clear();
		this.ordered = [];
		this.nextId = FIRST_CONTACT_ID;
	}

	list(): readonly ContactRecord[] {
		return this.ordered;
	}

	get(id: number): ContactRecord | undefined {
		return this.contacts.get(id);
	}

	findBySourceId(sourceId: string): (ContactInboxRecord & { contactId: number }) | undefined {
		return this.bySourceId.get(sourceId);
	}

	create(inboxId: number, changes: ContactChanges): ContactRecord {
		this.assertUnique(changes, null);
		const contact: ContactRecord = {
			id: this.nextId++,
			name: '',
			firstName: null,
			lastName: null,
			email: null,
			phoneNumber: null,
			identifier: null,
			avatarUrl: null,
			blocked: false,
			additionalAttributes: {},
			customAttributes: {},
			createdAt: nowSeconds(),
			lastActivityAt: null,
			contactInboxes: [],
		};
		this.contacts.set(contact.id, contact);
		this.ordered.push(contact);
		this.apply(contact, changes);
		this.ensureContactInbox(contact, inboxId);
		return contact;
	}

	update(contact: ContactRecord, changes: ContactChanges): void {
		this.assertUnique(changes, contact.id);
		this.apply(contact, changes);
	}

	/** A contact needs one source id per inbox; a conversation in another inbox gets a new one. */
	ensureContactInbox(contact: ContactRecord, inboxId: number): ContactInboxRecord {
		const existing = contact.contactInboxes.find((link) => link.inboxId === inboxId);
		if (existing) return existing;
		const link: ContactInboxRecord = { inboxId, sourceId: randomUUID() };
		contact.contactInboxes.push(link);
		this.bySourceId.set(link.sourceId, { ...link, contactId: contact.id });
		return link;
	}

	/**
	 * Email, identifier and phone number are unique in an account, refused with 422 "… has already
	 * been taken" (assumed: Chatwoot's validation and answer; LiveDesk documents neither). Two
	 * executions creating the same new customer at once meet exactly this.
	 */
	private assertUnique(changes: ContactChanges, selfId: number | null): void {
		const byIdentifier = changes.identifier ? this.byIdentifier.get(changes.identifier) : undefined;
		if (byIdentifier !== undefined && byIdentifier !== selfId) {
			throw invalid('Identifier has already been taken', 'identifier');
		}
		const byEmail = changes.email ? this.byEmail.get(changes.email.toLowerCase()) : undefined;
		if (byEmail !== undefined && byEmail !== selfId)
			throw invalid('Email has already been taken', 'email');
		const byPhone = changes.phoneNumber ? this.byPhone.get(changes.phoneNumber) : undefined;
		if (byPhone !== undefined && byPhone !== selfId)
			throw invalid('Phone number has already been taken', 'phone_number');
	}

	private apply(contact: ContactRecord, changes: ContactChanges): void {
		if (changes.email !== undefined) {
			if (contact.email) this.byEmail.delete(contact.email.toLowerCase());
			contact.email = changes.email;
			if (changes.email) this.byEmail.set(changes.email.toLowerCase(), contact.id);
		}
		if (changes.identifier !== undefined) {
			if (contact.identifier) this.byIdentifier.delete(contact.identifier);
			contact.identifier = changes.identifier;
			if (changes.identifier) this.byIdentifier.set(changes.identifier, contact.id);
		}
		if (changes.name !== undefined) contact.name = changes.name;
		if (changes.firstName !== undefined) contact.firstName = changes.firstName;
		if (changes.lastName !== undefined) contact.lastName = changes.lastName;
		if (changes.phoneNumber !== undefined) {
			if (contact.phoneNumber) this.byPhone.delete(contact.phoneNumber);
			contact.phoneNumber = changes.phoneNumber;
			if (changes.phoneNumber) this.byPhone.set(changes.phoneNumber, contact.id);
		}
		if (changes.avatarUrl !== undefined) contact.avatarUrl = changes.avatarUrl;
		if (changes.blocked !== undefined) contact.blocked = changes.blocked;
		// custom_attributes: documented "incremental merge". additional_attributes merged the same way
		// (assumed (Chatwoot)), social_profiles one level deeper so {twitter} keeps github (assumed).
		if (changes.customAttributes) Object.assign(contact.customAttributes, changes.customAttributes);
		if (changes.additionalAttributes)
			mergeAdditional(contact.additionalAttributes, changes.additionalAttributes);
	}
}

function mergeAdditional(target: JsonObject, changes: JsonObject): void {
	const { social_profiles: profiles, ...rest } = changes;
	Object.assign(target, rest);
	if (profiles === undefined) return;
	const current = target.social_profiles;
	target.social_profiles =
		isObject(current) && isObject(profiles) ? { ...current, ...profiles } : profiles;
}
