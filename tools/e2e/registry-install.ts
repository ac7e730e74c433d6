/**
 * Install and update the package the way a user does in Settings → Community Nodes: n8n fetches it
 * BY NAME from its community-packages registry (N8N_COMMUNITY_PACKAGES_REGISTRY, here the local
 * verdaccio of tools/e2e/registry.ts), through the same REST calls the editor's Install and Update
 * buttons make (POST / PATCH /rest/community-packages {name}, in both 1.123 and 2.41).
 *
 * One thing only a test needs: n8n refuses any registry other than registry.npmjs.org unless its
 * license has `feat:communityNodes:customRegistry` (CommunityPackagesService.getNpmRegistry, both
 * lines). The check turns that one feature on through n8n's own E2E switch (E2E_TESTS=true, then
 * PATCH /rest/e2e/feature), the one n8n's own Playwright suite uses; users installing from
 * npmjs.org never meet it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { N8nInstall } from './n8n-env';
import {
	fetchTransport,
	logIn,
	outboundAttempt,
	restJson,
	setUpOwner,
	startN8nServer,
	type Json,
	type RestTransport,
} from './n8n-server';
import type { LocalRegistry } from './registry';

export const PACKAGE_NAME = 'n8n-nodes-engagelab-livedesk';
export const NODE_TYPES = [`${PACKAGE_NAME}.liveDesk`, `${PACKAGE_NAME}.liveDeskTrigger`];

/** n8n's setting for the registry, and what it takes to use a custom one without a license. */
export function registryEnv(registry: LocalRegistry): NodeJS.ProcessEnv {
	return {
		N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
		E2E_TESTS: 'true',
		// Before installing, n8n asks api.n8n.io whether the package is banned and treats "unreachable"
		// as "not banned". Through this proxy (nothing listens on port 9) that question fails on this
		// machine instead of leaving it; the registry is http://, which HTTPS_PROXY does not touch.
		HTTPS_PROXY: 'http://127.0.0.1:9',
		https_proxy: 'http://127.0.0.1:9',
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
	};
}

async function enableCustomRegistry(rest: RestTransport): Promise<void> {
	const { status, text } = await rest('PATCH', '/rest/e2e/feature', {
		feature: 'feat:communityNodes:customRegistry',
		enabled: true,
	});
	assert.ok(
		status >= 200 && status < 300,
		`PATCH /rest/e2e/feature answered ${status}: ${text.slice(0, 300)}`,
	);
}

/** What n8n reports for an installed package, checked against what the registry served. */
function assertInstalled(installed: Json, version: string, userFolder: string): void {
	assert.equal(installed.packageName, PACKAGE_NAME, 'n8n reports the package by its name');
	assert.equal(installed.installedVersion, version, `n8n reports version ${version} installed`);
	const nodes = (installed.installedNodes as Json[] | undefined) ?? [];
	assert.deepEqual(
		nodes.map((node) => String(node.type)).sort(),
		[...NODE_TYPES].sort(),
		'n8n registered both LiveDesk nodes from the package',
	);
	const onDisk = path.join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		PACKAGE_NAME,
		'package.json',
	);
	const { version: diskVersion } = JSON.parse(readFileSync(onDisk, 'utf8')) as { version: string };
	assert.equal(diskVersion, version, `${onDisk} is the version n8n reports`);
}

/**
 * Starts `n8n start` on the user folder, logs in (setting up the owner on first use), lets n8n
 * use the local registry, runs `body`, and stops n8n again, also when `body` fails.
 */
async function withN8n(
	install: N8nInstall,
	userFolder: string,
	registry: LocalRegistry,
	firstStart: boolean,
	body: (rest: RestTransport) => Promise<void>,
): Promise<void> {
	// n8n's list of installed packages runs `npm outdated` in .n8n/nodes without its registry setting
	// (1.123 and 2.41), so npm would ask registry.npmjs.org; npm's project config there points it
	// at the same registry, as a user of a private registry would do.
	writeFileSync(path.join(userFolder, '.n8n', 'nodes', '.npmrc'), `registry=${registry.url}/\n`);
	const server = await startN8nServer(install, userFolder, registryEnv(registry));
	try {
		const rest = fetchTransport(server.base);
		await (firstStart ? setUpOwner(rest) : logIn(rest));
		await enableCustomRegistry(rest);
		await body(rest);
		const outbound = outboundAttempt(server.log());
		assert.equal(
			outbound,
			undefined,
			`n8n tried to reach a host other than 127.0.0.1: ${outbound ?? ''}`,
		);
	} catch (error) {
		const tail = server.log().split('\n').slice(-40).join('\n');
		throw new Error(
			`${error instanceof Error ? error.message : String(error)}\n--- n8n log (last lines) ---\n${tail}`,
		);
	} finally {
		await server.stop();
	}
}

/** Settings → Community Nodes → Install, with only the package name typed in. */
export async function installByName(
	install: N8nInstall,
	userFolder: string,
	registry: LocalRegistry,
	expectedVersion: string,
): Promise<void> {
	await withN8n(install, userFolder, registry, true, async (rest) => {
		const installed = await restJson(rest, 'POST', '/rest/community-packages', {
			name: PACKAGE_NAME,
		});
		assertInstalled(installed, expectedVersion, userFolder);
	});
}

/** Settings → Community Nodes → Update: n8n moves the package to the registry's latest version. */
export async function updateByName(
	install: N8nInstall,
	userFolder: string,
	registry: LocalRegistry,
	from: string,
	to: string,
): Promise<void> {
	await withN8n(install, userFolder, registry, false, async (rest) => {
		const before = (await restJson(rest, 'GET', '/rest/community-packages')) as unknown as Json[];
		const listed = before.find((entry) => entry.packageName === PACKAGE_NAME);
		assert.ok(listed, `n8n lists ${PACKAGE_NAME} as installed before the update`);
		assert.equal(listed.installedVersion, from, `n8n lists ${from} installed before the update`);
		// What makes the editor show the Update button.
		assert.equal(
			listed.updateAvailable,
			to,
			`n8n offers ${to} as an update (npm outdated against the registry)`,
		);
		const updated = await restJson(rest, 'PATCH', '/rest/community-packages', {
			name: PACKAGE_NAME,
		});
		assertInstalled(updated, to, userFolder);
	});
}
