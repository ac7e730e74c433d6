import * as path from 'node:path';

/**
 * The repository root, from build/tools/ where the tools run. Kept free of
 * imports beyond node:path so the benchmark's parent and the e2e drivers can
 * use it without loading n8n-core.
 */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
