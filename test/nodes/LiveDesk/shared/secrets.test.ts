import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import type { Fault } from '../../../../tools/sandbox';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const SECRET = 'sEcReT-7f3a9c-never-print-me';

type ShownError = Error & { description?: string; messages?: string[] };

/**
 * What a user can see of an error: the editor shows message, description and
 * messages, and n8n stores execution data as JSON. (The in-memory HTTP client
 * error that n8n keeps as a non-enumerable cause holds the request config, as
 * it does for every node; n8n never serializes it.)
 */
function shownOf(error: ShownError): string {
	return [
		error.message,
		error.description,
		...(error.messages ?? []),
		error.stack,
		JSON.stringify(error),
	].join('\n');
}

describe('The API secret never leaks', () => {
	const sandbox = useSandbox();
	let logged: string[] = [];
	const originalWrites = { stdout: process.stdout.write, stderr: process.stderr.write };

	beforeEach(() => {
		logged = [];
		for (const stream of ['stdout', 'stderr'] as const) {
			process[stream].write = ((chunk: string | Uint8Array) => {
				logged.push(String(chunk));
				return true;
			}) as typeof process.stdout.write;
		}
	});
	afterEach(() => {
		process.stdout.write = originalWrites.stdout;
		process.stderr.write = originalWrites.stderr;
	});

	const createContact: INodeParameters = { resource: 'contact', operation: 'create', inboxId: 407 };
	const sendMessage: INodeParameters = {
		resource: 'message',
		operation: 'send',
		conversationId: 5,
		content: 'x',
	};
	type Case = {
		fault?: Fault;
		parameters?: INodeParameters;
		baseUrl?: string;
		rightSecret?: boolean;
		shows?: RegExp;
	};
	// `shows` is the error message the user gets (none after a success), so each case
	// is known to reach the failure it is named after. The three network messages are n8n's.
	const cases: Array<[string, Case]> = [
		['a success', { rightSecret: true }],
		['401 (wrong secret)', { shows: /^LiveDesk answered 401: Invalid API key or secret$/ }],
		[
			'403',
			{ fault: { status: 403 }, rightSecret: true, shows: /^LiveDesk answered 403: Forbidden$/ },
		],
		[
			'404',
			{
				parameters: sendMessage,
				rightSecret: true,
				shows: /^LiveDesk answered 404: Resource could not be found$/,
			},
		],
		[
			'422',
			{
				parameters: { ...createContact, inboxId: 1 },
				rightSecret: true,
				shows: /^LiveDesk answered 422: Inbox 1 not found$/,
			},
		],
		[
			'429',
			{
				fault: { status: 429, headers: { 'Retry-After': '0' }, times: 1000 },
				rightSecret: true,
				shows: /^LiveDesk answered 429: Too Many Requests$/,
			},
		],
		[
			'500 with HTML',
			{
				fault: { status: 500, contentType: 'text/html', body: '<h1>Oops</h1>' },
				rightSecret: true,
				shows: /^LiveDesk answered 500: Oops$/,
			},
		],
		[
			'a non-JSON 200',
			{
				fault: { status: 200, contentType: 'text/plain', body: 'hello' },
				rightSecret: true,
				shows: /^LiveDesk answered 200 but not with JSON: hello$/,
			},
		],
		[
			'a dropped connection',
			{
				fault: { destroy: true },
				rightSecret: true,
				shows: /connection to the server was closed unexpectedly/,
			},
		],
		[
			'a timeout',
			{
				fault: { delayMs: 1500 },
				parameters: { ...createContact, requestOptions: { timeout: 200 } },
				rightSecret: true,
				shows: /connection was aborted/,
			},
		],
		['connection refused', { baseUrl: 'http://127.0.0.1:9', shows: /refused the connection/ }],
		[
			'a validation error',
			{
				parameters: { ...createContact, inboxId: 0 },
				shows: /^Inbox ID must be a positive whole number, but is "0" \(item 0\)$/,
			},
		],
	];

	it.each(cases)(
		'not in outputs, errors or log lines after %s',
		async (_case, { fault, parameters, baseUrl, rightSecret, shows }) => {
			const box = sandbox();
			if (fault) box.injectFault(fault);
			const credentials = sandboxCredentials(box, {
				apiSecret: rightSecret ? box.apiSecret : SECRET,
				...(baseUrl ? { baseUrl } : {}),
			});
			const secret = credentials.liveDeskApi.apiSecret as string;
			const header = Buffer.from(`${box.apiKey}:${secret}`).toString('base64');

			const { outputs, errors, run } = await runWorkflow(
				singleOperationWorkflow(parameters ?? createContact, {
					continueOnFail: _case !== 'a validation error',
				}),
				{ credentials },
			);

			const outputErrors = Object.values(outputs)
				.flat()
				.flatMap((item) => (item.error ? [item.error as ShownError] : []));
			const everything = [
				JSON.stringify(run.data),
				...Object.values(errors).map(shownOf),
				...outputErrors.map(shownOf),
				logged.join(''),
			].join('\n');
			const shownErrors = [...Object.values(errors), ...outputErrors];
			if (shows) {
				expect(shownErrors.map((error) => error.message)).toEqual([expect.stringMatching(shows)]);
			} else {
				expect(shownErrors).toEqual([]);
				expect(outputs[NODE_NAME]?.[0]?.json.id).toEqual(expect.any(Number));
			}
			expect(everything).not.toContain(secret);
			expect(everything).not.toContain(header);
			expect(everything).not.toMatch(/authorization/i);
		},
	);
});
