import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { loadProjectPackage, runWorkflow } from '../../../../../tools/engine';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

/** The Priority option under Create's Additional Fields and Update's Update Fields, as n8n loads the node. */
async function priorityFields(): Promise<INodeProperties[]> {
	const loader = await loadProjectPackage();
	const { properties } = (loader.nodeTypes.liveDesk.type as INodeType).description;
	return ['additionalFields', 'updateFields'].map((collection) => {
		const field = properties
			.find(
				(property) =>
					property.name === collection && property.displayOptions?.show?.resource?.[0] === 'ticket',
			)
			?.options?.find((option) => 'name' in option && option.name === 'priority');
		if (!field) throw new Error(`No Priority under ${collection}`);
		return field as INodeProperties;
	});
}

describe('Ticket Priority', () => {
	const sandbox = useSandbox();

	it('offers the documented values Low, Medium, High and Urgent on Create and Update', async () => {
		for (const field of await priorityFields()) {
			expect(field.type).toBe('options');
			expect(field.options).toEqual([
				{ name: 'Low', value: 'low' },
				{ name: 'Medium', value: 'medium' },
				{ name: 'High', value: 'high' },
				{ name: 'Urgent', value: 'urgent' },
			]);
		}
	});

	const createWith = async (priority: string) =>
		await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Printer jam',
				additionalFields: { priority },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

	const sentPriority = () => (sandbox().requests.at(-1)?.body as IDataObject).priority;

	it('sends the chosen value', async () => {
		const { errors } = await createWith('urgent');

		expect(errors).toEqual({});
		expect(sentPriority()).toBe('urgent');
	});

	it('a saved workflow’s free text (the docs’ Update example sends "normal") is still sent as it is, on Create and Update', async () => {
		const created = await createWith('normal');
		const ticketId = created.outputs[NODE_NAME][0].json.id as string;
		expect(sentPriority()).toBe('normal');

		const updated = await runWorkflow(
			singleOperationWorkflow({
				resource: 'ticket',
				operation: 'update',
				ticketId,
				updateFields: { priority: 'Normal' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect([created.errors, updated.errors]).toEqual([{}, {}]);
		expect(sentPriority()).toBe('Normal');
		expect(sandbox().store.getTicket(ticketId)?.priority).toBe('Normal');
	});

	it('an expression may give any text', async () => {
		const { errors } = await createWith('={{ "crit" + "ical" }}');

		expect(errors).toEqual({});
		expect(sentPriority()).toBe('critical');
	});
});
