/**
 * The shipped inbound chat bridge (examples/chat-bridge-inbound.workflow.json) in a real n8n, as a
 * user runs it: `n8n start` with the packed package community-installed, the example created and
 * activated over REST, and 20 webhook calls from 4 new customers (5 each) fired at its Production
 * URL at once. n8n answers each as soon as it started its execution, so the 20 executions run
 * side by side in one process.
 *
 * Asserts: 4 contacts, 4 conversations, 20 messages, each customer's 5 in their own conversation.
 * Negative control: the same burst from 4 other customers through a copy with Conversation Policy
 * Always Start a New One must give 20 conversations, so the count above can see a split.
 *
 * Usage (env from lib.sh): node build/tools/e2e/chat-bridge.js <tarball>
 */
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { installCommunityPackage, installFromEnv, makeUserFolder } from './n8n-env';
import {
	chatBridgeExample,
	createActiveWorkflow,
	fetchTransport,
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	waitForProductionUrl,
	type Json,
	type N8nServer,
} from './n8n-server';
import { poll, sleep, stepLogger } from './progress';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const CALLS_PER_CUSTOMER = 5;
const step = stepLogger('chat-bridge');

interface Counts {
	contacts: number;
	conversations: number;
	messages: number;
	/** Per customer: the contents in each of their conversations. */
	byCustomer: Record<string, string[][]>;
}

/** The sandbox state for some customers, read over its API. */
async function countFor(sandbox: SandboxProcess, phones: readonly string[]): Promise<Counts> {
	const counts: Counts = { contacts: 0, conversations: 0, messages: 0, byCustomer: {} };
	const contactIds = new Map<number, string>();
	for (const phone of phones) {
		const found = (await sandbox.get(`/contacts?q=${encodeURIComponent(phone)}`)) as {
			payload: Json[];
		};
		for (const contact of found.payload.filter((candidate) => candidate.phone_number === phone)) {
			contactIds.set(contact.id as number, phone);
			counts.contacts++;
		}
		counts.byCustomer[phone] = [];
	}
	for (const conversation of await sandbox.conversations()) {
		const phone = contactIds.get(((conversation.meta as Json).sender as Json).id as number);
		if (phone === undefined) continue;
		const messages = (await sandbox.get(`/conversations/${String(conversation.id)}/messages`)) as {
			payload: Json[];
		};
		counts.conversations++;
		counts.messages += messages.payload.length;
		counts.byCustomer[phone].push(messages.payload.map((message) => String(message.content)));
	}
	return counts;
}

/** Fires every customer's messages at once, interleaved, and waits until the sandbox holds them all. */
async function burst(
	sandbox: SandboxProcess,
	url: string,
	phones: readonly string[],
): Promise<{ counts: Counts; ms: number }> {
	const calls: Array<Promise<number>> = [];
	const begin = Date.now();
	for (let n = 1; n <= CALLS_PER_CUSTOMER; n++) {
		for (const phone of phones) {
			const body = JSON.stringify({
				phone,
				name: `Customer ${phone.slice(-2)}`,
				text: `${phone} #${n}`,
			});
			calls.push(
				fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
					(response) => response.status,
				),
			);
		}
	}
	const statuses = await Promise.all(calls);
	assert.deepEqual(
		new Set(statuses),
		new Set([200]),
		`every webhook call should be answered 200, got ${statuses.join(', ')}`,
	);
	const expected = phones.length * CALLS_PER_CUSTOMER;
	await poll(
		`${expected} messages in the sandbox`,
		async () => {
			const counts = await countFor(sandbox, phones);
			return counts.messages >= expected ? counts : undefined;
		},
		90_000,
	);
	const ms = Date.now() - begin;
	// Settled: nothing arrives late (a duplicate would).
	await sleep(2000);
	return { counts: await countFor(sandbox, phones), ms };
}

function phonesFrom(first: number): string[] {
	return [0, 1, 2, 3].map((offset) => `+49151000001${String(first + offset).padStart(2, '0')}`);
}

async function main(): Promise<void> {
	if (!process.argv[2]) throw new Error('usage: chat-bridge.js <tarball>');
	const tarball = path.resolve(process.argv[2]);
	const install = installFromEnv();
	const userFolder = makeUserFolder(`chat-bridge-${install.version}`);
	let sandbox: SandboxProcess | undefined;
	let server: N8nServer | undefined;
	let ok = false;
	try {
		installCommunityPackage(install, userFolder, tarball);
		sandbox = await startSandboxProcess();
		server = await startN8nServer(install, userFolder);
		step(`n8n ${install.version} is up on ${server.base}; sandbox on ${sandbox.url}`);
		const rest = fetchTransport(server.base);
		await setUpOwner(rest);
		const credential = await restJson(rest, 'POST', '/rest/credentials', {
			name: 'LiveDesk sandbox',
			type: 'liveDeskApi',
			data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url },
		});

		// A body without a phone fails its execution before any request to LiveDesk: a safe probe.
		const bridgeUrl = `${server.base}/webhook/chat-bridge-e2e`;
		await createActiveWorkflow(rest, chatBridgeExample(credential, 'chat-bridge-e2e'));
		await waitForProductionUrl(bridgeUrl, '{}');
		const customers = phonesFrom(1);
		const bridge = await burst(sandbox, bridgeUrl, customers);
		step(
			`20 concurrent calls from 4 customers: ${bridge.counts.contacts} contacts, ${bridge.counts.conversations} conversations, ${bridge.counts.messages} messages, all stored ${bridge.ms} ms after the first call`,
		);
		assert.equal(bridge.counts.contacts, 4, 'one contact per customer');
		assert.equal(bridge.counts.conversations, 4, 'one conversation per customer');
		assert.equal(bridge.counts.messages, 20, 'every message once');
		for (const phone of customers) {
			const expected = [1, 2, 3, 4, 5].map((n) => `${phone} #${n}`);
			assert.deepEqual(
				[...(bridge.counts.byCustomer[phone][0] ?? [])].sort(),
				expected,
				`${phone}'s 5 messages in their conversation`,
			);
		}

		const controlUrl = `${server.base}/webhook/chat-bridge-control`;
		await createActiveWorkflow(
			rest,
			chatBridgeExample(credential, 'chat-bridge-control', 'alwaysNew'),
		);
		await waitForProductionUrl(controlUrl, '{}');
		const control = await burst(sandbox, controlUrl, phonesFrom(11));
		step(
			`negative control (Always Start a New One): ${control.counts.contacts} contacts, ${control.counts.conversations} conversations, ${control.counts.messages} messages`,
		);
		assert.equal(
			control.counts.conversations,
			20,
			'the control splits every message into its own conversation, which the count sees',
		);

		const outbound = outboundAttempt(server.log());
		assert.equal(
			outbound,
			undefined,
			`n8n tried to reach a host other than 127.0.0.1: ${outbound ?? ''}`,
		);
		ok = true;
	} catch (error) {
		if (server) console.error(`n8n log tail:\n${server.log().split('\n').slice(-40).join('\n')}`);
		throw error;
	} finally {
		await server?.stop();
		await sandbox?.stop();
		if (ok || process.env.CI) rmSync(userFolder, { recursive: true, force: true });
		else step(`kept ${userFolder} for inspection`);
	}
	step('PASS');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
