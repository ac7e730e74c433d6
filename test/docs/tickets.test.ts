import type { IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../../tools/engine';
import { docsExample } from '../helpers/docs';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../helpers/workflow';

/** Ticket → Create against the docs' own example (shared/livedesk-docs/create-ticket.request.json). */
describe('Conformance with the docs: Create Ticket', () => {
	const sandbox = useSandbox();

	it('sends exactly the documented request when its fields are filled with the example’s values', async () => {
		const documented = docsExample('create-ticket.request.json');
		const requester = documented.requester as IDataObject;
		const channel = requester.channel_contacts as IDataObject;
		const attachments = documented.attachments as IDataObject[];

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: documented.title as string,
				description: documented.description as string,
				additionalFields: {
					attachments: {
						attachment: attachments.map((attachment) => ({
							fileUrl: attachment.file_url as string,
						})),
					},
					requesterEuid: requester.euid as string,
					requesterChannelId: channel.channel_id as string,
					requesterContactId: channel.contact_id as string,
					requesterSubContactId: channel.sub_contact_id as string,
					requesterFollowers: {
						follower: (channel.followers as IDataObject[]).map(({ id, name }) => ({
							id: id as string,
							name: name as string,
						})),
					},
					submitterId: (documented.submitter as IDataObject).id as string,
					assignmentTeam: documented.assignment_team as string,
					priority: documented.priority as string,
					ticketType: documented.ticket_type as string,
					customFields: {
						field: Object.entries(documented.custom_fields as IDataObject).map(([key, value]) => ({
							key,
							value: value as string,
						})),
					},
				},
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(sandbox().requests).toHaveLength(1);
		expect(sandbox().requests[0]).toMatchObject({
			method: 'POST',
			path: '/api/v2/accounts/tickets',
		});
		// Same keys, nesting, values and types (the ids stay strings); nothing more, nothing less.
		expect(sandbox().requests[0].body).toEqual(documented);
		expect(outputs[NODE_NAME][0].json.id).toBe(sandbox().store.listTickets()[0].ticketId);
	});
});
