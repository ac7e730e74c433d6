import { runWorkflow } from '../../tools/engine';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';

describe('LiveDesk node: the shipped example chain', () => {
	const sandbox = useSandbox();

	it('creates a contact, opens a conversation for it and posts the customer’s message', async () => {
		const workflow = readExampleWorkflow('send-message.workflow.json');

		const { outputs, errors, run } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		const contact = outputs['Create Contact'][0].json;
		const conversation = outputs['Create Conversation'][0].json;
		const message = outputs['Send Message'][0].json;
		expect(contact).toMatchObject({ name: 'Alice Example', email: 'alice@example.com' });
		expect(conversation).toMatchObject({ contact_id: contact.id, inbox_id: 407, status: 'open' });
		expect(message).toMatchObject({
			conversation_id: conversation.id,
			content: 'Hello, this is Alice Example. My order has not arrived yet.',
			message_type: 'incoming',
		});
		expect(sandbox().requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/v2/accounts/contacts',
			'POST /api/v2/accounts/conversations',
			`POST /api/v2/accounts/conversations/${String(conversation.id)}/messages`,
		]);
	});

	it('runs the chain once per input item, each message in its own conversation', async () => {
		const workflow = readExampleWorkflow('send-message.workflow.json');
		const contactNode = workflow.nodes.find((node) => node.name === 'Create Contact');
		if (!contactNode) throw new Error('The example lost its Create Contact node');
		contactNode.parameters.additionalFields = { name: '={{ $json.name }}' };

		const { outputs } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items: [{ name: 'Ann' }, { name: 'Ben' }],
		});

		const messages = outputs['Send Message'].map((item) => item.json);
		expect(messages.map((message) => message.content)).toEqual([
			'Hello, this is Ann. My order has not arrived yet.',
			'Hello, this is Ben. My order has not arrived yet.',
		]);
		expect(messages[0].conversation_id).not.toBe(messages[1].conversation_id);
	});
});
