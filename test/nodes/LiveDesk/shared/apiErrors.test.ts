import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import type { Fault } from '../../../../tools/sandbox';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const createContact: INodeParameters = { resource: 'contact', operation: 'create', inboxId: 407 };

describe('Failure modes: every LiveDesk answer becomes a clear error', () => {
	const sandbox = useSandbox();

	async function failWith(fault: Fault, parameters: INodeParameters = createContact) {
		sandbox().injectFault(fault);
		const { errors } = await runWorkflow(singleOperationWorkflow(parameters), {
			credentials: sandboxCredentials(sandbox()),
		});
		const error = errors[NODE_NAME] as
			| (Error & { description?: string; httpCode?: string })
			| undefined;
		if (!error) throw new Error('The node did not fail');
		return error;
	}

	it('401: names the status, LiveDesk’s message, and where the key and secret are', async () => {
		const { errors } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox(), { apiSecret: 'not-the-secret' }),
		});

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 401: Invalid API key or secret',
			description: expect.stringContaining(
				'Check the API Key and API Secret in the LiveDesk credential',
			),
			httpCode: '401',
		});
	});

	it('403: says the key may not do this', async () => {
		const error = await failWith({ status: 403, body: { error: 'Access denied' } });

		expect(error.message).toBe('LiveDesk answered 403: Access denied');
		expect(error.description).toMatch(/valid but may not do this/);
	});

	it('404: names the id that was not found', async () => {
		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'message',
				operation: 'send',
				conversationId: 999,
				content: 'Hi',
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404: Resource could not be found',
			description: expect.stringMatching(
				/^Conversation ID 999: check that it exists in the LiveDesk project/,
			),
		});
	});

	it('422: names the field LiveDesk rejected, with the label the user sees', async () => {
		const parameters = { ...createContact, additionalFields: { identifier: 'crm-1' } };
		await runWorkflow(singleOperationWorkflow(parameters), {
			credentials: sandboxCredentials(sandbox()),
		});

		const { errors } = await runWorkflow(singleOperationWorkflow(parameters), {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 422: Identifier has already been taken',
			description:
				'Correct Identifier for this item and run again. To reuse the existing contact instead, use Contact → Create or Update.',
		});
	});

	it('429 with a short Retry-After: waits as asked, repeats the request and succeeds', async () => {
		sandbox().injectFault({ path: '/contacts', status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();

		const { errors, outputs } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox()),
		});

		expect(errors).toEqual({});
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(sandbox().requests).toHaveLength(2);
		expect(sandbox().requests[1].body).toEqual({ inbox_id: 407 });
		expect(outputs[NODE_NAME][0].json).toMatchObject({ id: expect.any(Number) });
		expect(sandbox().store.listContacts()).toHaveLength(1);
	});

	it('429 that persists: says Retry-After was honoured and how to space requests out', async () => {
		const error = await failWith({ status: 429, headers: { 'Retry-After': '0' }, times: 1000 });

		expect(error.message).toBe('LiveDesk answered 429: Too Many Requests');
		expect(error.description).toMatch(
			/Retry-After was honoured: waited [\d.]+ s in total over 10 retries/,
		);
		expect(error.description).toMatch(/Options → Batching/);
		expect(sandbox().requests).toHaveLength(11);
	});

	it('429 asking for a long wait: does not block the item, and says how long LiveDesk asked for', async () => {
		const error = await failWith({ status: 429, headers: { 'Retry-After': '120' } });

		expect(error.description).toMatch(/asked to wait 120 s \(Retry-After\)/);
		expect(sandbox().requests).toHaveLength(1);
	});

	it('5xx with an HTML body: shows the page’s text and suggests retrying later', async () => {
		const error = await failWith({
			status: 502,
			contentType: 'text/html',
			body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		});

		expect(error.message).toBe('LiveDesk answered 502: 502 Bad Gateway');
		expect(error.description).toMatch(/server problem.*Retry On Fail/);
	});

	it('a 200 that is not JSON: points at the Base URL', async () => {
		const error = await failWith({
			status: 200,
			contentType: 'text/html',
			body: '<html>Welcome to EngageLab</html>',
		});

		expect(error.message).toBe('LiveDesk answered 200 but not with JSON: Welcome to EngageLab');
		expect(error.description).toMatch(/Base URL/);
	});

	// Network failures never reach a postReceive hook; n8n's own HTTP client names them,
	// and the README's troubleshooting table says what to do about each.
	it('connection refused: n8n’s message that the service refused the connection', async () => {
		const { errors } = await runWorkflow(singleOperationWorkflow(createContact), {
			credentials: sandboxCredentials(sandbox(), { baseUrl: 'http://127.0.0.1:9' }),
		});

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'The service refused the connection - perhaps it is offline',
			httpCode: 'ECONNREFUSED',
			messages: expect.arrayContaining(['connect ECONNREFUSED 127.0.0.1:9']),
		});
	});

	it('timeout: fails after the Timeout set under Options, not after n8n’s 5 minutes', async () => {
		// Far longer than the Timeout, so a slow machine cannot blur which of the two ended the call.
		sandbox().injectFault({ delayMs: 10_000 });
		const started = Date.now();

		const { errors } = await runWorkflow(
			singleOperationWorkflow({ ...createContact, requestOptions: { timeout: 300 } }),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(Date.now() - started).toBeLessThan(8000);
		expect(errors[NODE_NAME]).toMatchObject({
			httpCode: 'ECONNABORTED',
			messages: expect.arrayContaining(['timeout of 300ms exceeded']),
		});
	});

	it('a dropped connection: fails the item instead of hanging', async () => {
		const error = await failWith({ destroy: true });

		expect(error).toMatchObject({
			message: expect.stringMatching(/^The connection to the server was closed unexpectedly/),
			httpCode: 'ECONNRESET',
		});
	});
});
