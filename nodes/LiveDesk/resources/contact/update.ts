import type { INodeProperties } from 'n8n-workflow';
import { contactFieldOptions } from '../../shared/contactFields';
import { contactLocator, simplifyField } from '../../shared/fields';

const showOnlyForContactUpdate = {
	resource: ['contact'],
	operation: ['update'],
};

function attributeList(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Attribute',
		default: {},
		description,
		typeOptions: { multipleValues: true },
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. plan' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. premium' },
				],
			},
		],
	};
}

export const contactUpdateDescription: INodeProperties[] = [
	contactLocator(showOnlyForContactUpdate),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showOnlyForContactUpdate },
		options: [
			...contactFieldOptions,
			attributeList(
				'Additional Attributes',
				'additionalAttributes',
				'LiveDesk’s built-in extra details (e.g. company_name, city); merged into the existing ones',
			),
			{
				displayName: 'Blocked',
				name: 'blocked',
				type: 'boolean',
				default: false,
				description: 'Whether LiveDesk ignores new messages from this contact',
				routing: { send: { type: 'body', property: 'blocked' } },
			},
			attributeList(
				'Custom Attributes',
				'customAttributes',
				'Your own attributes as defined in LiveDesk; merged into the existing ones',
			),
		],
	},
	simplifyField(showOnlyForContactUpdate),
];
