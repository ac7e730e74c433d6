import './environment';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { buildAdditionalData } from './additional-data';
import { PackageCredentialsHelper } from './credentials-helper';
import { loadProjectPackage } from './package-loader';

interface ErrorWithResponse {
	message?: string;
	cause?: { response?: { status?: number; statusText?: string }; code?: string };
}

/**
 * What the "Test" button of n8n's credential dialog does for a credential
 * with a `test` request (n8n's CredentialsTester): run the request through
 * RoutingNode on a temporary node, then apply the credential's rules.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const loader = await loadProjectPackage();
	const credentialsHelper = new PackageCredentialsHelper(loader, { [typeName]: data });
	const { test } = credentialsHelper.getCredentialType(typeName);
	if (!test || typeof test === 'function') {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(credentialsHelper),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentials: ICredentialsDecrypted = { id: 'test', name: 'test', type: typeName, data };
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (caught) {
		const error = caught as ErrorWithResponse;
		const response = error.cause?.response;
		if (response?.status !== undefined) {
			const rule = test.rules?.find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === response.status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
		if (error.cause?.code) return { status: 'Error', message: error.cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
