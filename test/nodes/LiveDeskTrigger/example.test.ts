import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { loadProjectPackage, registerNodeType } from '../../../tools/engine';
import { useSandbox } from '../../helpers/sandbox';
import { readExampleWorkflow } from '../../helpers/workflow';
import { openConversation, sendMessage, settle, useTriggerServer } from './helpers';

/**
 * n8n-nodes-base is not a dependency, so the example's WhatsApp node is replaced by a stand-in
 * with the same type name and parameters that outputs what the real node would send.
 */
class WhatsAppStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'WhatsApp Business Cloud',
		name: 'whatsApp',
		group: ['output'],
		version: 1,
		description: 'Records what would be sent to WhatsApp',
		defaults: { name: 'WhatsApp Business Cloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: ['resource', 'operation', 'phoneNumberId', 'recipientPhoneNumber', 'messageType', 'textBody'].map(
			(name) => ({ displayName: name, name, type: 'string' as const, default: '' }),
		),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, item) => ({
				json: {
					to: this.getNodeParameter('recipientPhoneNumber', item) as string,
					text: this.getNodeParameter('textBody', item) as string,
					from: this.getNodeParameter('phoneNumberId', item) as string,
				},
				pairedItem: { item },
			})),
		];
	}
}

describe('LiveDesk Trigger: the shipped agent-reply bridge example', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	beforeAll(() => registerNodeType('n8n-nodes-base.whatsApp', new WhatsAppStandIn()));

	it('forwards an agent reply to the contact’s WhatsApp number, and nothing else', async () => {
		const workflow = readExampleWorkflow('agent-reply-bridge.workflow.json');
		const server = await serve(sandbox(), workflow, '?token=bridge-token', 'bridge-token');

		const conversation = await openConversation(sandbox());
		await sendMessage(sandbox(), conversation.id, 'Where is my order?', 'incoming');
		await sendMessage(sandbox(), conversation.id, 'Internal: ask the warehouse', 'outgoing', { private: true });
		await sendMessage(sandbox(), conversation.id, 'It ships today.', 'outgoing');
		await settle(sandbox(), server);

		expect(server.runs).toHaveLength(1);
		const [{ outputs, errors, run }] = server.runs;
		expect(errors).toEqual({});
		expect(run.status).toBe('success');
		expect(outputs['Send to WhatsApp'].map((item) => item.json)).toEqual([
			{ to: '+4915112345678', text: 'It ships today.', from: '123456789012345' },
		]);
	});

	it('is loaded by n8n’s package loader with the LiveDesk icon and codex', async () => {
		const loader = await loadProjectPackage();
		const loaded = loader.nodeTypes.liveDeskTrigger;
		expect(loaded).toBeDefined();
		const { description } = loaded.type as INodeType;
		expect(description).toMatchObject({
			name: 'liveDeskTrigger',
			group: ['trigger'],
			inputs: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			iconUrl: {
				light: 'icons/n8n-nodes-engagelab-livedesk/dist/nodes/LiveDesk/livedesk.svg',
				dark: 'icons/n8n-nodes-engagelab-livedesk/dist/nodes/LiveDesk/livedesk.dark.svg',
			},
			codex: { categories: ['Communication'] },
		});
		expect(description.credentials).toEqual([{ name: 'liveDeskApi', required: true }]);
		expect(loader.known.nodes.liveDeskTrigger?.sourcePath).toMatch(/dist\/nodes\/LiveDeskTrigger\/LiveDeskTrigger\.node\.js$/);
	});
});
