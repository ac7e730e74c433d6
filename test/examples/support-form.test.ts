import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { registerNodeType, runWorkflow } from '../../tools/engine';
import { sandboxCredentials, useSandbox } from '../helpers/sandbox';
import { readExampleWorkflow } from '../helpers/workflow';

/**
 * n8n-nodes-base is not a dependency; this stands in for its Merge node (v3, Combine → By Position)
 * as far as the example uses it: item i of both inputs becomes one item, JSON and binary data
 * together, input 2's keys winning a clash (n8n's default).
 */
class MergeByPositionStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Merge',
		name: 'merge',
		group: ['transform'],
		version: 3,
		description: 'Stand-in for n8n-nodes-base.merge: combine by position',
		defaults: { name: 'Merge' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const first = this.getInputData(0);
		const second = this.getInputData(1);
		return [
			first.map((item, index) => ({
				json: { ...item.json, ...second[index]?.json },
				binary: { ...item.binary, ...second[index]?.binary },
				pairedItem: [
					{ item: index, input: 0 },
					{ item: index, input: 1 },
				],
			})),
		];
	}
}

// What n8n's Form Trigger puts on its item for a file field labelled "Screenshot".
const SCREENSHOT = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

describe('Example: support form → Create or Update → Create Conversation → Send Message → Update Status', () => {
	const sandbox = useSandbox();
	beforeAll(() => registerNodeType('n8n-nodes-base.merge', new MergeByPositionStandIn()));

	const submit = (form: { Name: string; Email: string; Message: string }) =>
		runWorkflow(readExampleWorkflow('support-form.workflow.json'), {
			credentials: sandboxCredentials(sandbox()),
			items: [form],
		});

	it('files each submission as a pending conversation, and the same person twice as one contact', async () => {
		const first = await submit({
			Name: 'Alice',
			Email: 'alice@example.com',
			Message: 'My order is late.',
		});
		const second = await submit({
			Name: 'Alice Smith',
			Email: 'Alice@Example.com',
			Message: 'Any news?',
		});

		for (const { errors, run } of [first, second]) {
			expect(errors).toEqual({});
			expect(run.status).toBe('success');
		}
		expect(first.outputs['Create or Update Contact'][0].json).toMatchObject({
			created: true,
			name: 'Alice',
		});
		expect(second.outputs['Create or Update Contact'][0].json).toMatchObject({
			created: false,
			name: 'Alice Smith',
		});

		const contacts = sandbox().store.listContacts();
		expect(contacts).toHaveLength(1);
		const conversations = sandbox().store.listConversations();
		expect(conversations).toHaveLength(2);
		expect(conversations.map((conversation) => conversation.status)).toEqual([
			'pending',
			'pending',
		]);
		expect(
			sandbox()
				.store.listMessages()
				.map((message) => message.content),
		).toEqual(['My order is late.', 'Any news?']);
		expect(second.outputs['Mark Pending'][0].json).toMatchObject({
			id: conversations[1].id,
			status: 'pending',
		});
	});

	it('sends the form’s screenshot with the message, and a form without one as text only', async () => {
		const form = { Name: 'Bob', Email: 'bob@example.com', Message: 'The app shows this error.' };
		const withFile = await runWorkflow(readExampleWorkflow('support-form.workflow.json'), {
			credentials: sandboxCredentials(sandbox()),
			inputItems: [
				{
					json: form,
					binary: {
						Screenshot: {
							data: SCREENSHOT.toString('base64'),
							mimeType: 'image/png',
							fileName: 'error.png',
						},
					},
				},
			],
		});
		const withoutFile = await submit({ ...form, Message: 'No screenshot this time.' });

		for (const { errors, run } of [withFile, withoutFile]) {
			expect(errors).toEqual({});
			expect(run.status).toBe('success');
		}
		const [screenshot, text] = sandbox().store.listMessages();
		expect(screenshot?.content).toBe('The app shows this error.');
		expect(screenshot?.attachments.map((file) => [file.fileName, file.mimeType])).toEqual([
			['error.png', 'image/png'],
		]);
		expect(screenshot?.attachments[0]?.data.equals(SCREENSHOT)).toBe(true);
		expect(text?.attachments).toEqual([]);
		expect(
			sandbox()
				.store.listConversations()
				.map((conversation) => conversation.status),
		).toEqual(['pending', 'pending']);
	});
});
