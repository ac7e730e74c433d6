import type { IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * LiveDesk ids are positive integers. Users often pass them through expressions,
 * so numeric strings are accepted and sent as JSON numbers, as the API expects.
 */
export function parseId(context: IExecuteSingleFunctions, value: unknown, fieldLabel: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = /^\d+$/.test(text) ? Number(text) : NaN;
	if (Number.isSafeInteger(id) && id > 0) return id;

	const itemIndex = context.getItemIndex();
	const shown = value === undefined || value === '' || value === null ? 'nothing' : `"${String(value)}"`;
	throw new NodeOperationError(
		context.getNode(),
		`${fieldLabel} must be a positive whole number, but item ${itemIndex} has ${shown}`,
		{
			itemIndex,
			description: `Set ${fieldLabel} to the numeric ID that LiveDesk returned (e.g. 407), or to an expression such as {{ $json.id }} that resolves to it.`,
		},
	);
}
