import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

/**
 * Node types from outside this package (for example n8n-nodes-base's HTTP
 * Request, which the benchmark installs into a cache of its own) that every
 * later runWorkflow in this process should know. A process-wide registry
 * rather than a run option, so runWorkflow's signature stays as it is.
 */
const registeredNodeTypes = new Map<string, INodeType | IVersionedNodeType>();

/** Registers a node type under its workflow JSON name, e.g. `n8n-nodes-base.httpRequest`. */
export function registerNodeType(typeName: string, type: INodeType | IVersionedNodeType): void {
	registeredNodeTypes.set(typeName, type);
}

export function getRegisteredNodeTypes(): ReadonlyMap<string, INodeType | IVersionedNodeType> {
	return registeredNodeTypes;
}
