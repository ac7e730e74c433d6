import { RoutingNode, type PackageDirectoryLoader } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import { getRegisteredNodeTypes } from './extra-node-types';
import { TRIGGER_STAND_INS } from './trigger-stand-ins';

/** Node types as n8n names them in workflow JSON: `<package>.<node name>`. */
export class PackageNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(loader: PackageDirectoryLoader) {
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			this.types.set(`${loader.packageName}.${name}`, type);
		}
		for (const [name, type] of Object.entries(TRIGGER_STAND_INS)) this.types.set(name, type);
		for (const [name, type] of getRegisteredNodeTypes()) this.types.set(name, type);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		if (isDeclarative(type)) {
			// As n8n's own NodeTypes does (packages/cli/src/node-types.ts): a declarative node runs as
			// an execute() with the execution's context, so its requests see the cancel signal.
			// Without it, n8n-core's WorkflowExecute takes its test-only path, which has no signal.
			type.execute = async function (this: IExecuteFunctions) {
				return (
					(await new RoutingNode(
						this as ConstructorParameters<typeof RoutingNode>[0],
						type,
					).runNode()) ?? []
				);
			};
		}
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** n8n's shouldAssignExecuteMethod (packages/cli/src/utils.ts): a node described only by its routing. */
function isDeclarative(type: INodeType): boolean {
	const declarative = type.description?.requestDefaults !== undefined;
	return (
		!type.execute &&
		!type.supplyData &&
		!type.poll &&
		!type.trigger &&
		(!type.webhook || declarative) &&
		(!type.methods || declarative)
	);
}
