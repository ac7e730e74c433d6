import './environment';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { buildAdditionalData } from './additional-data';
import { startBinaryData } from './binary-data';
import { PackageCredentialsHelper } from './credentials-helper';
import { PackageNodeTypes } from './node-types';
import { loadProjectPackage } from './package-loader';

export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>;

export interface RunOptions {
	/** Decrypted credential data by credential type, as n8n would hand it to the node. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Items the start node emits (their JSON); one empty item by default, like a manual run. */
	items?: IDataObject[];
	/** Whole items for the start node, binary data included (a form submission with a file); wins over `items`. */
	inputItems?: INodeExecutionData[];
	/** n8n's `n8n execute` runs in "cli" mode; triggers then pass their items through. */
	mode?: WorkflowExecuteMode;
	/** Cancels the execution when it aborts, as the editor's Stop button or an execution timeout does. */
	signal?: AbortSignal;
	/** Called as each node starts, with its name (n8n's nodeExecuteBefore hook). */
	onNodeStart?: (nodeName: string) => void;
}

export interface RunResult {
	run: IRun;
	/** Output items of each node (first run, first output). */
	outputs: Record<string, INodeExecutionData[]>;
	/** Error a node threw, by node name, when it stopped the workflow. */
	errors: Record<string, Error>;
}

/** Runs workflow JSON through n8n-core's WorkflowExecute with the built package. */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: RunOptions,
): Promise<RunResult> {
	await startBinaryData();
	const loader = await loadProjectPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const workflow = new Workflow({
		id: workflowJson.id ?? 'workflow',
		name: workflowJson.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes,
		settings: workflowJson.settings,
		active: false,
	});

	const hooks = new ExecutionLifecycleHooks('cli', 'execution', workflowJson as IWorkflowBase);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
	});

	const { onNodeStart } = options;
	if (onNodeStart) hooks.addHandler('nodeExecuteBefore', (nodeName) => onNodeStart(nodeName));
	const additionalData = buildAdditionalData(
		new PackageCredentialsHelper(loader, options.credentials),
		hooks,
	);
	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const workflowExecute = new WorkflowExecute(
		additionalData,
		options.mode ?? 'cli',
		runExecutionData,
	);
	const execution = workflowExecute.processRunExecutionData(workflow);
	options.signal?.addEventListener('abort', () => execution.cancel(), { once: true });
	await execution;
	const run = await finished;
	return { run, ...collectOutputs(run) };
}

/** Each node's first output of its first run, and the error of a node that stopped the workflow. */
export function collectOutputs(run: IRun): Pick<RunResult, 'outputs' | 'errors'> {
	const outputs: RunResult['outputs'] = {};
	const errors: RunResult['errors'] = {};
	for (const [nodeName, taskData] of Object.entries(run.data.resultData.runData)) {
		const task = taskData[0];
		outputs[nodeName] = task?.data?.main?.[0] ?? [];
		if (task?.error) errors[nodeName] = task.error;
	}
	return { outputs, errors };
}
