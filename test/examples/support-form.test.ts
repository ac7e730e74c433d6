import { runWorkflow } from '../../tools/engine';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';

describe('Example: support form → Create or Update → Create Conversation → Send Message → Update Status', () => {
	const sandbox = useSandbox();

	const submit = (form: { Name: string; Email: string; Message: string }) =>
		runWorkflow(readExampleWorkflow('support-form.workflow.json'), {
			credentials: sandboxCredentials(sandbox()),
			items: [form],
		});

	it('files each submission as a pending conversation, and the same person twice as one contact', async () => {
		const first = await submit({ Name: 'Alice', Email: 'alice@example.com', Message: 'My order is late.' });
		const second = await submit({ Name: 'Alice Smith', Email: 'Alice@Example.com', Message: 'Any news?' });

		for (const { errors, run } of [first, second]) {
			expect(errors).toEqual({});
			expect(run.status).toBe('success');
		}
		expect(first.outputs['Create or Update Contact'][0].json).toMatchObject({ created: true, name: 'Alice' });
		expect(second.outputs['Create or Update Contact'][0].json).toMatchObject({ created: false, name: 'Alice Smith' });

		const contacts = sandbox().store.listContacts();
		expect(contacts).toHaveLength(1);
		const conversations = sandbox().store.listConversations();
		expect(conversations).toHaveLength(2);
		expect(conversations.map((conversation) => conversation.status)).toEqual(['pending', 'pending']);
		expect(sandbox().store.listMessages().map((message) => message.content)).toEqual([
			'My order is late.',
			'Any news?',
		]);
		expect(second.outputs['Mark Pending'][0].json).toMatchObject({ id: conversations[1].id, status: 'pending' });
	});
});
