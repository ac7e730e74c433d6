import { createHash } from 'node:crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * n8n-nodes-base is not a dependency, so the example's WhatsApp and Switch nodes are replaced by
 * stand-ins with the same type names and parameters. (The real Switch runs the example's rules in
 * the real-n8n E2E, tools/e2e/trigger.ts.)
 */

const text = (name: string): INodeProperties => ({
	displayName: name,
	name,
	type: 'string',
	default: '',
});

/** Outputs what WhatsApp → Send would send: the text, or the uploaded file as its media upload reads it. */
export class WhatsAppStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'WhatsApp Business Cloud',
		name: 'whatsApp',
		group: ['output'],
		version: 1,
		description: 'Records what would be sent to WhatsApp',
		defaults: { name: 'WhatsApp Business Cloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			...[
				'resource',
				'operation',
				'phoneNumberId',
				'recipientPhoneNumber',
				'messageType',
				'textBody',
			].map(text),
			...['mediaPath', 'mediaPropertyName'].map(text),
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				default: {},
				options: [text('mediaCaption')],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const sent = await Promise.all(
			this.getInputData().map(async (_, item): Promise<INodeExecutionData> => {
				const to = this.getNodeParameter('recipientPhoneNumber', item) as string;
				const from = this.getNodeParameter('phoneNumberId', item) as string;
				const type = this.getNodeParameter('messageType', item) as string;
				if (type === 'text') {
					return {
						json: { to, from, text: this.getNodeParameter('textBody', item) as string },
						pairedItem: { item },
					};
				}
				// As WhatsApp's mediaUploadFromItem: the binary property's name, MIME type and bytes.
				const property = this.getNodeParameter('mediaPropertyName', item) as string;
				const binary = this.helpers.assertBinaryData(item, property);
				const bytes = await this.helpers.getBinaryDataBuffer(item, property);
				const { mediaCaption } = this.getNodeParameter('additionalFields', item) as IDataObject;
				const file = {
					name: binary.fileName,
					mimeType: binary.mimeType,
					sha256: createHash('sha256').update(bytes).digest('hex'),
				};
				return { json: { to, from, type, caption: mediaCaption, file }, pairedItem: { item } };
			}),
		);
		return [sent];
	}
}

/** Switch 3.2 in Rules mode: each item to the first rule whose conditions n8n's filter evaluates true. */
export class SwitchStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Switch',
		name: 'switch',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		description: 'Routes items by rules, as n8n’s Switch does in Rules mode',
		defaults: { name: 'Switch' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Routing Rules',
				name: 'rules',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						name: 'values',
						displayName: 'Routing Rule',
						values: [
							{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} },
							{
								displayName: 'Rename Output',
								name: 'renameOutput',
								type: 'boolean',
								default: false,
							},
							text('outputKey'),
						],
					},
				],
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const rules = this.getNodeParameter('rules.values', 0, []) as IDataObject[];
		const outputs: INodeExecutionData[][] = rules.map(() => []);
		this.getInputData().forEach((input, item) => {
			const match = rules.findIndex(
				(_, rule) =>
					this.getNodeParameter(`rules.values[${rule}].conditions`, item, false, {
						extractValue: true,
					}) === true,
			);
			if (match >= 0) outputs[match].push({ ...input, pairedItem: { item } });
		});
		return outputs;
	}
}
