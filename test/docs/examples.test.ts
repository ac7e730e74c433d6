import type { IDataObject } from 'n8n-workflow';
import { runListSearch, runWorkflow } from '../../tools/engine';
import { docsExample, shapeOf } from '../helpers/docs';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { NODE_NAME, NODE_TYPE, singleOperationWorkflow } from '../helpers/workflow';
import {
	post,
	TRIGGER_NODE,
	triggerWorkflow,
	useTriggerServer,
} from '../nodes/LiveDeskTrigger/helpers';

/**
 * The node against the examples of EngageLab's published pages (shared/livedesk-docs): the
 * requests it sends have the documented shapes, and the documented answers read as the README says.
 * Answers are the docs' own JSON, served over HTTP by the sandbox as a scripted answer.
 */
describe('Conformance with the examples of LiveDesk’s docs', () => {
	const sandbox = useSandbox();
	const startTrigger = useTriggerServer();

	const run = async (parameters: IDataObject) => {
		const result = await runWorkflow(singleOperationWorkflow(parameters as never), {
			credentials: sandboxCredentials(sandbox()),
		});
		expect(result.errors).toEqual({});
		return result.outputs[NODE_NAME];
	};
	const lastBody = () => sandbox().requests.at(-1)?.body;

	it('Create Contact sends the documented request', async () => {
		const documented = docsExample('create-contact.request.json');
		await run({
			resource: 'contact',
			operation: 'create',
			inboxId: documented.inbox_id,
			additionalFields: {
				name: documented.name,
				email: documented.email,
				phoneNumber: documented.phone_number,
				avatarUrl: documented.avatar_url,
				identifier: documented.identifier,
			},
		});

		expect(sandbox().requests.at(-1)).toMatchObject({
			method: 'POST',
			path: '/api/v2/accounts/contacts',
		});
		expect(lastBody()).toEqual(documented);
	});

	it('Create Contact reads the documented answer: the contact at the top, its id for the next step', async () => {
		const answer = docsExample('create-contact.response.json');
		const contact = (answer.payload as IDataObject).contact as IDataObject;
		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 200, body: answer });
		const [raw] = await run({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			simplify: false,
		});

		sandbox().injectFault({ method: 'POST', path: '/contacts', status: 200, body: answer });
		const [simplified] = await run({ resource: 'contact', operation: 'create', inboxId: 407 });

		expect(raw.json).toEqual({ ...contact, contact_inbox: { inbox: null, source_id: null } });
		expect(simplified.json).toEqual({
			id: 2219259,
			name: 'Test',
			email: null,
			phone_number: null,
			identifier: null,
			source_id: null,
			blocked: false,
			custom_attributes: {},
			created_at: 1766571703,
		});
	});

	it('Create Conversation reads the documented answer', async () => {
		sandbox().injectFault({
			method: 'POST',
			path: '/conversations',
			status: 200,
			body: docsExample('create-conversation.response.json'),
		});

		const [conversation] = await run({
			resource: 'conversation',
			operation: 'create',
			inboxId: 407,
			contactId: 2219256,
		});

		expect(sandbox().requests.at(-1)?.body).toEqual({ inbox_id: 407, contact_id: 2219256 });
		expect(conversation.json).toEqual({
			id: 40,
			status: 'open',
			inbox_id: 407,
			contact_id: 2219256,
			contact_name: 'Test',
			assignee_id: null,
			labels: [],
			unread_count: 0,
			created_at: 1766572062,
			last_activity_at: 1766572062,
		});
	});

	it('Send Message sends the documented request', async () => {
		const documented = docsExample('send-message.request.json');
		sandbox().injectFault({
			method: 'POST',
			path: '/conversations/40/messages',
			status: 200,
			body: { id: 1, message_type: 0 },
		});

		await run({
			resource: 'message',
			operation: 'send',
			conversationId: 40,
			content: documented.content,
			messageType: documented.message_type,
			additionalFields: {
				private: documented.private,
				inReplyTo: (documented.content_attributes as IDataObject).in_reply_to,
			},
		});

		expect(sandbox().requests.at(-1)).toMatchObject({
			method: 'POST',
			path: '/api/v2/accounts/conversations/40/messages',
		});
		expect(lastBody()).toEqual(documented);
	});

	it('Update Status sends the documented request; a snooze time only with Snoozed, as the page says', async () => {
		const documented = docsExample('toggle-status.request.json');
		for (const status of ['snoozed', 'resolved']) {
			sandbox().injectFault({
				method: 'POST',
				path: '/toggle_status',
				status: 200,
				body: { payload: { conversation_id: 40 } },
			});
			await run({
				resource: 'conversation',
				operation: 'updateStatus',
				conversationId: 40,
				status,
				snoozedUntil: documented.snoozed_until,
			});
		}

		const [snoozed, resolved] = sandbox().requests.map((request) => request.body);
		expect(sandbox().requests.at(-1)?.path).toBe('/api/v2/accounts/conversations/40/toggle_status');
		expect(shapeOf(snoozed)).toEqual(shapeOf(documented));
		expect(snoozed).toEqual({ status: 'snoozed', snoozed_until: documented.snoozed_until });
		expect(resolved).toEqual({ status: 'resolved' });
	});

	it('Update Contact can send every writable field of the documented request, nested as documented', async () => {
		const documented = docsExample('update-contact.request.json');
		// What the example shows but a client does not write: LiveDesk sets these itself.
		const readOnly = ['availability_status', 'thumbnail', 'last_activity_at', 'created_at'];
		const writable = Object.fromEntries(
			Object.entries(documented).filter(([key]) => !readOnly.includes(key)),
		);
		const [contact] = await run({ resource: 'contact', operation: 'create', inboxId: 407 });
		const text = (name: string) => `${name} value`;

		await run({
			resource: 'contact',
			operation: 'update',
			contactId: { __rl: true, mode: 'id', value: String(contact.json.id) },
			updateFields: {
				name: documented.name,
				email: documented.email,
				phoneNumber: '+123456789',
				identifier: documented.identifier,
				blocked: documented.blocked,
				firstName: documented.first_name,
				lastName: text('last name'),
				description: text('description'),
				companyName: text('company'),
				city: text('city'),
				country: text('country'),
				countryCode: 'DE',
				telegram: text('telegram'),
				facebook: text('facebook'),
				github: text('github'),
				instagram: text('instagram'),
				linkedin: text('linkedin'),
				twitter: text('twitter'),
				customAttributes: { attribute: [{ key: 'vip_level', value: 'platinum' }] },
			},
		});

		const sent = lastBody() as IDataObject;
		// The example leaves most values empty or null; the node sends only what was filled in.
		const filled = JSON.parse(JSON.stringify(writable).replace(/:null/g, ':""'));
		expect(shapeOf(sent)).toEqual(shapeOf(filled));
		expect(sent).toMatchObject({
			custom_attributes: { vip_level: 'platinum' },
			first_name: 'support',
			email: 'support@jiguang.cn',
		});
		expect(sandbox().requests.at(-1)).toMatchObject({
			method: 'PATCH',
			path: `/api/v2/accounts/contacts/${String(contact.json.id)}`,
		});
	});

	it('the conversation_created webhook of the docs starts the trigger with its ids', async () => {
		const event = docsExample('conversation_created.webhook.json');
		const server = await startTrigger(
			sandbox(),
			triggerWorkflow({ events: ['conversation_created'] }),
		);

		const answer = await post(server.url, event);
		await server.idle();

		// n8n answers a started event with the trigger's responseData: a sentence for LiveDesk's webhook log.
		expect(answer).toEqual({ status: 200, body: { message: 'Event received: workflow started' } });
		expect(server.runs).toHaveLength(1);
		expect(server.runs[0].outputs[TRIGGER_NODE][0].json).toMatchObject({
			event: 'conversation_created',
			conversation_id: 89,
			contact_id: 42218348,
			source_id: '1d484823-da29-4086-a7ba-d65ad0ebb588',
			inbox_id: 523,
			contact_name: 'Test',
			contact_email: 'alice@acme.inc',
			contact_phone_number: '+123456789',
			status: 'open',
			created_at: new Date(1768967324 * 1000).toISOString(),
		});
	});

	it('Search, Create or Update and the editor’s contact list call only documented routes', async () => {
		const documented = [/^GET \/contacts$/, /^POST \/contacts$/, /^PATCH \/contacts\/\d+$/];
		await run({ resource: 'contact', operation: 'search', query: 'alice', returnAll: true });
		for (const name of ['Alice', 'Alice B.']) {
			await run({
				resource: 'contact',
				operation: 'upsert',
				inboxId: 407,
				matchBy: 'identifier',
				identifier: 'crm-1',
				additionalFields: { name, city: 'Berlin' },
			});
		}
		await runListSearch({
			nodeType: NODE_TYPE,
			method: 'searchContacts',
			parameters: { resource: 'contact', operation: 'update' },
			credentials: sandboxCredentials(sandbox()),
			filter: 'alice',
		});

		const calls = sandbox().requests.map(
			(request) => `${request.method} ${request.path.replace('/api/v2/accounts', '')}`,
		);
		expect(calls.length).toBeGreaterThanOrEqual(6);
		for (const call of calls) expect(documented.some((route) => route.test(call))).toBe(true);
		expect(
			sandbox()
				.requests.filter((request) => request.method === 'GET')
				.every((request) => request.query.q !== undefined),
		).toBe(true);
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});
});
