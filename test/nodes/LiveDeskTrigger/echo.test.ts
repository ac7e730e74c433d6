import { useSandbox } from '../../helpers/sandbox';
import {
	liveDeskStep,
	openConversation,
	post,
	sendMessage,
	settle,
	triggerOutputs,
	triggerWorkflow,
	useTriggerServer,
} from './helpers';

/**
 * Workflows that write back into LiveDesk see their own writes come back as events.
 * These run such workflows end to end and check that the echo does not start them again.
 */
describe('LiveDesk Trigger: no echo loops', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();

	it('a private note the workflow posts into the conversation does not start it again', async () => {
		const logNote = liveDeskStep('Log Forwarded Reply', {
			resource: 'message',
			operation: 'send',
			conversationId: '={{ $json.conversation_id }}',
			content: '=Forwarded to WhatsApp: {{ $json.content }}',
			messageType: 'outgoing',
			additionalFields: { private: true },
		});
		const server = await serve(
			sandbox(),
			triggerWorkflow({ events: ['message_created'] }, logNote),
		);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);
		// The note the run posted is delivered as a new event; let that one settle too.
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		const [{ outputs, errors }] = server.runs;
		expect(errors).toEqual({});
		expect(outputs['Log Forwarded Reply'][0].json).toMatchObject({
			conversation_id: conversation.id,
			content: 'Forwarded to WhatsApp: It ships today.',
			private: true,
		});
		expect(sandbox().webhookDeliveries.map((delivery) => delivery.payload.content ?? null)).toEqual(
			[null, 'It ships today.', 'Forwarded to WhatsApp: It ships today.'],
		);
		expect(server.calls.map((call) => call.started)).toEqual([false, true, false]);
	});

	it('an agent reply the workflow posts as its own agent is dropped by Ignore Agent IDs', async () => {
		// The sandbox posts every API message as agent 1, the API key's agent.
		const autoReply = liveDeskStep('Acknowledge', {
			resource: 'message',
			operation: 'send',
			conversationId: '={{ $json.conversation_id }}',
			content: '=We got your message, {{ $json.contact_name }}.',
			messageType: 'outgoing',
			additionalFields: {},
		});
		const server = await serve(
			sandbox(),
			triggerWorkflow(
				{ events: ['message_created'], options: { ignoredAgentIds: '1' } },
				autoReply,
			),
		);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);
		expect(server.runs).toHaveLength(0);

		// A human agent (id 7) answers in the console.
		const delivered = sandbox().webhookDeliveries.find(
			(delivery) => delivery.event === 'message_created',
		);
		const humanReply = {
			...delivered?.payload,
			sender: { id: 7, name: 'Console Agent', type: 'user' },
		};
		expect((await post(server.url, humanReply)).status).toBe(200);
		await settle(sandbox(), server);
		await settle(sandbox(), server);

		expect(triggerOutputs(server)).toMatchObject([{ sender_name: 'Console Agent' }]);
		expect(server.runs[0].outputs.Acknowledge[0].json).toMatchObject({
			content: 'We got your message, Alice Example.',
		});
		const last = sandbox().webhookDeliveries.at(-1);
		expect(last).toMatchObject({
			status: 200,
			payload: { content: 'We got your message, Alice Example.' },
		});
		expect(server.calls.at(-1)?.started).toBe(false);
	});
});
