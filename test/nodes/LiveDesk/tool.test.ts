import type { INode, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadProjectPackage, PROJECT_ROOT } from '../../../tools/engine';
import { readExampleWorkflow } from '../../helpers/workflow';

/**
 * n8n's AI Agent tells the model what a LiveDesk tool does with "<operation's action> in LiveDesk"
 * (Tool Description: Set Automatically), so the actions are what the model reads.
 */
async function liveDeskType(): Promise<INodeType> {
	const loader = await loadProjectPackage();
	return loader.nodeTypes.liveDesk.type as INodeType;
}

function toolNode(resource: string, operation: string): INode {
	return {
		id: 'tool',
		name: 'LiveDesk',
		type: 'n8n-nodes-engagelab-livedesk.liveDeskTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource, operation, descriptionType: 'auto' },
	};
}

describe('LiveDesk as an AI Agent tool', () => {
	it('describes every operation to the model by what it does', async () => {
		const type = await liveDeskType();
		const operations = type.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options ?? []).map((option) => [
					property.displayOptions?.show?.resource?.[0],
					'value' in option ? option.value : '',
				]),
			);
		const descriptions = operations.map(([resource, operation]) =>
			NodeHelpers.getToolDescriptionForNode(toolNode(String(resource), String(operation)), type),
		);
		expect(descriptions).toEqual([
			'Create a contact in an inbox in LiveDesk',
			'Create or update a contact by identifier or email or phone in LiveDesk',
			'Get many contacts in LiveDesk',
			'Search contacts by name or email or phone number in LiveDesk',
			'Update the details of a contact in LiveDesk',
			'Create a conversation with a contact in LiveDesk',
			'Get or create the conversation with a contact in LiveDesk',
			'Hand over or resolve a conversation by setting its status in LiveDesk',
			'Send a message or private note into a conversation in LiveDesk',
			'Send a message to a customer in LiveDesk',
			'Create a support ticket with a title and requester in LiveDesk',
			'Get a ticket and its conversation by ticket ID in LiveDesk',
			'Update the fields or tags of a ticket in LiveDesk',
		]);
	});

	it('has actions short enough to name a tool: n8n names the node after the action, a tool name has 64 characters at most', async () => {
		const type = await liveDeskType();
		const actions = type.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options ?? []).map((option) => ('action' in option ? option.action : undefined)),
			);
		expect(actions.every((action) => typeof action === 'string' && action.length <= 64)).toBe(true);
	});

	it('tells the model, in each field an agent fills, that IDs are numbers and what Message Type and Status mean', async () => {
		const { properties } = (await liveDeskType()).description;
		const field = (name: string) => properties.find((property) => property.name === name);
		expect(field('conversationId')).toMatchObject({
			type: 'number',
			description: expect.stringMatching(/numeric ID/),
		});
		expect(field('messageType')?.description).toMatch(/Outgoing.*Incoming/);
		expect(field('status')?.description).toMatch(
			/Open hands the conversation to people; Pending gives it back to the bot/,
		);
		const additional = properties.find(
			(property) =>
				property.name === 'additionalFields' &&
				property.displayOptions?.show?.resource?.includes('message'),
		);
		const note = additional?.options?.find(
			(option) => 'name' in option && option.name === 'private',
		);
		expect(note).toMatchObject({ description: expect.stringMatching(/summary/) });
	});
});

describe('Example workflows', () => {
	// With the legacy order n8n's AI Agent receives an empty tool result, although the tool ran.
	it('all run with execution order v1', () => {
		const files = readdirSync(path.join(PROJECT_ROOT, 'examples')).filter((file) =>
			file.endsWith('.json'),
		);
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			expect([file, readExampleWorkflow(file).settings?.executionOrder]).toEqual([file, 'v1']);
		}
	});
});
