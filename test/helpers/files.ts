import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { WorkflowJson } from '../../tools/engine';
import { registerNodeType } from '../../tools/engine';
import { NODE_NAME, NODE_TYPE, TRIGGER_NAME } from './workflow';

export const FILES_NODE_TYPE = 'test.files';
export const FILES_NODE_NAME = 'Files';

export interface TestFile {
	/** The binary field the file lands in, e.g. `data`. */
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/**
 * Stands in for the node before LiveDesk that reads or downloads a file (HTTP Request, WhatsApp
 * Trigger): it stores each file through n8n's own prepareBinaryData, so the binary data is kept
 * wherever n8n's binary data service is configured to keep it.
 */
class FilesNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Files',
		name: 'files',
		group: ['input'],
		version: 1,
		description: 'Test stand-in: puts the files of its parameter on each item',
		defaults: { name: FILES_NODE_NAME },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Files', name: 'files', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let item = 0; item < items.length; item++) {
			const files = JSON.parse(this.getNodeParameter('files', item) as string) as Array<
				Omit<TestFile, 'data'> & { base64: string }
			>;
			const binary: INodeExecutionData['binary'] = {};
			for (const file of files) {
				binary[file.field] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push({ json: items[item].json, binary, pairedItem: { item } });
		}
		return [output];
	}
}

/** Makes the Files node known to the engine for the workflows below. */
export function registerFilesNode(): void {
	registerNodeType(FILES_NODE_TYPE, new FilesNode());
}

/** The Files node's parameter; also for items that carry their own files (`files` in the item's JSON). */
export function filesJson(files: readonly TestFile[]): string {
	return JSON.stringify(
		files.map(({ data, ...file }) => ({ ...file, base64: data.toString('base64') })),
	);
}

/** Start → Files (one set per item, given by an expression on the item's `files`) → LiveDesk. */
export function withFilesWorkflow(
	files: readonly TestFile[] | '={{ $json.files }}',
	parameters: Record<string, unknown>,
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
				id: 'files',
				name: FILES_NODE_NAME,
				type: FILES_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { files: typeof files === 'string' ? files : filesJson(files) },
			},
			{
				id: 'livedesk',
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				parameters: parameters as WorkflowJson['nodes'][number]['parameters'],
				credentials: { liveDeskApi: { id: '1', name: 'LiveDesk sandbox' } },
				...(settings.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: {
			[TRIGGER_NAME]: { main: [[{ node: FILES_NODE_NAME, type: 'main', index: 0 }]] },
			[FILES_NODE_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}
