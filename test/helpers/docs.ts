import type { IDataObject } from 'n8n-workflow';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../tools/engine';

/**
 * The request and answer examples of EngageLab's published LiveDesk pages (see their README): the
 * contract, not our sandbox's guess. The project keeps them beside the repository in
 * ../shared/livedesk-docs/, where CI has them; a clone on its own uses the copy in
 * test/fixtures/livedesk-docs/, which test/docs/fixtures.test.ts keeps identical to that source.
 */
export const SHARED_DOCS_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'livedesk-docs');
export const VENDORED_DOCS_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'livedesk-docs');
export const DOCS_DIR = existsSync(SHARED_DOCS_DIR) ? SHARED_DOCS_DIR : VENDORED_DOCS_DIR;

export function docsExample(fileName: string): IDataObject {
	return JSON.parse(readFileSync(path.join(DOCS_DIR, fileName), 'utf8')) as IDataObject;
}

/** The shape of a JSON value: its keys, nesting and value types, not its values. */
export function shapeOf(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(shapeOf);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([key, entry]) => [key, shapeOf(entry)]),
		);
	}
	return value === null ? 'null' : typeof value;
}
