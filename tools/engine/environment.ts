import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// n8n-core's instance settings write a config file under the user folder on
// first use; point it at a throwaway folder so running the tools never touches
// the user's own ~/.n8n. Imported before n8n-core for that reason.
// Under jest the folder lives in the run's own temp folder, which the run's
// globalTeardown removes (a worker is killed, so it cannot clean up itself);
// anywhere else (npm start, the bench) the process removes it when it exits.
if (process.env.N8N_USER_FOLDER === undefined) {
	const jestRunFolder = process.env.LIVEDESK_TEST_TEMP;
	const folder = mkdtempSync(path.join(jestRunFolder ?? tmpdir(), 'livedesk-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	if (jestRunFolder === undefined)
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_ENCRYPTION_KEY ??= 'livedesk-tools-only-key';
