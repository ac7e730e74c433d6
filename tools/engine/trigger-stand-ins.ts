import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * n8n-nodes-base (4,000 files) is not a dependency of this package, but the
 * shipped example workflows start with its Manual Trigger, Form Trigger or Webhook. The
 * engine treats a trigger outside "manual" mode as a pass-through of the items
 * it is given (a form submission, in the Form Trigger's case), so a
 * description is all it needs to run those workflows unchanged.
 */
class TriggerStandIn implements INodeType {
	description: INodeTypeDescription;

	constructor(name: string, displayName: string) {
		this.description = {
			displayName,
			name,
			group: ['trigger'],
			version: [1, 2, 2.1, 2.2],
			description: `Stand-in for n8n-nodes-base.${name}: passes the items it is given on`,
			defaults: { name: displayName },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		};
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {};
	}
}

export const TRIGGER_STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new TriggerStandIn('manualTrigger', 'Manual Trigger'),
	'n8n-nodes-base.formTrigger': new TriggerStandIn('formTrigger', 'n8n Form Trigger'),
	'n8n-nodes-base.webhook': new TriggerStandIn('webhook', 'Webhook'),
};
