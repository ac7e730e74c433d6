import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * One temp folder for the whole jest run: every test file's n8n user folder
 * (tools/engine/environment.ts) is made inside it, and globalTeardown removes
 * it, so a run leaves nothing behind. Jest starts its workers after this, so
 * they inherit the variable.
 */
export default function globalSetup(): void {
	process.env.LIVEDESK_TEST_TEMP = mkdtempSync(path.join(tmpdir(), 'livedesk-test-'));
}
