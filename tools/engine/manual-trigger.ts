import type { INodeType, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * n8n-nodes-base (4,000 files) is not a dependency of this package, but the
 * shipped example workflows start with its Manual Trigger. The engine treats a
 * trigger outside "manual" mode as a pass-through of the items it is given, so
 * this description is all it needs to run those workflows unchanged.
 */
export class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} satisfies INodeType['description'];

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {};
	}
}
