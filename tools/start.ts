import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, runWorkflow, type WorkflowJson } from './engine';
import { startSandbox } from './sandbox';

const EXAMPLE = 'examples/send-message.workflow.json';

/** `npm start`: the package's main job, end to end, against the local LiveDesk sandbox. */
async function main(): Promise<number> {
	const sandbox = await startSandbox({ quiet: true });
	try {
		console.log(`LiveDesk sandbox listening on ${sandbox.url} (API key "${sandbox.apiKey}")`);
		console.log(`Running ${EXAMPLE} through n8n's workflow engine with the built node…\n`);
		const workflow = JSON.parse(
			readFileSync(path.join(PROJECT_ROOT, EXAMPLE), 'utf8'),
		) as WorkflowJson;

		const { outputs, errors, run } = await runWorkflow(workflow, {
			credentials: {
				liveDeskApi: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
			},
		});

		for (const node of workflow.nodes) {
			if (!node.type.endsWith('.liveDesk')) continue;
			const error = errors[node.name];
			if (error) {
				console.log(`✖ ${node.name}: ${error.message}`);
				continue;
			}
			// The example keeps Simplify on, so each step's output is already the short version.
			for (const item of outputs[node.name] ?? []) {
				console.log(`✔ ${node.name} returned:\n${JSON.stringify(item.json, null, 2)}\n`);
			}
		}

		const requests = sandbox.requests.map((request) => `${request.method} ${request.path}`);
		console.log(`The sandbox received:\n  ${requests.join('\n  ')}`);
		console.log(
			`\nWorkflow ${run.status === 'success' ? 'succeeded' : `ended with status "${run.status}"`}.`,
		);
		return run.status === 'success' ? 0 : 1;
	} finally {
		await sandbox.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
