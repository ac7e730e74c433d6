import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { asNodeError } from './errors';
import { readConnection, type Connection } from './transport';
import { checkBaseUrl } from './validation';

/**
 * What an item's program (Create or Update, Get or Create, Send to Contact) uses of n8n: the
 * node's context as a custom operation has it (IExecuteFunctions fits as it is), or the one item's
 * routing context, adapted by itemFunctionsOfRoutedItem.
 */
export interface ItemFunctions {
	getNode(): INode;
	getNodeParameter(
		parameterName: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: IGetNodeParameterOptions,
	): NodeParameterValueType | object;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(
		type: string,
		itemIndex?: number,
	): Promise<T>;
	getExecutionCancelSignal(): AbortSignal | undefined;
	continueOnFail(): boolean;
	getInputData(): INodeExecutionData[];
	helpers: {
		httpRequestWithAuthentication(
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
		assertBinaryData(itemIndex: number, field: string): IBinaryData;
		getBinaryDataBuffer(itemIndex: number, field: string): Promise<Buffer>;
	};
}

/**
 * An item's program: its output for the item at itemIndex. What all items of a run share (the
 * Request Options and the account, from the credential) is read once per run where n8n runs items
 * together, and the Base URL is checked before each item, inside that item's error handling.
 */
export type ItemProgram = (
	context: ItemFunctions,
	itemIndex: number,
	connection: Connection,
) => Promise<IDataObject>;

/**
 * One item through its program: the output paired to its input, a failure either stopping the
 * node or (Continue On Fail) becoming that item's error. The same for both ways n8n runs it.
 */
async function runItem(
	context: ItemFunctions,
	itemIndex: number,
	work: () => Promise<IDataObject>,
): Promise<INodeExecutionData> {
	const pairedItem = { item: itemIndex };
	try {
		return { json: await work(), pairedItem };
	} catch (error) {
		const nodeError = asNodeError(context.getNode(), error);
		if (!context.continueOnFail()) throw nodeError;
		return { json: { error: nodeError.message }, pairedItem };
	}
}

async function runProgram(
	program: ItemProgram,
	context: ItemFunctions,
	itemIndex: number,
	connection: Connection,
): Promise<IDataObject> {
	checkBaseUrl(context.getNode(), itemIndex, connection.base.baseURL);
	return await program(context, itemIndex, connection);
}

/**
 * The custom operation, which n8n's engine runs (WorkflowExecute): items one after another in item
 * order, so several items for one customer act in order.
 */
export function perItemOperation(program: ItemProgram) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		const connection = await readConnection(this);
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (this.getExecutionCancelSignal()?.aborted) break;
			output.push(
				await runItem(
					this,
					itemIndex,
					async () => await runProgram(program, this, itemIndex, connection),
				),
			);
		}
		return [output];
	};
}

/**
 * The same program as the operation's routing hook, for where n8n runs the node only through its
 * routing (RoutingNode), ignoring custom operations: an AI Agent 2.2 tool, an MCP Server Trigger
 * tool. The routing engine calls requestOperations.pagination once per item with that item's
 * context and takes what it returns as the item's output; the routed request itself (the API root
 * with no path) is never sent, so the Resource's postReceive never sees an answer. The routing
 * starts all items at once; a tool call is one item.
 */
export function perItemRouting(program: ItemProgram) {
	return async function (this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
		const context = itemFunctionsOfRoutedItem(this);
		const itemIndex = this.getItemIndex();
		return [
			await runItem(
				context,
				itemIndex,
				async () => await runProgram(program, context, itemIndex, await readConnection(context)),
			),
		];
	};
}

/** The routing's one-item context in the shape a program reads: the item's index is its own. */
function itemFunctionsOfRoutedItem(context: IExecuteSingleFunctions): ItemFunctions {
	return {
		getNode: () => context.getNode(),
		getNodeParameter: (name, _itemIndex, fallback, options) =>
			context.getNodeParameter(name, fallback, options),
		getCredentials: async <T extends object = ICredentialDataDecryptedObject>(type: string) =>
			await context.getCredentials<T>(type),
		getExecutionCancelSignal: () => context.getExecutionCancelSignal(),
		continueOnFail: () => context.continueOnFail(),
		// The item at its own index, so a program's getInputData()[itemIndex] finds it.
		getInputData: () => {
			const items: INodeExecutionData[] = [];
			items[context.getItemIndex()] = context.getInputData();
			return items;
		},
		helpers: {
			httpRequestWithAuthentication: async (credentialsType, requestOptions) =>
				await context.helpers.httpRequestWithAuthentication.call(
					context,
					credentialsType,
					requestOptions,
				),
			assertBinaryData: (_itemIndex, field) => context.helpers.assertBinaryData(field),
			getBinaryDataBuffer: async (_itemIndex, field) =>
				await context.helpers.getBinaryDataBuffer(field),
		},
	};
}
