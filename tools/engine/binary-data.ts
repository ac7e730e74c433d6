import './environment';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/**
 * Keeps binary data on disk under `folder` from now on, as n8n does in `filesystem` mode
 * (N8N_DEFAULT_BINARY_DATA_MODE=filesystem, n8n 2.x's default). Without it, n8n-core keeps
 * binary data in the item as base64, as n8n 1.x does by default. Process-wide (in jest: per test
 * file), since n8n-core's helpers find the service in its dependency container.
 */
export async function useFilesystemBinaryData(folder: string): Promise<BinaryDataService> {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = folder;
	const service = Container.get(BinaryDataService);
	await service.init();
	return service;
}
