import type { INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { loadProjectPackage } from '../../../tools/engine';
import { useSandbox } from '../../helpers/sandbox';
import {
	openConversation,
	post,
	sendMessage,
	settle,
	TRIGGER_NODE,
	triggerOutputs,
	triggerWorkflow,
	useTriggerServer,
} from './helpers';

/** The node's subtitle on the canvas, resolved the way n8n's editor resolves it. */
async function subtitleFor(parameters: INodeParameters): Promise<unknown> {
	const loader = await loadProjectPackage();
	const type = loader.nodeTypes.liveDeskTrigger.type as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const [node] = triggerWorkflow(parameters).nodes;
	const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode(TRIGGER_NODE) ?? node,
		type.description.subtitle,
		'internal',
		{},
	);
}

describe('LiveDesk Trigger: agent replies from the sandbox through n8n’s webhook path', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();

	it('starts the workflow on an agent reply, with its content and the conversation’s source_id', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		const [{ run, errors }] = server.runs;
		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		const reply = sandbox()
			.store.listMessages(conversation.id)
			.find((message) => message.messageType === 'outgoing');
		expect(triggerOutputs(server)).toEqual([
			{
				event: 'message_created',
				conversation_id: conversation.id,
				contact_id: conversation.contactId,
				source_id: conversation.sourceId,
				inbox_id: sandbox().inboxId,
				message_id: reply?.id,
				content: 'It ships today.',
				attachments: [],
				message_type: 'outgoing',
				private: false,
				sender_id: 1,
				sender_name: 'Sandbox Agent',
				sender_type: 'user',
				contact_name: 'Alice Example',
				contact_email: null,
				contact_phone_number: '+4915112345678',
				contact_identifier: 'wa-4915112345678',
				status: 'open',
				previous_status: null,
				created_at: new Date((reply?.createdAt ?? 0) * 1000).toISOString(),
			},
		]);
		// conversation_created and the customer's message were answered 200 and started nothing.
		expect(
			sandbox().webhookDeliveries.map((delivery) => [delivery.event, delivery.status]),
		).toEqual([
			['conversation_created', 200],
			['message_created', 200],
			['message_created', 200],
		]);
		expect(server.calls.map((call) => call.started)).toEqual([false, false, true]);
	});

	it('does not start on a private note or on the contact’s own message', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Customer writes in', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Internal: check the warehouse', 'outgoing', {
			private: true,
		});
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(0);
		expect(server.calls.map((call) => [call.status, call.started])).toEqual([
			[200, false],
			[200, false],
			[200, false],
		]);
	});

	it('starts on private notes and incoming messages only when told to', async () => {
		const server = await serve(
			sandbox(),
			triggerWorkflow({
				events: ['message_created'],
				messageTypes: ['incoming', 'outgoing', 'template'],
				options: { includePrivateNotes: true },
			}),
		);
		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Customer writes in', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Internal note', 'outgoing', { private: true });
		await settle(sandbox(), server);

		expect(triggerOutputs(server)).toMatchObject([
			{
				content: 'Customer writes in',
				message_type: 'incoming',
				sender_type: 'contact',
				sender_name: 'Alice Example',
			},
			{ content: 'Internal note', message_type: 'outgoing', private: true },
		]);
	});

	describe('with a Webhook Token in the credential', () => {
		const parameters = { events: ['message_created'] };
		const TOKEN = 's3cret-t0ken';

		it('answers 401 and starts nothing when LiveDesk calls without the token', async () => {
			const server = await serve(sandbox(), triggerWorkflow(parameters), '', TOKEN);
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await settle(sandbox(), server);

			expect(sandbox().webhookDeliveries.map((delivery) => delivery.status)).toEqual([401, 401]);
			expect(server.calls.every((call) => call.status === 401 && !call.started)).toBe(true);
			expect(server.runs).toHaveLength(0);
		});

		it('answers 401 to a wrong token, even for a payload it would ignore anyway', async () => {
			const server = await serve(sandbox(), triggerWorkflow(parameters), '', TOKEN);
			expect(await post(`${server.url}?token=wrong`, { event: 'message_created' })).toEqual({
				status: 401,
				body: { message: 'Missing or wrong token' },
			});
			expect((await post(`${server.url}?token=s3cret-t0ke`, { hello: 'world' })).status).toBe(401);
			expect((await post(`${server.url}?token=`, { hello: 'world' })).status).toBe(401);
			await server.idle();
			expect(server.runs).toHaveLength(0);
		});

		it('starts the workflow when the URL carries ?token=', async () => {
			const server = await serve(sandbox(), triggerWorkflow(parameters), `?token=${TOKEN}`, TOKEN);
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await settle(sandbox(), server);

			expect(sandbox().webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
			expect(triggerOutputs(server)).toMatchObject([
				{ content: 'It ships today.', source_id: conversation.sourceId },
			]);
		});

		it('ignores spaces and a line break pasted around the token in the credential', async () => {
			const server = await serve(
				sandbox(),
				triggerWorkflow(parameters),
				'?token=s3cret',
				'  s3cret \n',
			);
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await settle(sandbox(), server);

			expect(sandbox().webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
			expect(triggerOutputs(server)).toMatchObject([{ content: 'It ships today.' }]);
			expect((await post(`${server.url}?token=wrong`, { event: 'message_created' })).status).toBe(
				401,
			);
		});

		it('treats a token of only spaces as no token', async () => {
			const server = await serve(sandbox(), triggerWorkflow(parameters), '', ' \n ');
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await settle(sandbox(), server);

			expect(sandbox().webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
			expect(triggerOutputs(server)).toMatchObject([{ content: 'It ships today.' }]);
		});

		it('accepts the token in the header the user named', async () => {
			const server = await serve(
				sandbox(),
				triggerWorkflow({ ...parameters, options: { headerName: 'X-LiveDesk-Token' } }),
				'',
				TOKEN,
			);
			const conversation = await openConversation(sandbox());
			await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
			await settle(sandbox(), server);
			const payload = sandbox().webhookDeliveries[1]?.payload ?? {};

			const json = { 'content-type': 'application/json' };
			expect(
				(await post(server.url, payload, { ...json, 'x-livedesk-token': 'nope' })).status,
			).toBe(401);
			expect((await post(server.url, payload, { ...json, 'X-LiveDesk-Token': TOKEN })).status).toBe(
				200,
			);
			await server.idle();
			expect(triggerOutputs(server)).toMatchObject([{ content: 'It ships today.' }]);
		});

		it('with a Header Name set, answers 401 to a call that carries no token at all', async () => {
			const server = await serve(
				sandbox(),
				triggerWorkflow({ ...parameters, options: { headerName: 'X-LiveDesk-Token' } }),
				'',
				TOKEN,
			);

			expect((await post(server.url, { event: 'message_created' })).status).toBe(401);
			await server.idle();
			expect(server.runs).toHaveLength(0);
		});
	});

	it('answers 200 to anything that is not a LiveDesk event and starts nothing', async () => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['*'] }));
		const ignored = { message: 'Event ignored: not a LiveDesk event' };
		expect(await post(server.url, { hello: 'world' })).toEqual({ status: 200, body: ignored });
		expect(await post(server.url, [{ event: 'message_created' }])).toEqual({
			status: 200,
			body: ignored,
		});
		expect(await post(server.url, { event: 42 })).toEqual({ status: 200, body: ignored });
		expect(await post(server.url, { event: 'message_created', content: 'no id' })).toEqual({
			status: 200,
			body: ignored,
		});
		expect(await post(server.url, { event: '' })).toEqual({ status: 200, body: ignored });
		expect(
			await post(server.url, 'event=message_created&id=1', { 'content-type': 'text/plain' }),
		).toEqual({
			status: 200,
			body: ignored,
		});
		expect(await post(server.url, '', {})).toEqual({ status: 200, body: ignored });
		// n8n's body parser rejects broken JSON before the node runs.
		expect((await post(server.url, '{"event": ')).status).toBe(422);
		await server.idle();
		expect(server.runs).toHaveLength(0);
		expect(server.calls.some((call) => call.error !== undefined)).toBe(false);
	});
});

describe('LiveDesk Trigger subtitle', () => {
	it('names the chosen events as the Events list does', async () => {
		expect(await subtitleFor({ events: ['message_created', 'conversation_status_changed'] })).toBe(
			'Message Created, Conversation Status Changed',
		);
		expect(await subtitleFor({})).toBe('Message Created');
		expect(await subtitleFor({ events: ['*'] })).toBe('All events');
	});
});

describe('LiveDesk Trigger texts', () => {
	// n8n's editor strips anything shaped like an HTML tag from notices and descriptions,
	// so "?token=<that token>" would reach the user as "?token=".
	it('hold nothing the editor would strip as a tag', async () => {
		const loader = await loadProjectPackage();
		const texts = JSON.stringify([
			(loader.nodeTypes.liveDeskTrigger.type as INodeType).description.properties,
			loader.credentialTypes.liveDeskApi.type.properties,
		]);
		expect(texts).toContain('?token=');
		expect(texts).not.toMatch(/<\/?[a-z]/i);
	});

	// Without a token anyone who learns the URL can forge an agent reply, so the safe path is shown first.
	it('open with a notice that recommends a Webhook Token, and the credential says why', async () => {
		const loader = await loadProjectPackage();
		const [first] = (loader.nodeTypes.liveDeskTrigger.type as INodeType).description.properties;
		expect(first).toMatchObject({ type: 'notice', name: 'tokenNotice' });
		expect(first.displayName).toMatch(/^Strongly recommended: .*Webhook Token.*forged/);
		const field = loader.credentialTypes.liveDeskApi.type.properties.find(
			(property) => property.name === 'webhookToken',
		);
		// Optional, so saved workflows without a token keep working.
		expect(field?.required).toBeUndefined();
		expect(field?.default).toBe('');
		expect(field?.description).toMatch(/strongly recommended.*forge/);
	});
});
