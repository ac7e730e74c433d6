import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { asNodeError } from './errors';

/**
 * A custom operation's loop: items one after another in item order, each output paired to its
 * input, a failure either stopping the node or (Continue On Fail) becoming that item's error.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject>,
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (context.getExecutionCancelSignal()?.aborted) break;
		const pairedItem = { item: itemIndex };
		try {
			output.push({ json: await run(itemIndex), pairedItem });
		} catch (error) {
			const nodeError = asNodeError(context.getNode(), error);
			if (!context.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, pairedItem });
		}
	}
	return [output];
}
