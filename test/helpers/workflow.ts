import type { INodeParameters } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkflowJson } from '../../tools/engine';
import { PROJECT_ROOT } from '../../tools/engine';

export const NODE_TYPE = 'n8n-nodes-engagelab-livedesk.liveDesk';
export const TRIGGER_NAME = 'Start';
export const NODE_NAME = 'LiveDesk';

/** Start → LiveDesk with the given parameters: one operation under test. */
export function singleOperationWorkflow(
	parameters: INodeParameters,
	settings: { continueOnFail?: boolean } = {},
): WorkflowJson {
	return {
		nodes: [
			{
				id: 'start',
				name: TRIGGER_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'livedesk',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { liveDeskApi: { id: '1', name: 'LiveDesk sandbox' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

export function readExampleWorkflow(fileName: string): WorkflowJson {
	const file = path.join(PROJECT_ROOT, 'examples', fileName);
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}
