import { runWorkflow } from '../../tools/engine';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';

describe('Example: form → Create or Update Contact → Create Ticket → Get Ticket', () => {
	const sandbox = useSandbox();

	const submit = (
		form: Record<'Name' | 'Email' | 'Subject' | 'Description' | 'Priority', string>,
	) =>
		runWorkflow(readExampleWorkflow('form-to-ticket.workflow.json'), {
			credentials: sandboxCredentials(sandbox()),
			items: [form],
		});

	it('files a ticket for the person who sent the form, and reads it back with the person filled in', async () => {
		const { outputs, errors, run } = await submit({
			Name: 'Alice',
			Email: 'alice@example.com',
			Subject: 'Order 1001 arrived damaged',
			Description: 'The box was **crushed**.',
			Priority: 'high',
		});

		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		const [contact] = sandbox().store.listContacts();
		const [ticket] = sandbox().store.listTickets();
		const sourceId = contact.contactInboxes[0].sourceId;
		expect(sandbox().requests.at(-2)?.body).toEqual({
			title: 'Order 1001 arrived damaged',
			description: 'The box was **crushed**.',
			priority: 'high',
			requester: {
				euid: String(contact.id),
				channel_contacts: { channel_id: '407', contact_id: sourceId },
			},
		});
		expect(outputs['Create Ticket'][0].json.id).toBe(ticket.ticketId);
		expect(outputs['Get Ticket'][0].json).toEqual({
			id: ticket.ticketId,
			title: 'Order 1001 arrived damaged',
			status: 'open',
			priority: 'high',
			ticket_type: null,
			requester: {
				euid: String(contact.id),
				name: 'Alice',
				email: 'alice@example.com',
				phone: null,
				channel_contacts: { channel_id: '407', contact_id: sourceId, followers: [] },
			},
			assignment_team: null,
			status_changes: [],
			messages: [],
			created_at: expect.any(Number),
			updated_at: expect.any(Number),
		});
	});

	it('files a second ticket for the same person without a second contact', async () => {
		const form = {
			Name: 'Alice',
			Email: 'alice@example.com',
			Description: 'Details',
			Priority: 'medium',
		};
		await submit({ ...form, Subject: 'First' });
		const second = await submit({ ...form, Email: 'Alice@Example.com', Subject: 'Second' });

		expect(second.errors).toEqual({});
		expect(sandbox().store.listContacts()).toHaveLength(1);
		const tickets = sandbox().store.listTickets();
		expect(tickets.map((ticket) => [ticket.title, ticket.priority])).toEqual([
			['First', 'medium'],
			['Second', 'medium'],
		]);
		expect(new Set(tickets.map((ticket) => ticket.requester.euid)).size).toBe(1);
	});
});
