import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SHARED_DOCS_DIR, VENDORED_DOCS_DIR } from '../helpers/docs';

const jsonFiles = (dir: string) =>
	readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort();

describe('The docs’ examples this repository carries', () => {
	it('are every example of ../shared/livedesk-docs, unchanged (where that folder is beside the clone, as in CI)', () => {
		const source = existsSync(SHARED_DOCS_DIR) ? SHARED_DOCS_DIR : undefined;
		const vendored = jsonFiles(VENDORED_DOCS_DIR);
		expect(vendored.length).toBeGreaterThanOrEqual(8);
		for (const name of vendored)
			expect(() =>
				JSON.parse(readFileSync(path.join(VENDORED_DOCS_DIR, name), 'utf8')),
			).not.toThrow();
		if (!source) return;
		expect(vendored).toEqual(jsonFiles(source));
		for (const name of vendored) {
			expect(readFileSync(path.join(VENDORED_DOCS_DIR, name), 'utf8')).toBe(
				readFileSync(path.join(source, name), 'utf8'),
			);
		}
	});
});
