import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const contactCreate = (
	inboxId: unknown,
	additionalFields: INodeParameters = {},
): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	inboxId: inboxId as number,
	additionalFields,
});
const messageSend = (
	conversationId: unknown,
	content: string,
	additionalFields: INodeParameters = {},
) => ({
	resource: 'message',
	operation: 'send',
	conversationId: conversationId as number,
	content,
	additionalFields,
});

describe('Validation before any request', () => {
	const sandbox = useSandbox();

	it.each<[string, INodeParameters, RegExp]>([
		[
			'an empty Inbox ID',
			contactCreate(''),
			/^Inbox ID must be a positive whole number, but is empty \(item 0\)$/,
		],
		['a zero Inbox ID', contactCreate(0), /^Inbox ID must be a positive whole number, but is "0"/],
		[
			'a negative Inbox ID',
			contactCreate(-4),
			/^Inbox ID must be a positive whole number, but is "-4"/,
		],
		[
			'a non-numeric Inbox ID',
			contactCreate('={{ "abc" }}'),
			/^Inbox ID must be a positive whole number, but is "abc"/,
		],
		[
			'a fractional Inbox ID',
			contactCreate(4.5),
			/^Inbox ID must be a positive whole number, but is "4.5"/,
		],
		[
			'an invalid email',
			contactCreate(407, { email: 'alice' }),
			/^Email "alice" is not an email address \(item 0\)$/,
		],
		[
			'a zero Contact ID',
			{
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				identifyBy: 'contactId',
				contactId: { __rl: true, mode: 'id', value: '0' },
			},
			/^Contact ID must be a positive whole number, but is "0"/,
		],
		[
			'neither contact id nor source id',
			{
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				identifyBy: 'sourceId',
				sourceId: ' ',
			},
			/^Source ID is empty, so LiveDesk cannot tell who the conversation is with/,
		],
		[
			'a non-numeric Conversation ID',
			messageSend('={{ "forty" }}', 'Hi'),
			/^Conversation ID must be a positive whole number, but is "forty"/,
		],
		[
			'empty content',
			messageSend(40, '  '),
			/^Content is empty and no file is attached; LiveDesk does not accept an empty message \(item 0\)$/,
		],
		[
			'an In Reply To that is not a message id',
			messageSend(40, 'Hi', { inReplyTo: '={{ "msg-29" }}' }),
			/^In Reply To must be a positive whole number, but is "msg-29"/,
		],
	])(
		'rejects %s with a message naming the field and the item',
		async (_case, parameters, expected) => {
			const { errors } = await runWorkflow(singleOperationWorkflow(parameters), {
				credentials: sandboxCredentials(sandbox()),
			});

			expect(errors[NODE_NAME]?.message).toMatch(expected);
			// The routing engine wraps errors from preSend hooks in a NodeApiError; message and advice survive.
			expect(errors[NODE_NAME]).toMatchObject({
				context: { itemIndex: 0 },
				description: expect.stringMatching(/\S/),
			});
			expect(sandbox().requests).toHaveLength(0);
		},
	);

	it('names the failing item of many', async () => {
		const workflow = singleOperationWorkflow(contactCreate('={{ $json.inbox }}'));

		const { errors } = await runWorkflow(workflow, {
			credentials: sandboxCredentials(sandbox()),
			items: [{ inbox: 407 }, { inbox: 407 }, { inbox: 'none' }],
		});

		expect(errors[NODE_NAME]?.message).toBe(
			'Inbox ID must be a positive whole number, but is "none" (item 2)',
		);
	});

	it.each([
		[
			'a Base URL without http(s)',
			{ baseUrl: 'livedesk-api.engagelab.com' },
			/Base URL is not an http\(s\) URL: "livedesk-api\.engagelab\.com\/api\/v2\/accounts"/,
		],
		['an ftp Base URL', { baseUrl: 'ftp://127.0.0.1' }, /Base URL is not an http\(s\) URL/],
	])('rejects a credential with %s before sending', async (_case, overrides, expected) => {
		const { errors } = await runWorkflow(singleOperationWorkflow(contactCreate(407)), {
			credentials: sandboxCredentials(sandbox(), overrides),
		});

		expect(errors[NODE_NAME]?.message).toMatch(expected);
		expect(errors[NODE_NAME]).toMatchObject({
			description: expect.stringMatching(/credential|Base URL/),
		});
		expect(sandbox().requests).toHaveLength(0);
	});

	// The key and secret are only read when LiveDesk refuses them (reading a credential per item costs
	// n8n a database look-up), so the plain reason replaces the bare 401 on every item.
	it.each([
		['an empty API key', { apiKey: '' }],
		['an empty API secret', { apiSecret: ' ' }],
	])('says the credential has %s, on every item, and creates nothing', async (_case, overrides) => {
		const { outputs } = await runWorkflow(
			singleOperationWorkflow(contactCreate(407), { continueOnFail: true }),
			{
				credentials: sandboxCredentials(sandbox(), overrides),
				items: [{}, {}],
			},
		);

		expect(outputs[NODE_NAME].map(({ json, pairedItem }) => ({ json, pairedItem }))).toEqual([
			{
				json: { error: 'The LiveDesk credential has an empty API Key or API Secret (item 0)' },
				pairedItem: { item: 0 },
			},
			{
				json: { error: 'The LiveDesk credential has an empty API Key or API Secret (item 1)' },
				pairedItem: { item: 1 },
			},
		]);
		expect(sandbox().store.listContacts()).toHaveLength(0);
	});
});
