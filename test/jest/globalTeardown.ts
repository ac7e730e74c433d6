import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	const folder = process.env.LIVEDESK_TEST_TEMP;
	if (folder) rmSync(folder, { recursive: true, force: true });
}
