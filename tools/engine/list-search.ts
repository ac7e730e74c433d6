import './environment';
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { buildAdditionalData } from './additional-data';
import { PackageCredentialsHelper } from './credentials-helper';
import { PackageNodeTypes } from './node-types';
import { loadProjectPackage } from './package-loader';

export interface ListSearchRequest {
	nodeType: string;
	method: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
}

/**
 * What the editor does when a resource locator's "From List" opens or the user
 * types into it (n8n's DynamicNodeParametersService): call the node's
 * listSearch method in a LoadOptionsContext for a temporary workflow.
 */
export async function runListSearch(request: ListSearchRequest): Promise<INodeListSearchResult> {
	const loader = await loadProjectPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const nodeType = nodeTypes.getByNameAndVersion(request.nodeType);
	const search = nodeType.methods?.listSearch?.[request.method];
	if (!search) throw new Error(`${request.nodeType} has no listSearch method "${request.method}"`);

	const node: INode = {
		id: 'list-search',
		name: 'List Search',
		type: request.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: request.parameters,
		credentials: Object.fromEntries(
			Object.keys(request.credentials).map((type) => [type, { id: type, name: type }]),
		),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = buildAdditionalData(
		new PackageCredentialsHelper(loader, request.credentials),
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'contactId');
	return await search.call(context, request.filter, request.paginationToken);
}
