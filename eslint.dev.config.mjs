import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config } from '@n8n/node-cli/eslint';

// Lint of the code that never ships (tools/, test/): n8n's config minus its community-node rules.
// Those rules guard what runs inside n8n (Cloud's allowed imports and globals, n8n error classes);
// dev tooling needs node:fs, child processes and the console. The shipped code's config is
// eslint.config.mjs, which must stay byte-for-byte n8n's default for `n8n-node cloud-support`
// (and `n8n-node lint` in strict mode) to accept the package, so these extra rules live here.
const shippedOnlyRules = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [`@n8n/community-nodes/${rule}`, 'off']),
);

export default [
	{ ignores: ['dist/**', 'build/**', 'coverage/**', '.e2e/**', '**/*.js', '**/*.mjs'] },
	...config,
	{
		files: ['tools/**/*.ts', 'test/**/*.ts'],
		rules: {
			...shippedOnlyRules,
			'no-console': 'off',
			// The MCP SDK publishes its entry points only through package.json "exports" ("./*"), which
			// Node and tsc resolve but the import plugin's resolver does not; a wrong path still fails
			// the build (tsc) and the run.
			'import-x/no-unresolved': ['error', { ignore: ['^@modelcontextprotocol/sdk/'] }],
		},
	},
];
