import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Contact → Update', () => {
	const sandbox = useSandbox();

	it('patches only the fields set, merging custom and additional attributes', async () => {
		const credentials = sandboxCredentials(sandbox());
		const [contact] = await createContacts(credentials, [
			{ name: 'Alice', email: 'alice@example.com' },
		]);
		const contactId = contact.id as number;
		const update = (updateFields: INodeParameters) =>
			runWorkflow(
				singleOperationWorkflow({
					resource: 'contact',
					operation: 'update',
					contactId: {
						__rl: true,
						mode: 'list',
						value: String(contactId),
						cachedResultName: 'Alice',
					},
					updateFields,
				}),
				{ credentials },
			);

		await update({
			customAttributes: {
				attribute: [
					{ key: 'plan', value: 'free' },
					{ key: 'seats', value: '3' },
				],
			},
		});
		const { outputs, errors } = await update({
			name: 'Alice Smith',
			phoneNumber: '+4915112345678',
			blocked: true,
			customAttributes: { attribute: [{ key: 'plan', value: 'premium' }] },
			additionalAttributes: { attribute: [{ key: 'company_name', value: 'Acme' }] },
		});

		expect(errors).toEqual({});
		const request = sandbox().requests.at(-1);
		expect(request?.method).toBe('PATCH');
		expect(request?.path).toBe(`/api/v2/accounts/contacts/${contactId}`);
		expect(request?.body).toEqual({
			name: 'Alice Smith',
			phone_number: '+4915112345678',
			blocked: true,
			custom_attributes: { plan: 'premium' },
			additional_attributes: { company_name: 'Acme' },
		});
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			id: contactId,
			name: 'Alice Smith',
			email: 'alice@example.com',
			blocked: true,
			custom_attributes: { plan: 'premium', seats: '3' },
		});
	});

	it('rejects an update with nothing to change, before sending', async () => {
		const [contact] = await createContacts(sandboxCredentials(sandbox()), [{ name: 'Alice' }]);
		sandbox().requests.length = 0;

		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'update',
				contactId: { __rl: true, mode: 'id', value: String(contact.id) },
				updateFields: { name: '' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors[NODE_NAME]?.message).toBe('Nothing to update: Update Fields is empty (item 0)');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('names the contact a 404 was about', async () => {
		const { errors } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'contact',
				operation: 'update',
				contactId: { __rl: true, mode: 'id', value: '424242' },
				updateFields: { name: 'Ghost' },
			}),
			{ credentials: sandboxCredentials(sandbox()) },
		);

		expect(errors[NODE_NAME]).toMatchObject({
			message: 'LiveDesk answered 404: Resource could not be found',
			description: expect.stringMatching(/^Contact ID 424242: check that it exists/),
		});
	});
});
