import { runWorkflow } from '../../../../../tools/engine';
import { expectedBasicAuth, sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Message → Send', () => {
	const sandbox = useSandbox();

	async function openConversation(): Promise<number> {
		const credentials = sandboxCredentials(sandbox());
		const contact = await runWorkflow(
			singleOperationWorkflow({ resource: 'contact', operation: 'create', inboxId: 407 }),
			{ credentials },
		);
		const conversation = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId: contact.outputs[NODE_NAME][0].json.id as number,
			}),
			{ credentials },
		);
		return conversation.outputs[NODE_NAME][0].json.id as number;
	}

	it('posts the content as the contact by default, to the conversation in the path', async () => {
		const conversationId = await openConversation();
		const workflow = singleOperationWorkflow({
			resource: 'message',
			operation: 'send',
			conversationId,
			content: 'Where is my order?',
		});

		const { outputs, errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		const request = sandbox().requests[2];
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/v2/accounts/conversations/${conversationId}/messages`);
		expect(request.headers.authorization).toBe(expectedBasicAuth(sandbox()));
		expect(request.body).toEqual({ content: 'Where is my order?', message_type: 'incoming' });
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			content: 'Where is my order?',
			conversation_id: conversationId,
			message_type: 'incoming',
			private: false,
			sender_type: 'contact',
		});
	});

	it('sends an agent’s private reply to an earlier message', async () => {
		const conversationId = await openConversation();
		const credentials = sandboxCredentials(sandbox());
		const first = await runWorkflow(
			singleOperationWorkflow({
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'Hi',
			}),
			{ credentials },
		);
		const firstId = first.outputs[NODE_NAME][0].json.id as number;

		const { outputs, errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'message',
				operation: 'send',
				conversationId: `={{ "${conversationId}" }}`,
				content: 'Checking with the warehouse',
				messageType: 'outgoing',
				additionalFields: { private: true, inReplyTo: firstId },
				simplify: false,
			}),
			{ credentials },
		);

		expect(errors).toEqual({});
		expect(sandbox().requests[3].body).toEqual({
			content: 'Checking with the warehouse',
			message_type: 'outgoing',
			private: true,
			content_attributes: { in_reply_to: firstId },
		});
		// Without Simplify, LiveDesk's own object: message_type as its number, content_attributes kept.
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			message_type: 1,
			private: true,
			content_attributes: { in_reply_to: firstId },
		});
	});

	it('an In Reply To added and left at 0 is not sent, like any empty field', async () => {
		const conversationId = await openConversation();

		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'message',
				operation: 'send',
				conversationId,
				content: 'Hi',
				additionalFields: { inReplyTo: 0 },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors).toEqual({});
		expect(sandbox().requests.at(-1)?.body).toEqual({ content: 'Hi', message_type: 'incoming' });
	});
});
