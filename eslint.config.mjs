import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config } from '@n8n/node-cli/eslint';

// The community-node rules guard what ships to n8n (Cloud's allowed imports and
// globals, n8n error classes). Dev tooling and tests never ship, so for them
// only the general TypeScript rules of the same config apply.
const shippedOnlyRules = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [`@n8n/community-nodes/${rule}`, 'off']),
);

export default [
	{ ignores: ['dist/**', 'build/**', 'coverage/**', '.e2e/**', '**/*.js', '**/*.mjs'] },
	...config,
	{
		files: ['tools/**/*.ts', 'test/**/*.ts'],
		rules: { ...shippedOnlyRules, 'no-console': 'off' },
	},
];
