#!/usr/bin/env node
// n8n's verification bar, run locally: the same analyzer n8n runs before it lists a community
// package (@n8n/scan-community-package), over the same two legs it uses, plus a check that the
// tarball ships nothing but the runtime files.
//
// The published scanner CLI (`npx @n8n/scan-community-package <name>`) only scans a package that
// is already on npm with provenance, and it downloads the source from GitHub; we need the verdict
// before publishing and without network, so this calls its exported analyzer directly.
//
// Plain .mjs rather than TypeScript: the scanner is ESM-only and the repo's tsconfig emits
// CommonJS, which would turn `import()` into `require()`.
//
// Usage: node tools/e2e/verify-package.mjs   (expects a fresh `npm run build`; `npm run verify` does both)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// npm always adds package.json, README and LICENSE; everything else must come from dist/ or be the
// CommonJS entry point. CHANGELOG.md is allowed but only ships if "files" lists it.
const ALLOWED = [
	/^dist\//,
	/^index\.js$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^package\.json$/,
];
const REQUIRED = ['package.json', 'index.js', 'README.md', 'LICENSE'];

let failed = false;
const fail = (message) => {
	failed = true;
	console.error(`✗ ${message}`);
};
const pass = (message) => console.log(`✓ ${message}`);

function npm(args, cwd = root) {
	// `npm` is a shell script on Windows; the repo's tooling targets Linux/macOS CI only.
	return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed)
		pass(`scanner, ${label}: no violations${result.message ? ` (${result.message})` : ''}`);
	else fail(`scanner, ${label}: ${result.message}\n${result.details ?? result.error ?? ''}`);
}

function checkFileList() {
	const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
	const files = pack.files.map((file) => file.path).sort();
	const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
	const missing = REQUIRED.filter((file) => !files.includes(file));
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const undeclared = declared.filter((file) => !files.includes(file));
	if (unexpected.length)
		fail(`tarball ships files outside the allow-list:\n  ${unexpected.join('\n  ')}`);
	if (missing.length) fail(`tarball lacks ${missing.join(', ')}`);
	if (undeclared.length)
		fail(
			`package.json "n8n" lists files the tarball lacks (run npm run build): ${undeclared.join(', ')}`,
		);
	if (!unexpected.length && !missing.length && !undeclared.length) {
		pass(
			`tarball file list: ${files.length} files, all in the allow-list, every n8n entry present`,
		);
	}
}

async function main() {
	// Source leg: what `n8n-node lint` and the scanner cover at source level.
	await scan('sources (nodes/, credentials/, package.json)', root, SOURCE_FILE_PATTERNS);

	checkFileList();

	// Dist leg: the real tarball, unpacked, scanned like n8n scans the published one.
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'livedesk-verify-'));
	try {
		const [pack] = JSON.parse(
			npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work]),
		);
		execFileSync('tar', ['-xzf', path.join(work, pack.filename), '-C', work]);
		await scan(`packed tarball (${pack.filename})`, path.join(work, 'package'), [
			'**/*.js',
			'package.json',
		]);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}

	if (failed) {
		console.error('\nPackage verification failed.');
		process.exit(1);
	}
	console.log('\nPackage verification passed.');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
