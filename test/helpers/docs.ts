import type { IDataObject } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../tools/engine';

/**
 * The request and answer examples of EngageLab's published LiveDesk pages, kept beside the
 * repository in shared/livedesk-docs/ (see its README): the contract, not our sandbox's guess.
 */
export const DOCS_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'livedesk-docs');

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
