import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import type { Fault } from '../../../../tools/sandbox';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { singleOperationWorkflow } from '../../../helpers/workflow';

const SECRET = 'sEcReT-7f3a9c-never-print-me';

type ShownError = Error & { description?: string; messages?: string[] };

/**
 * What a user can see of an error: the editor shows message, description and
 * messages, and n8n stores execution data as JSON. (The in-memory HTTP client
 * error that n8n keeps as a non-enumerable cause holds the request config, as
 * it does for every node; n8n never serializes it.)
 */
function shownOf(error: ShownError): string {
	return [error.message, error.description, ...(error.messages ?? []), error.stack, JSON.stringify(error)].join('\n');
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
	const cases: Array<[string, { fault?: Fault; parameters?: INodeParameters; baseUrl?: string; rightSecret?: boolean }]> = [
		['a success', { rightSecret: true }],
		['401 (wrong secret)', {}],
		['403', { fault: { status: 403 }, rightSecret: true }],
		['404', { parameters: { resource: 'message', operation: 'send', conversationId: 5, content: 'x' }, rightSecret: true }],
		['422', { parameters: { ...createContact, inboxId: 1 }, rightSecret: true }],
		['429', { fault: { status: 429, headers: { 'Retry-After': '0' }, times: 5 }, rightSecret: true }],
		['500 with HTML', { fault: { status: 500, contentType: 'text/html', body: '<h1>Oops</h1>' }, rightSecret: true }],
		['a non-JSON 200', { fault: { status: 200, contentType: 'text/plain', body: 'hello' }, rightSecret: true }],
		['a dropped connection', { fault: { destroy: true }, rightSecret: true }],
		['a timeout', { fault: { delayMs: 1500 }, parameters: { ...createContact, requestOptions: { timeout: 200 } }, rightSecret: true }],
		['connection refused', { baseUrl: 'http://127.0.0.1:9' }],
		['a validation error', { parameters: { ...createContact, inboxId: 0 } }],
	];

	it.each(cases)('not in outputs, errors or log lines after %s', async (_case, { fault, parameters, baseUrl, rightSecret }) => {
		const box = sandbox();
		if (fault) box.injectFault(fault);
		const credentials = sandboxCredentials(box, {
			apiSecret: rightSecret ? box.apiSecret : SECRET,
			...(baseUrl ? { baseUrl } : {}),
		});
		const secret = credentials.liveDeskApi.apiSecret as string;
		const header = Buffer.from(`${box.apiKey}:${secret}`).toString('base64');

		const { outputs, errors, run } = await runWorkflow(
			singleOperationWorkflow(parameters ?? createContact, { continueOnFail: _case !== 'a validation error' }),
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
		expect(everything).toMatch(/LiveDesk|connection|Inbox ID/);
		expect(everything).not.toContain(secret);
		expect(everything).not.toContain(header);
		expect(everything).not.toMatch(/authorization/i);
	});
});
