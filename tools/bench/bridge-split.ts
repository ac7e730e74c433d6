/**
 * How often a burst from one new customer still splits when it reaches two n8n processes (queue-mode
 * workers) at the same moment: the per-process queue does not span processes, so only the
 * re-read-and-converge of Send to Contact and the "already taken" retry stand between the burst and
 * two contacts or two conversations. Prints per-trial figures and totals; it asserts nothing.
 *
 * Usage: npm run bench:bridge -- [trials=20] [perWorker=5]
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startSandbox } from '../sandbox';
import { trialPhone } from './bridge-split-worker';

const WORKERS = 2;

function runWorker(plan: object): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, 'bridge-split-worker.js'), JSON.stringify(plan)],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`worker exited with ${code}`)),
		);
	});
}

async function main(): Promise<void> {
	const trials = Number(process.argv[2] ?? 20);
	const perWorker = Number(process.argv[3] ?? 5);
	const sandbox = await startSandbox({ quiet: true, record: false });
	try {
		// Workers need a few seconds to load n8n's engine; every trial then starts at the same instant in both.
		const plan = {
			url: sandbox.url,
			apiKey: sandbox.apiKey,
			apiSecret: sandbox.apiSecret,
			startAt: Date.now() + 8000,
			gapMs: 1500,
			trials,
			perWorker,
		};
		const results = await Promise.all(
			Array.from({ length: WORKERS }, (_, worker) => runWorker({ ...plan, worker })),
		);
		const failed = results.reduce(
			(sum, out) => sum + (JSON.parse(out) as { failed: number }).failed,
			0,
		);
		const store = sandbox.store;
		let twoContacts = 0;
		let split = 0;
		let emptyResolved = 0;
		let lost = 0;
		for (let trial = 0; trial < trials; trial++) {
			const contacts = store
				.listContacts()
				.filter((contact) => contact.phoneNumber === trialPhone(trial));
			if (contacts.length > 1) twoContacts++;
			const ids = new Set(contacts.map((contact) => contact.id));
			const conversations = store
				.listConversations()
				.filter((conversation) => ids.has(conversation.contactId));
			const withMessages = conversations.filter(
				(conversation) => store.listMessages(conversation.id).length > 0,
			);
			if (withMessages.length > 1) split++;
			emptyResolved += conversations.filter(
				(conversation) =>
					conversation.status === 'resolved' && store.listMessages(conversation.id).length === 0,
			).length;
			const messages = conversations.reduce(
				(sum, conversation) => sum + store.listMessages(conversation.id).length,
				0,
			);
			lost += WORKERS * perWorker - messages;
		}
		console.log(
			`Bridge burst across ${WORKERS} processes: ${trials} trials, each a new customer with ${perWorker} messages per process at once.`,
		);
		console.log(`  trials with 2 contacts: ${twoContacts}/${trials}`);
		console.log(`  trials whose messages split over 2+ conversations: ${split}/${trials}`);
		console.log(`  empty conversations opened and resolved by the converge step: ${emptyResolved}`);
		console.log(`  messages missing: ${lost}; failed executions: ${failed}`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
