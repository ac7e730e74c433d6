import './environment';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

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

/**
 * Keeps binary data on disk under `folder` from now on, as n8n does in `filesystem` mode, for a
 * test that looks at the files. Process-wide (in jest: per test file), since n8n-core's helpers
 * find the service in its dependency container.
 */
export async function useFilesystemBinaryData(folder: string): Promise<BinaryDataService> {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = folder;
	const service = Container.get(BinaryDataService);
	started = service.init();
	await started;
	return service;
}
