import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import type { PackageCredentialsHelper } from './credentials-helper';

const N8N_URL = 'http://127.0.0.1:5678';

/** What the n8n server hands the engine for one execution, less the server-only services. */
export function buildAdditionalData(
	credentialsHelper: PackageCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unavailable = async (): Promise<never> => {
		throw new Error('Not available when running a workflow outside the n8n server');
	};
	return {
		hooks,
		credentialsHelper,
		executeWorkflow: unavailable,
		getRunExecutionData: unavailable,
		getRuntimeCredential: unavailable,
		currentNodeExecutionIndex: 0,
		// Never called by these nodes, but n8n-core builds $resumeWebhookUrl etc. from them.
		restApiUrl: `${N8N_URL}/rest`,
		instanceBaseUrl: `${N8N_URL}/`,
		formBaseUrl: `${N8N_URL}/form`,
		formWaitingBaseUrl: `${N8N_URL}/form-waiting`,
		formTestBaseUrl: `${N8N_URL}/form-test`,
		webhookBaseUrl: `${N8N_URL}/webhook`,
		webhookWaitingBaseUrl: `${N8N_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${N8N_URL}/webhook-test`,
		mcpBaseUrl: `${N8N_URL}/mcp`,
		mcpTestBaseUrl: `${N8N_URL}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		startRunnerTask: unavailable,
	} as unknown as IWorkflowExecuteAdditionalData;
}
