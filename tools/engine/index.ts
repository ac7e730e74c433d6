export { testCredential } from './credential-test';
export { registerNodeType } from './extra-node-types';
export { runListSearch, type ListSearchRequest } from './list-search';
export { loadPackage, loadProjectPackage, PROJECT_ROOT } from './package-loader';
export { runWorkflow, type RunOptions, type RunResult, type WorkflowJson } from './run-workflow';
export {
	startWebhookServer,
	type WebhookCall,
	type WebhookServer,
	type WebhookServerOptions,
} from './run-webhook';
export { useFilesystemBinaryData } from './binary-data';
