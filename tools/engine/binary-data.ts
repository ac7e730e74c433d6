import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

let started: Promise<void> | undefined;

/**
 * n8n starts its binary data service at boot; the engine harness does it before the first run, so
 * nodes store and read files as they do in n8n: on disk (n8n's default mode), under the throwaway
 * user folder of ./environment, or wherever N8N_BINARY_DATA_STORAGE_PATH points.
 */
export async function startBinaryData(): Promise<void> {
	started ??= Container.get(BinaryDataService).init();
	await started;
}
