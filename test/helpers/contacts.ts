import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../../tools/engine';
import { NODE_NAME, singleOperationWorkflow } from './workflow';

/** Creates contacts through the node itself, one per item, and returns them (simplified). */
export async function createContacts(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	contacts: IDataObject[],
): Promise<IDataObject[]> {
	const { outputs, errors } = await runWorkflow(
		singleOperationWorkflow({
			resource: 'contact',
			operation: 'create',
			inboxId: 407,
			additionalFields: {
				name: '={{ $json.name }}',
				email: '={{ $json.email ?? "" }}',
				identifier: '={{ $json.identifier ?? "" }}',
			},
		}),
		{ credentials, items: contacts },
	);
	if (Object.keys(errors).length)
		throw new Error(`Seeding contacts failed: ${Object.values(errors)[0].message}`);
	return outputs[NODE_NAME].map((item) => item.json);
}
