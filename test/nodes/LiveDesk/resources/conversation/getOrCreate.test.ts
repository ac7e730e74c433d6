import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Conversation → Get or Create', () => {
	const sandbox = useSandbox();

	const getOrCreate = async (
		contactId: unknown,
		parameters: INodeParameters = {},
		items?: IDataObject[],
	) => {
		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'getOrCreate',
				inboxId: 407,
				contactId: { __rl: true, mode: 'id', value: String(contactId) },
				...parameters,
			}),
			{ credentials: sandboxCredentials(sandbox()), ...(items ? { items } : {}) },
		);
		expect(errors).toEqual({});
		return outputs[NODE_NAME].map((item) => item.json);
	};

	it('opens the conversation once, then returns the same one; one per inbox key, the user’s attributes untouched', async () => {
		const [contact] = await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Alice', identifier: 'a-1' },
		]);
		await fetch(`${sandbox().url}/api/v2/accounts/contacts/${String(contact.id)}`, {
			method: 'PATCH',
			headers: {
				'content-type': 'application/json',
				authorization: `Basic ${Buffer.from(`${sandbox().apiKey}:${sandbox().apiSecret}`).toString('base64')}`,
			},
			body: JSON.stringify({ custom_attributes: { plan: 'pro' } }),
		});

		const [first] = await getOrCreate(contact.id);
		const [second] = await getOrCreate(contact.id);

		expect(first).toMatchObject({
			id: 40,
			inbox_id: 407,
			contact_id: contact.id,
			status: 'open',
			created: true,
		});
		expect(second).toEqual({ id: 40, inbox_id: 407, contact_id: contact.id, created: false });
		expect(sandbox().store.listConversations()).toHaveLength(1);
		expect(sandbox().store.getContact(contact.id as number)?.customAttributes).toEqual({
			plan: 'pro',
			n8n_conversation_407: expect.stringMatching(/^40\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		});
	});

	it('several items for one contact in one run: one conversation; Always Start a New One: one each', async () => {
		const [contact] = await createContacts(sandboxCredentials(sandbox()), [
			{ name: 'Bob', identifier: 'b-1' },
		]);
		const three = [{}, {}, {}];

		const reused = await getOrCreate(contact.id, {}, three);
		const fresh = await getOrCreate(
			contact.id,
			{ options: { conversationPolicy: 'alwaysNew' } },
			three,
		);

		expect(reused.map((conversation) => [conversation.id, conversation.created])).toEqual([
			[40, true],
			[40, false],
			[40, false],
		]);
		expect(fresh.map((conversation) => [conversation.id, conversation.created])).toEqual([
			[41, true],
			[42, true],
			[43, true],
		]);
		// The newest is remembered, so the default policy continues there.
		const [after] = await getOrCreate(contact.id);
		expect(after).toMatchObject({ id: 43, created: false });
	});
});
