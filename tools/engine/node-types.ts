import type { PackageDirectoryLoader } from 'n8n-core';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
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
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
