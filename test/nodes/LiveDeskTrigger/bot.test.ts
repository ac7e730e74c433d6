import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, type WorkflowJson } from '../../../tools/engine';
import { useSandbox } from '../../helpers/sandbox';
import {
	liveDeskStep,
	openConversation,
	post,
	sendMessage,
	setStatus,
	settle,
	triggerOutputs,
	triggerWorkflow,
	useTriggerServer,
} from './helpers';

/** The bot's answer, posted into the conversation the customer's message came from. */
const botReply = liveDeskStep('Bot Reply', {
	resource: 'message',
	operation: 'send',
	conversationId: '={{ $json.conversation_id }}',
	content: '=Bot: you wrote "{{ $json.content }}"',
	messageType: 'outgoing',
	additionalFields: {},
});

const FOR_BOTS = {
	events: ['message_created'],
	messageTypes: ['incoming'],
	conversationStatuses: ['pending'],
};

describe('LiveDesk Trigger for a bot: Message Types and Conversation Status', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();

	it('starts on the customer’s messages while the conversation is pending, never on its own replies', async () => {
		const server = await serve(sandbox(), triggerWorkflow(FOR_BOTS, botReply));
		const conversation = await openConversation(sandbox());
		await setStatus(sandbox(), conversation.id, 'pending');
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await settle(sandbox(), server);
		// The bot's reply comes back as a message_created event; let that one settle too.
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].errors).toEqual({});
		expect(triggerOutputs(server)).toMatchObject([
			{
				content: 'Where is my order?',
				message_type: 'incoming',
				status: 'pending',
				sender_type: 'contact',
			},
		]);
		const messages = sandbox().store.listMessages(conversation.id);
		expect(messages.map((message) => [message.messageType, message.content])).toEqual([
			['incoming', 'Where is my order?'],
			['outgoing', 'Bot: you wrote "Where is my order?"'],
		]);
		const replyCall = server.calls.at(-1);
		expect(replyCall).toMatchObject({ status: 200, started: false });

		// Handed over to people: the customer's next message is theirs, not the bot's.
		await setStatus(sandbox(), conversation.id, 'open');
		await sendMessage(sandbox(), conversation.id, 'Can a person help me?', 'incoming');
		await settle(sandbox(), server);
		expect(server.runs).toHaveLength(1);
		const delivered = sandbox().webhookDeliveries.filter(
			(delivery) => delivery.event === 'message_created',
		);
		expect(delivered.map((delivery) => delivery.payload.content)).toEqual([
			'Where is my order?',
			'Bot: you wrote "Where is my order?"',
			'Can a person help me?',
		]);
	});

	it('says why it ignored an event, and ignores a message without a conversation status', async () => {
		const server = await serve(sandbox(), triggerWorkflow(FOR_BOTS));
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Hello?', 'incoming');
		await sandbox().flushWebhooks();
		const payload = sandbox().webhookDeliveries.find(
			(delivery) => delivery.event === 'message_created',
		)?.payload;
		if (!payload) throw new Error('No message_created was delivered');
		const ignored = (reason: string) => ({
			status: 200,
			body: { message: `Event ignored: ${reason}` },
		});

		expect(await post(server.url, payload)).toEqual(
			ignored('conversation status open is not selected'),
		);
		const outgoing = { ...payload, message_type: 'outgoing', sender: { id: 1, type: 'user' } };
		expect(await post(server.url, outgoing)).toEqual(
			ignored('outgoing message (an agent’s or bot’s reply)'),
		);
		expect(await post(server.url, { ...payload, message_type: 3 })).toEqual(
			ignored('template message'),
		);
		expect(await post(server.url, { ...payload, conversation: { id: conversation.id } })).toEqual(
			ignored('the event carries no conversation status'),
		);
		const pending = {
			...payload,
			conversation: { ...(payload.conversation as object), status: 'pending' },
		};
		expect((await post(server.url, pending)).status).toBe(200);
		await server.idle();
		expect(triggerOutputs(server)).toMatchObject([{ content: 'Hello?', status: 'pending' }]);
	});

	it('starts on a hand-off to people: Conversation Status Changed with Conversation Status Open', async () => {
		const server = await serve(
			sandbox(),
			triggerWorkflow({ events: ['conversation_status_changed'], conversationStatuses: ['open'] }),
		);
		const conversation = await openConversation(sandbox());
		await setStatus(sandbox(), conversation.id, 'pending');
		await setStatus(sandbox(), conversation.id, 'open');
		await setStatus(sandbox(), conversation.id, 'resolved');
		await settle(sandbox(), server);

		expect(triggerOutputs(server)).toMatchObject([
			{ event: 'conversation_status_changed', status: 'open', previous_status: 'pending' },
		]);
	});

	it('by default starts on agent replies and templates, as before Message Types', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Hello?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Hi Alice!', 'outgoing');
		await settle(sandbox(), server);

		expect(triggerOutputs(server)).toMatchObject([
			{ content: 'Hi Alice!', message_type: 'outgoing' },
		]);
	});
});

describe('LiveDesk Trigger: workflows saved with Include Incoming Messages (version 1)', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	const saved = JSON.parse(
		readFileSync(
			path.join(
				PROJECT_ROOT,
				'test/nodes/LiveDeskTrigger/fixtures/include-incoming-v1.workflow.json',
			),
			'utf8',
		),
	) as WorkflowJson;

	it('still start on the customer’s messages as well as on agent replies and templates', async () => {
		const server = await serve(sandbox(), saved);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await sendMessage(sandbox(), conversation.id, 'Internal note', 'outgoing', { private: true });
		await settle(sandbox(), server);
		const delivered = sandbox().webhookDeliveries.find(
			(delivery) => delivery.event === 'message_created',
		);
		expect(
			(
				await post(server.url, {
					...delivered?.payload,
					message_type: 'template',
					content: 'Rate us',
				})
			).status,
		).toBe(200);
		await server.idle();

		expect(triggerOutputs(server)).toMatchObject([
			{ content: 'Where is my order?', message_type: 'incoming' },
			{ content: 'It ships today.', message_type: 'outgoing' },
			{ content: 'Rate us', message_type: 'template' },
		]);
	});

	it('the old option means nothing to a version 1.1 node, which n8n gives every new trigger', async () => {
		const [node] = saved.nodes;
		const copied: WorkflowJson = { ...saved, nodes: [{ ...node, typeVersion: 1.1 }] };
		const server = await serve(sandbox(), copied);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);

		expect(triggerOutputs(server)).toMatchObject([{ content: 'It ships today.' }]);
	});
});
