import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../tools/engine';
import type { Fault } from '../../../../tools/sandbox';
import { sandboxCredentials, useSandbox } from '../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../helpers/workflow';

const WEBHOOK_TOKEN = 'whtok-5d1e&9c<2b>"token"';

type ShownError = Error & { description?: string; messages?: string[] };

/** What the editor shows of an error, and what n8n stores of it as JSON. */
function shownOf(error: ShownError): string {
	return [
		error.message,
		error.description,
		...(error.messages ?? []),
		error.stack,
		JSON.stringify(error),
	].join('\n');
}

/**
 * LiveDesk, or a proxy in front of it, echoing the request in an error answer, as HTML error pages
 * and debug answers do: the node must not copy the credential into anything a user can open.
 */
describe('An answer that echoes the credential', () => {
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
	const getTicket: INodeParameters = { resource: 'ticket', operation: 'get', ticketId: 'tk_1' };
	// Create or Update is a custom operation: its requests go out in code, not through the routing.
	const upsert: INodeParameters = {
		resource: 'contact',
		operation: 'upsert',
		inboxId: 407,
		matchBy: 'email',
		email: 'alice@example.com',
	};
	/** The forms an echo takes; each case puts them where its answer carries text. */
	type Echo = { key: string; secret: string; basic: string; token: string };
	const all = (echo: Echo) =>
		`key=${echo.key} secret=${echo.secret} Authorization: ${echo.basic} token=${echo.token}`;
	const htmlEscaped = (text: string) =>
		text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
	const cases: Array<[string, (echo: Echo) => Fault, INodeParameters?]> = [
		[
			'a JSON 401',
			(echo) => ({
				status: 401,
				body: {
					error: all(echo),
					request: { headers: { authorization: echo.basic } },
					[echo.secret]: echo.key,
				},
			}),
		],
		[
			'a JSON 422 with nested errors',
			(echo) => ({
				status: 422,
				body: { message: { description: all(echo) }, errors: [{ field: echo.secret }] },
			}),
		],
		[
			'an HTML 500',
			(echo) => ({
				status: 500,
				contentType: 'text/html',
				body: `<h1>Error</h1><pre>${htmlEscaped(all(echo))}</pre>`,
			}),
		],
		[
			'a text 502 from a proxy',
			(echo) => ({ status: 502, contentType: 'text/plain', body: `Bad gateway. ${all(echo)}` }),
		],
		[
			'a 200 that is not JSON',
			(echo) => ({ status: 200, contentType: 'text/html', body: `<p>${all(echo)}</p>` }),
		],
		[
			'a 429 with echoing headers',
			(echo) => ({
				status: 429,
				headers: { 'Retry-After': '3600', 'X-Echo-Authorization': echo.basic },
				body: { error: all(echo) },
			}),
		],
		[
			'a ticket envelope refusal',
			(echo) => ({
				status: 200,
				body: { code: 40001, message: all(echo), data: { auth: echo.basic } },
			}),
			getTicket,
		],
		[
			'an HTML 500 to Create or Update',
			(echo) => ({
				status: 500,
				contentType: 'text/html',
				body: `<pre>${htmlEscaped(all(echo))}</pre>`,
			}),
			upsert,
		],
	];

	it.each(
		cases.flatMap(([name, fault, parameters]) =>
			[true, false].map((continueOnFail) => [name, continueOnFail, fault, parameters] as const),
		),
	)(
		'%s (Continue On Fail: %s): not in the error, the item, the stored run or the log',
		async (_name, continueOnFail, fault, parameters) => {
			const box = sandbox();
			const credentials = sandboxCredentials(box, { webhookToken: WEBHOOK_TOKEN });
			const echo: Echo = {
				key: box.apiKey,
				secret: box.apiSecret,
				basic: `Basic ${Buffer.from(`${box.apiKey}:${box.apiSecret}`).toString('base64')}`,
				token: WEBHOOK_TOKEN,
			};
			box.injectFault({ method: parameters === undefined ? 'POST' : 'GET', ...fault(echo) });

			const { outputs, errors, run } = await runWorkflow(
				singleOperationWorkflow(parameters ?? createContact, { continueOnFail }),
				{
					credentials,
				},
			);

			const outputErrors = (outputs[NODE_NAME] ?? []).flatMap((item) =>
				item.error ? [item.error as ShownError] : [],
			);
			const shownErrors = [...Object.values(errors), ...outputErrors] as ShownError[];
			// Continue On Fail: the error item's json.error (Create or Update gives only that).
			const itemErrors = (outputs[NODE_NAME] ?? []).flatMap((item) =>
				typeof item.json.error === 'string' ? [item.json.error] : [],
			);
			expect(continueOnFail ? itemErrors : shownErrors).toHaveLength(1);
			if (continueOnFail)
				expect(outputs[NODE_NAME]).toEqual([expect.objectContaining({ pairedItem: { item: 0 } })]);
			const everything = [
				JSON.stringify(run.data),
				JSON.stringify(outputs),
				...shownErrors.map(shownOf),
				logged.join(''),
			].join('\n');
			// The echo reached what the user sees, masked.
			expect(everything).toContain('[hidden]');
			for (const value of [
				echo.key,
				echo.secret,
				echo.basic.slice('Basic '.length),
				echo.token,
				htmlEscaped(echo.token),
			]) {
				expect(everything).not.toContain(value);
			}
		},
	);
});
