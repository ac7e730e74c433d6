import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Conversation → Update Status', () => {
	const sandbox = useSandbox();

	async function openConversation(): Promise<number> {
		const credentials = sandboxCredentials(sandbox());
		const [contact] = await createContacts(credentials, [{ name: 'Alice' }]);
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({ resource: 'conversation', operation: 'create', inboxId: 407, contactId: contact.id as number }),
			{ credentials },
		);
		return outputs[NODE_NAME][0].json.id as number;
	}

	const updateStatus = (parameters: INodeParameters) =>
		runWorkflow(singleOperationWorkflow({ resource: 'conversation', operation: 'updateStatus', ...parameters }), {
			credentials: sandboxCredentials(sandbox()),
		});

	it('resolves a conversation and keeps its id at the top for the next step', async () => {
		const conversationId = await openConversation();

		const { outputs, errors } = await updateStatus({ conversationId, status: 'resolved' });

		expect(errors).toEqual({});
		const request = sandbox().requests.at(-1);
		expect(request?.method).toBe('POST');
		expect(request?.path).toBe(`/api/v2/accounts/conversations/${conversationId}/toggle_status`);
		expect(request?.body).toEqual({ status: 'resolved' });
		expect(outputs[NODE_NAME][0].json).toEqual({ id: conversationId, status: 'resolved', snoozed_until: null, success: true });
		expect(sandbox().store.getConversation(conversationId)?.status).toBe('resolved');
	});

	it('snoozes until a date, sent as Unix seconds', async () => {
		const conversationId = await openConversation();

		const { outputs } = await updateStatus({ conversationId, status: 'snoozed', snoozedUntil: '2030-01-02T03:04:05.000Z' });

		expect(sandbox().requests.at(-1)?.body).toEqual({ status: 'snoozed', snoozed_until: 1893553445 });
		expect(outputs[NODE_NAME][0].json).toMatchObject({ status: 'snoozed', snoozed_until: 1893553445 });
	});

	it('rejects a snooze date that is not a date, before sending', async () => {
		const conversationId = await openConversation();
		const before = sandbox().requests.length;

		const { errors } = await updateStatus({ conversationId, status: 'snoozed', snoozedUntil: '={{ "next week" }}' });

		expect(errors[NODE_NAME]?.message).toMatch(/Snoozed Until "next week" is not a date/);
		expect(sandbox().requests).toHaveLength(before);
	});
});
