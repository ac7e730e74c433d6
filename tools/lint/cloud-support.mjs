#!/usr/bin/env node
// n8n Cloud eligibility as n8n's own CLI decides it: `n8n-node cloud-support` (from @n8n/node-cli)
// reports ENABLED only when package.json has "n8n": { "strict": true } and eslint.config.mjs is
// n8n's default config, unchanged. It prints its verdict but always exits 0, so this reads the
// verdict and fails the lint on anything else. (The lint itself — n8n's default config over the
// shipped sources — runs next in `npm run lint`.)
//
// Usage: node tools/lint/cloud-support.mjs   (from the repo root; `npm run lint` runs it)

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'node_modules', '.bin', 'n8n-node');
const result = spawnSync(bin, ['cloud-support'], {
	cwd: root,
	encoding: 'utf8',
	env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
	timeout: 120_000,
});
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '');

if (
	result.status === 0 &&
	/Cloud support is ENABLED/.test(output) &&
	/Status: eligible/.test(output)
) {
	console.log(
		'✓ n8n-node cloud-support: ENABLED (strict mode, n8n default eslint config) — eligible for n8n Cloud if lint passes',
	);
	process.exit(0);
}
console.error(
	output || String(result.error ?? `n8n-node cloud-support exited ${String(result.status)}`),
);
console.error(
	'✗ n8n-node cloud-support does not accept the package (see above): keep eslint.config.mjs exactly n8n\'s default and "strict": true.',
);
process.exit(1);
