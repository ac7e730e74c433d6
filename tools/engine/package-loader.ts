import { PackageDirectoryLoader } from 'n8n-core';
import { PROJECT_ROOT } from '../project-root';

export { PROJECT_ROOT };

/**
 * Loads the built package the way n8n loads a community package: through
 * package.json's "n8n" block, with n8n's own loader (which also adds the
 * declarative "Request Options" such as Batching). A wrong path in package.json
 * or a broken dist/ fails here, as it would in a user's n8n.
 */
export async function loadPackage(directory = PROJECT_ROOT): Promise<PackageDirectoryLoader> {
	const loader = new PackageDirectoryLoader(directory);
	await loader.loadAll();
	return loader;
}

let projectPackage: Promise<PackageDirectoryLoader> | undefined;

/** This project's package, loaded once per process. */
export async function loadProjectPackage(): Promise<PackageDirectoryLoader> {
	projectPackage ??= loadPackage();
	return await projectPackage;
}
