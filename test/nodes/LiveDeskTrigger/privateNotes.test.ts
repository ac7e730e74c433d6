import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../../helpers/sandbox';
import { post, triggerOutputs, triggerWorkflow, useTriggerServer } from './helpers';

/** An agent's message_created event as anyone who knows the trigger URL can post it. */
type Flag = string | number | boolean | null | undefined;

function agentMessage(flag: Flag): IDataObject {
	return {
		event: 'message_created',
		id: 5002,
		content: 'Internal: refund approved, do not tell the customer yet',
		message_type: 'outgoing',
		private: flag,
		sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		conversation: { id: 40, status: 'open' },
	};
}

describe('LiveDesk Trigger: private notes in any form stay private', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	const privateForms: Flag[] = [true, 'true', 'TRUE', ' true ', 1, '1'];
	const publicForms: Flag[] = [false, 'false', 0, '0', null, undefined];

	it.each(privateForms)('does not start on a note flagged %p', async (flag) => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		const answer = await post(server.url, agentMessage(flag));
		await server.idle();

		expect(answer).toEqual({ status: 200, body: { message: 'Event ignored: private note' } });
		expect(server.runs).toHaveLength(0);
	});

	it.each(privateForms)(
		'with Include Private Notes, starts on a note flagged %p and outputs private: true',
		async (flag) => {
			const server = await serve(
				sandbox(),
				triggerWorkflow({ events: ['message_created'], options: { includePrivateNotes: true } }),
			);
			await post(server.url, agentMessage(flag));
			await server.idle();

			expect(triggerOutputs(server)).toEqual([expect.objectContaining({ private: true })]);
		},
	);

	it.each(publicForms)('starts on a message flagged %p', async (flag) => {
		const server = await serve(sandbox(), triggerWorkflow({ events: ['message_created'] }));
		await post(server.url, agentMessage(flag));
		await server.idle();

		expect(triggerOutputs(server)).toEqual([expect.objectContaining({ private: false })]);
	});
});
