/**
 * One "n8n worker" for bridge-split.ts: its own process, so its own per-customer queue, running
 * Send to Contact through n8n's engine. At each trial's start time it fires `perWorker` executions
 * for that trial's new customer at once, as a queue-mode worker taking a burst would.
 *
 * Usage: node bridge-split-worker.js <json: {url, apiKey, apiSecret, startAt, gapMs, trials, perWorker, worker}>
 */
import { runWorkflow } from '../engine';
import { NODE_NAME, singleOperationWorkflow } from '../../test/helpers/workflow';

interface Plan {
	url: string;
	apiKey: string;
	apiSecret: string;
	startAt: number;
	gapMs: number;
	trials: number;
	perWorker: number;
	worker: number;
}

export const trialPhone = (trial: number): string => `+4917000${String(trial).padStart(4, '0')}`;

async function main(): Promise<void> {
	const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
	const credentials = {
		liveDeskApi: { apiKey: plan.apiKey, apiSecret: plan.apiSecret, baseUrl: plan.url },
	};
	const workflow = singleOperationWorkflow({
		resource: 'message',
		operation: 'sendToContact',
		inboxId: 407,
		matchBy: 'phoneNumber',
		phoneNumber: '={{ $json.phone }}',
		content: '={{ $json.text }}',
		messageType: 'incoming',
	});
	let failed = 0;
	for (let trial = 0; trial < plan.trials; trial++) {
		const wait = plan.startAt + trial * plan.gapMs - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const runs = Array.from({ length: plan.perWorker }, async (_, n) => {
			const { errors, outputs } = await runWorkflow(workflow, {
				credentials,
				items: [{ phone: trialPhone(trial), text: `worker ${plan.worker} #${n}` }],
			});
			if (Object.keys(errors).length > 0 || outputs[NODE_NAME]?.length !== 1) failed++;
		});
		await Promise.all(runs);
	}
	process.stdout.write(JSON.stringify({ worker: plan.worker, failed }));
}

// bridge-split.ts imports trialPhone from here; only a started worker runs.
if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
