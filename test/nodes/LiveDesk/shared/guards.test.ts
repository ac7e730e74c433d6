import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

/**
 * Guards that other tests touched only in passing: a phone number reaching the
 * create body, and values refused before any request is sent.
 */
describe('Fields that reach LiveDesk, and values refused before sending', () => {
	const sandbox = useSandbox();
	const run = (parameters: INodeParameters) =>
		runWorkflow(singleOperationWorkflow(parameters), {
			credentials: sandboxCredentials(sandbox()),
		});

	it('Contact → Create posts the phone number as phone_number', async () => {
		const { errors } = await run({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: { name: 'Alice', phoneNumber: '+4915112345678' },
		});

		expect(errors).toEqual({});
		expect(sandbox().requests.map((request) => [request.method, request.body])).toEqual([
			['POST', { inbox_id: 407, name: 'Alice', phone_number: '+4915112345678' }],
		]);
	});

	it('Contact → Create or Update posts the phone number of a new contact as phone_number', async () => {
		const { errors } = await run({
			resource: 'contact',
			operation: 'upsert',
			inboxId: 407,
			matchBy: 'identifier',
			identifier: 'crm-7',
			additionalFields: { phoneNumber: '+4915112345678' },
		});

		expect(errors).toEqual({});
		const post = sandbox().requests.find((request) => request.method === 'POST');
		expect(post?.body).toEqual({
			inbox_id: 407,
			identifier: 'crm-7',
			phone_number: '+4915112345678',
		});
		expect(
			sandbox()
				.store.listContacts()
				.map((contact) => contact.phoneNumber),
		).toEqual(['+4915112345678']);
	});

	const upsert = (parameters: INodeParameters): INodeParameters => ({
		resource: 'contact',
		operation: 'upsert',
		inboxId: 407,
		...parameters,
	});

	it.each<[string, INodeParameters, RegExp]>([
		[
			'an invalid email to match by',
			upsert({ matchBy: 'email', email: 'alice' }),
			/^Email "alice" is not an email address \(item 0\)$/,
		],
		[
			'an invalid email in Additional Fields',
			upsert({ matchBy: 'identifier', identifier: 'crm-8', additionalFields: { email: 'alice@' } }),
			/^Email "alice@" is not an email address \(item 0\)$/,
		],
		[
			'a zero Inbox ID in Create or Update',
			{ ...upsert({ matchBy: 'identifier', identifier: 'crm-9' }), inboxId: 0 },
			/^Inbox ID must be a positive whole number, but is "0"/,
		],
		[
			'a zero Conversation ID',
			{
				resource: 'message',
				operation: 'send',
				conversationId: 0,
				content: 'Hi',
				additionalFields: {},
			},
			/^Conversation ID must be a positive whole number, but is "0"/,
		],
		// The field's own 0 means "not a reply" (its default when added); a 0 an expression produces is refused.
		[
			'a zero In Reply To from an expression',
			{
				resource: 'message',
				operation: 'send',
				conversationId: 40,
				content: 'Hi',
				additionalFields: { inReplyTo: '={{ "0" }}' },
			},
			/^In Reply To must be a positive whole number, but is "0"/,
		],
	])('refuses %s before any request', async (_case, parameters, expected) => {
		const { errors } = await run(parameters);

		expect(errors[NODE_NAME]?.message).toMatch(expected);
		expect(sandbox().requests).toHaveLength(0);
	});
});
