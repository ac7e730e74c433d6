import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { Sandbox } from '../../tools/sandbox';
import { startSandbox } from '../../tools/sandbox';

/** The credential a user would create for the sandbox. */
export function sandboxCredentials(
	sandbox: Sandbox,
	overrides: Partial<Record<'apiKey' | 'apiSecret' | 'baseUrl' | 'webhookToken', string>> = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		liveDeskApi: {
			apiKey: sandbox.apiKey,
			apiSecret: sandbox.apiSecret,
			baseUrl: sandbox.url,
			...overrides,
		},
	};
}

/** One sandbox per test file, emptied before each test. */
export function useSandbox(): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ quiet: true });
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox has not started');
		return sandbox;
	};
}

export function expectedBasicAuth(sandbox: Sandbox): string {
	return `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`;
}
