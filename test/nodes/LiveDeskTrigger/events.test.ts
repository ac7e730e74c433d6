import { useSandbox } from '../../helpers/sandbox';
import {
	openConversation,
	post,
	sendMessage,
	setStatus,
	settle,
	triggerOutputs,
	triggerWorkflow,
	useTriggerServer,
} from './helpers';

describe('LiveDesk Trigger: events and output', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();

	it('starts only on the selected conversation events, with the same flat fields', async () => {
		const server = await serve(
			sandbox(),
			triggerWorkflow({ events: ['conversation_created', 'conversation_status_changed'] }),
		);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await setStatus(sandbox(), conversation.id, 'resolved');
		await settle(sandbox(), server);

		expect(sandbox().webhookDeliveries.map((delivery) => delivery.event)).toEqual([
			'conversation_created',
			'message_created',
			'conversation_status_changed',
			'conversation_updated',
		]);
		const created = sandbox().store.getConversation(conversation.id)?.createdAt ?? 0;
		const common = {
			conversation_id: conversation.id,
			contact_id: conversation.contactId,
			source_id: conversation.sourceId,
			inbox_id: sandbox().inboxId,
			message_id: null,
			content: null,
			attachments: [],
			message_type: null,
			private: null,
			sender_id: null,
			sender_name: null,
			sender_type: null,
			contact_name: 'Alice Example',
			contact_phone_number: '+4915112345678',
			created_at: new Date(created * 1000).toISOString(),
		};
		expect(triggerOutputs(server)).toEqual([
			expect.objectContaining({
				...common,
				event: 'conversation_created',
				status: 'open',
				previous_status: null,
			}),
			expect.objectContaining({
				...common,
				event: 'conversation_status_changed',
				status: 'resolved',
				previous_status: 'open',
			}),
		]);
	});

	it('with All Events, starts on every event but still skips the contact’s messages', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['*'] }));
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Hello?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Hi Alice!', 'outgoing');
		await setStatus(sandbox(), conversation.id, 'resolved');
		await settle(sandbox(), server);

		expect(triggerOutputs(server).map((item) => item.event)).toEqual([
			'conversation_created',
			'message_created',
			'conversation_status_changed',
			'conversation_updated',
		]);
	});

	it('outputs the event exactly as LiveDesk sent it when Simplify is off', async () => {
		const server = await serve(
			sandbox(),
			triggerWorkflow({ events: ['message_created'], simplify: false }),
		);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);

		const delivered = sandbox().webhookDeliveries.find(
			(delivery) => delivery.event === 'message_created',
		);
		expect(triggerOutputs(server)).toEqual([delivered?.payload]);
		expect(triggerOutputs(server)[0]).toMatchObject({
			content: 'It ships today.',
			conversation: { contact_inbox: { source_id: conversation.sourceId } },
		});
	});

	describe('message kinds LiveDesk may send beyond the sandbox', () => {
		async function agentReplyPayload(): Promise<Record<string, unknown>> {
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await sandbox().flushWebhooks();
			const delivered = sandbox().webhookDeliveries.find(
				(delivery) => delivery.event === 'message_created',
			);
			if (!delivered) throw new Error('No message_created was delivered');
			return delivered.payload;
		}

		it('starts on message_updated when selected, and reads numeric message types', async () => {
			const server = await serve(sandbox(), triggerWorkflow({ events: ['message_updated'] }));
			const payload = await agentReplyPayload();
			// A run is recorded only when it ends, so without idle() this would pass even for a wrong start.
			await server.idle();
			expect(server.runs).toHaveLength(0);

			expect((await post(server.url, { ...payload, event: 'message_updated' })).status).toBe(200);
			expect(
				(await post(server.url, { ...payload, event: 'message_updated', message_type: 1 })).status,
			).toBe(200);
			expect(
				(await post(server.url, { ...payload, event: 'message_updated', message_type: 0 })).body,
			).toEqual({
				message: 'Event ignored: incoming message (from the contact)',
			});
			await server.idle();
			expect(triggerOutputs(server)).toMatchObject([
				{ event: 'message_updated', message_type: 'outgoing', content: 'It ships today.' },
				{ event: 'message_updated', message_type: 'outgoing' },
			]);
		});

		it('ignores activity messages and passes template messages like agent replies', async () => {
			const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
			const payload = await agentReplyPayload();
			await server.idle();
			const runsBefore = server.runs.length;

			const activity = {
				...payload,
				message_type: 'activity',
				content: 'Conversation was resolved',
				sender: null,
			};
			expect((await post(server.url, activity)).body).toEqual({
				message: 'Event ignored: activity message',
			});
			expect((await post(server.url, { ...payload, message_type: 'carousel' })).body).toEqual({
				message: 'Event ignored: other message',
			});
			expect(
				(await post(server.url, { ...payload, message_type: 'template', content: 'Rate us' }))
					.status,
			).toBe(200);
			await server.idle();
			expect(triggerOutputs(server).slice(runsBefore)).toMatchObject([
				{ message_type: 'template', content: 'Rate us' },
			]);
		});

		it('ignores messages from the agents listed in Ignore Agent IDs', async () => {
			const server = await serve(
				sandbox(),
				triggerWorkflow({ events: ['message_created'], options: { ignoredAgentIds: '7, 1' } }),
			);
			const payload = await agentReplyPayload();
			await server.idle();
			expect(server.runs).toHaveLength(0);

			const fromAgent8 = { ...payload, sender: { id: 8, name: 'Human Agent', type: 'user' } };
			expect((await post(server.url, fromAgent8)).status).toBe(200);
			// A contact with the same number as an ignored agent is a different person.
			const fromContact1 = {
				...payload,
				message_type: 'incoming',
				sender: { id: 1, type: 'contact' },
			};
			expect((await post(server.url, fromContact1)).body).toEqual({
				message: 'Event ignored: incoming message (from the contact)',
			});
			await server.idle();
			expect(triggerOutputs(server)).toMatchObject([{ sender_id: 8, sender_name: 'Human Agent' }]);
		});
	});
});
