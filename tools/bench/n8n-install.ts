import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { N8nInstall } from '../e2e/n8n-env';
import { PROJECT_ROOT } from '../project-root';

const run = promisify(execFile);

/** The n8n users run today, as the E2E matrix caches it. */
export const REAL_N8N_VERSION = '2.41.1';

/**
 * n8n and Node 24 from the E2E cache: tools/e2e/lib.sh installs them on a cold cache (minutes)
 * and says where they are, so the bench and the E2E always run the same install.
 */
export async function ensureN8n(version = REAL_N8N_VERSION): Promise<N8nInstall> {
	const script =
		'source tools/e2e/lib.sh && ensure_n8n "$1" && printf "%s\\n%s\\n" "$N8N_BIN_DIR" "$NODE24_BIN"';
	const { stdout } = await run('bash', ['-c', script, 'bench', version], {
		cwd: PROJECT_ROOT,
		maxBuffer: 16 * 1024 * 1024,
	});
	const [binDir, nodeBinDir] = stdout.trim().split('\n');
	if (!binDir || !nodeBinDir)
		throw new Error(`tools/e2e/lib.sh did not say where n8n ${version} is: ${stdout}`);
	return { version, binDir, nodeBinDir };
}

/** Packs the built package (dist/) as a user would install it; returns the tarball's path. */
export async function packTarball(destination: string): Promise<string> {
	const npmCli = process.env.npm_execpath;
	const args = ['pack', '--silent', '--ignore-scripts', '--pack-destination', destination];
	const { stdout } = npmCli
		? await run(process.execPath, [npmCli, ...args], { cwd: PROJECT_ROOT })
		: await run('npm', args, { cwd: PROJECT_ROOT });
	const name = stdout.trim().split('\n').pop();
	if (!name) throw new Error('npm pack printed no tarball name');
	return `${destination}/${name}`;
}
