/**
 * The node in n8n's real editor: `n8n start` with the packed package community-installed, owner set
 * up and logged in over n8n's REST API, the example workflow created over REST, then headless
 * Chromium opens it, finds LiveDesk in the nodes panel, opens the node panel of each seed
 * operation and checks our labels render. Saves a screenshot of the Send Message panel.
 *
 * Usage (env from lib.sh): node build/tools/e2e/editor.js <tarball> <screenshot.png>
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { installCommunityPackage, installFromEnv, makeUserFolder } from './n8n-env';
import {
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	type N8nServer,
	type RestTransport,
} from './n8n-server';
import { stepLogger } from './progress';
import { REPO_ROOT } from './sandbox-process';
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * What each seed operation's panel must show: field labels (a broken displayName or displayOptions
 * fails here) and the values the selects and inputs display (Resource / Operation options resolve).
 */
const PANELS: ReadonlyArray<{
	node: string;
	labels: readonly string[];
	values: readonly string[];
}> = [
	{
		node: 'Create Contact',
		labels: [
			'Credential',
			'Resource',
			'Operation',
			'Inbox ID',
			'Additional Fields',
			'Name',
			'Email',
		],
		values: ['LiveDesk sandbox', 'Contact', 'Create', '407', 'Alice Example', 'alice@example.com'],
	},
	{
		node: 'Create Conversation',
		labels: ['Resource', 'Operation', 'Inbox ID', 'Identify Contact By', 'Contact'],
		values: ['Conversation', 'Create', '407'],
	},
	{
		node: 'Send Message',
		labels: ['Resource', 'Operation', 'Conversation ID', 'Content', 'Message Type'],
		values: ['Message', 'Send'],
	},
];

const step = stepLogger('editor');

/** REST through the browser context, whose cookie jar the page shares: logging in here logs the page in. */
function browserTransport(request: APIRequestContext): RestTransport {
	return async (method, url, data) => {
		const response = await request.fetch(url, { method, data });
		return { status: response.status(), text: await response.text() };
	};
}

async function openPanel(
	page: Page,
	nodeName: string,
): Promise<{ text: string; values: string[] }> {
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await node.waitFor({ timeout: 30_000 });
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ state: 'visible', timeout: 30_000 });
	const parameters = ndv.locator('[data-test-id="node-parameters"]');
	await parameters.waitFor({ state: 'visible', timeout: 30_000 });
	// The panel renders parameters progressively; wait until the operation-specific ones are in.
	await page.waitForTimeout(500);
	// innerText has the labels; what selects and inputs display lives in their values.
	const values = await parameters
		.locator('input, textarea')
		.evaluateAll((elements) =>
			elements.map((element) => (element as unknown as { value: string }).value),
		);
	return { text: await parameters.innerText(), values };
}

async function closePanel(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page
		.locator('[data-test-id="ndv"]')
		.waitFor({ state: 'hidden', timeout: 10_000 })
		.catch(() => undefined);
}

async function main(): Promise<void> {
	const [tarballArg, screenshotArg] = process.argv.slice(2);
	if (!tarballArg || !screenshotArg) throw new Error('usage: editor.js <tarball> <screenshot.png>');
	const install = installFromEnv();
	const userFolder = makeUserFolder(`editor-${install.version}`);
	installCommunityPackage(install, userFolder, path.resolve(tarballArg));
	step(`community-installed the tarball into ${userFolder}/.n8n/nodes`);

	let server: N8nServer | undefined;
	let browser: Browser | undefined;
	let page: Page | undefined;
	let ok = false;
	try {
		server = await startN8nServer(install, userFolder);
		const base = server.base;
		step(`n8n ${install.version} is up on ${base}`);

		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			baseURL: base,
		});
		// The editor must work without reaching any other host (CI has no internet): fail fast
		// instead of waiting on fonts, telemetry or the templates site.
		const blocked = new Set<string>();
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
				return route.continue();
			blocked.add(url.host);
			return route.abort();
		});

		const request = browserTransport(context.request);
		await setUpOwner(request);
		step('owner set up and logged in through /rest/owner/setup and /rest/login');

		const credential = await restJson(request, 'POST', '/rest/credentials', {
			name: 'LiveDesk sandbox',
			type: 'liveDeskApi',
			data: { apiKey: 'demo-key', apiSecret: 'demo-secret', baseUrl: 'http://127.0.0.1:8787' },
		});
		const example = JSON.parse(
			readFileSync(path.join(REPO_ROOT, 'examples', 'send-message.workflow.json'), 'utf8'),
		) as {
			name: string;
			nodes: Array<Record<string, unknown>>;
			connections: unknown;
			settings: unknown;
		};
		const nodes = example.nodes.map((node) =>
			node.credentials
				? { ...node, credentials: { liveDeskApi: { id: credential.id, name: credential.name } } }
				: node,
		);
		const workflow = await restJson(request, 'POST', '/rest/workflows', {
			name: example.name,
			nodes,
			connections: example.connections,
			settings: example.settings,
			active: false,
		});
		step(
			`created credential ${String(credential.id)} and workflow ${String(workflow.id)} over REST`,
		);

		page = await context.newPage();
		const pageErrors: string[] = [];
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(`/workflow/${String(workflow.id)}`);

		// The node must be findable in the nodes panel under our display name.
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		// The "+" on the last node's output opens the nodes panel, as a user adding a step would.
		await page.locator('[data-test-id="canvas-handle-plus"]').last().click();
		const search = page
			.locator(
				'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
			)
			.first();
		await search.waitFor({ timeout: 15_000 });
		await search.fill('LiveDesk');
		// A node with several actions is listed as an "action item", one without as a "node item".
		const creatorItem = page
			.locator(
				'[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]',
				{ hasText: 'LiveDesk' },
			)
			.first();
		await creatorItem.waitFor({ timeout: 15_000 });
		step('nodes panel lists "LiveDesk" for the search "LiveDesk"');
		await page.keyboard.press('Escape');
		await page
			.locator('[data-test-id="node-creator"]')
			.waitFor({ state: 'hidden', timeout: 10_000 })
			.catch(() => undefined);

		for (const panel of PANELS) {
			const { text, values } = await openPanel(page, panel.node);
			const labels = new Set(text.split('\n').map((line) => line.trim()));
			const missing = panel.labels.filter((label) => !labels.has(label));
			assert.deepEqual(
				missing,
				[],
				`${panel.node}: labels missing from the node panel. It shows:\n${text}`,
			);
			const missingValues = panel.values.filter((value) => !values.includes(value));
			assert.deepEqual(
				missingValues,
				[],
				`${panel.node}: values missing; the inputs show ${JSON.stringify(values)}`,
			);
			step(
				`${panel.node}: labels ${panel.labels.map((label) => `"${label}"`).join(', ')}; values ${panel.values.join(', ')}`,
			);
			if (panel.node === 'Send Message') {
				mkdirSync(path.dirname(path.resolve(screenshotArg)), { recursive: true });
				await page.screenshot({ path: path.resolve(screenshotArg) });
				step(`screenshot saved to ${screenshotArg}`);
			}
			await closePanel(page);
		}
		assert.deepEqual(pageErrors, [], 'the editor threw errors while showing the node');
		if (blocked.size) step(`the browser tried other hosts (blocked): ${[...blocked].join(', ')}`);
		// The server side must not try either (telemetry, catalogues); DNS failures show it did.
		const outbound = outboundAttempt(server.log());
		assert.equal(
			outbound,
			undefined,
			`n8n tried to reach a host other than 127.0.0.1: ${outbound ?? ''}`,
		);
		ok = true;
	} catch (error) {
		if (server) console.error(`n8n log tail:\n${server.log().split('\n').slice(-40).join('\n')}`);
		if (page) {
			// What the browser showed when it failed: the fastest way to see a changed editor.
			const failureShot = path.join(REPO_ROOT, '.e2e', 'editor-failure.png');
			await page.screenshot({ path: failureShot }).then(
				() => console.error(`screenshot of the failure: ${failureShot}`),
				() => undefined,
			);
		}
		throw error;
	} finally {
		await browser?.close();
		await server?.stop();
		if (ok || process.env.CI) rmSync(userFolder, { recursive: true, force: true });
		else step(`kept ${userFolder} for inspection`);
	}
	step('PASS');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
