import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// n8n-core's instance settings write a config file under the user folder on
// first use; point it at a throwaway folder so running the tools never touches
// the user's own ~/.n8n. Imported before n8n-core for that reason.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'livedesk-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'livedesk-tools-only-key';
