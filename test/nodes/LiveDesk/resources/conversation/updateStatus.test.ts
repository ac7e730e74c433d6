import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../../../../tools/engine';
import { createContacts } from '../../../../helpers/contacts';
import { sandboxCredentials, useSandbox } from '../../../../helpers/sandbox';
import { NODE_NAME, singleOperationWorkflow } from '../../../../helpers/workflow';

describe('Conversation → Update Status', () => {
	const sandbox = useSandbox();

	async function openConversation(): Promise<number> {
		const credentials = sandboxCredentials(sandbox());
		const [contact] = await createContacts(credentials, [{ name: 'Alice' }]);
		const { outputs } = await runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'create',
				inboxId: 407,
				contactId: contact.id as number,
			}),
			{ credentials },
		);
		return outputs[NODE_NAME][0].json.id as number;
	}

	const updateStatus = (parameters: INodeParameters) =>
		runWorkflow(
			singleOperationWorkflow({
				resource: 'conversation',
				operation: 'updateStatus',
				...parameters,
			}),
			{
				credentials: sandboxCredentials(sandbox()),
			},
		);

	it('resolves a conversation and keeps its id at the top for the next step', async () => {
		const conversationId = await openConversation();

		const { outputs, errors } = await updateStatus({ conversationId, status: 'resolved' });

		expect(errors).toEqual({});
		const request = sandbox().requests.at(-1);
		expect(request?.method).toBe('POST');
		expect(request?.path).toBe(`/api/v2/accounts/conversations/${conversationId}/toggle_status`);
		expect(request?.body).toEqual({ status: 'resolved' });
		expect(outputs[NODE_NAME][0].json).toEqual({
			id: conversationId,
			status: 'resolved',
			snoozed_until: null,
			success: true,
		});
		expect(sandbox().store.getConversation(conversationId)?.status).toBe('resolved');
	});

	const updateStatusIn = (timezone: string, parameters: INodeParameters) =>
		runWorkflow(
			{
				...singleOperationWorkflow({
					resource: 'conversation',
					operation: 'updateStatus',
					...parameters,
				}),
				settings: { timezone },
			},
			{ credentials: sandboxCredentials(sandbox()) },
		);

	/** The Unix seconds LiveDesk received for one snooze in the given workflow time zone. */
	async function snoozedUntilSent(timezone: string, snoozedUntil: string): Promise<unknown> {
		const conversationId = await openConversation();
		const { errors } = await updateStatusIn(timezone, {
			conversationId,
			status: 'snoozed',
			snoozedUntil,
		});
		expect(errors).toEqual({});
		return (sandbox().requests.at(-1)?.body as { snoozed_until?: unknown }).snoozed_until;
	}

	const unixSeconds = (iso: string) => Date.parse(iso) / 1000;

	// Each case reads one picked time in two zones: code that used the server's
	// zone would send the same number for both, so one of them fails on any machine.
	it("reads a picked date without offset in the workflow's time zone", async () => {
		expect(await snoozedUntilSent('America/New_York', '2026-12-01T09:30:00')).toBe(
			unixSeconds('2026-12-01T14:30:00Z'),
		);
		expect(await snoozedUntilSent('Asia/Tokyo', '2026-12-01T09:30:00')).toBe(
			unixSeconds('2026-12-01T00:30:00Z'),
		);
	});

	it("follows the workflow time zone's summer time", async () => {
		expect(await snoozedUntilSent('America/New_York', '2026-07-01T09:30:00')).toBe(
			unixSeconds('2026-07-01T13:30:00Z'),
		);
		expect(await snoozedUntilSent('Europe/Berlin', '2026-07-01T09:30:00')).toBe(
			unixSeconds('2026-07-01T07:30:00Z'),
		);
	});

	it('gets the offset right on the days the clocks change', async () => {
		// 03:30 New York time is just after the clocks went forward, while the
		// offset at 03:30 UTC is still winter time's: one guess would be an hour late.
		expect(await snoozedUntilSent('America/New_York', '2026-03-08T03:30:00')).toBe(
			unixSeconds('2026-03-08T07:30:00Z'),
		);
		// 02:30 does not exist that night; as in n8n's Luxon, it moves forward to 03:30.
		expect(await snoozedUntilSent('America/New_York', '2026-03-08T02:30:00')).toBe(
			unixSeconds('2026-03-08T07:30:00Z'),
		);
		expect(await snoozedUntilSent('Europe/Berlin', '2026-03-29T03:30:00')).toBe(
			unixSeconds('2026-03-29T01:30:00Z'),
		);
		// 02:30 happens twice in Berlin that night; the snooze ends at the first.
		expect(await snoozedUntilSent('Europe/Berlin', '2026-10-25T02:30:00')).toBe(
			unixSeconds('2026-10-25T00:30:00Z'),
		);
	});

	it('keeps dates that carry Z or an offset as they are, whatever the workflow time zone', async () => {
		expect(await snoozedUntilSent('America/New_York', '2026-12-01T09:30:00Z')).toBe(
			unixSeconds('2026-12-01T09:30:00Z'),
		);
		expect(await snoozedUntilSent('Asia/Tokyo', '2026-12-01T09:30:00+02:00')).toBe(
			unixSeconds('2026-12-01T07:30:00Z'),
		);
	});

	it('rejects a picked date that is not on the calendar', async () => {
		const conversationId = await openConversation();
		const before = sandbox().requests.length;

		const { errors } = await updateStatusIn('Europe/Berlin', {
			conversationId,
			status: 'snoozed',
			snoozedUntil: '2026-02-30T09:30:00',
		});

		expect(errors[NODE_NAME]?.message).toMatch(/Snoozed Until "2026-02-30T09:30:00" is not a date/);
		expect(sandbox().requests).toHaveLength(before);
	});

	it('snoozes until a date, sent as Unix seconds', async () => {
		const conversationId = await openConversation();

		const { outputs } = await updateStatus({
			conversationId,
			status: 'snoozed',
			snoozedUntil: '2030-01-02T03:04:05.000Z',
		});

		expect(sandbox().requests.at(-1)?.body).toEqual({
			status: 'snoozed',
			snoozed_until: 1893553445,
		});
		expect(outputs[NODE_NAME][0].json).toMatchObject({
			status: 'snoozed',
			snoozed_until: 1893553445,
		});
	});

	it('rejects a snooze date that is not a date, before sending', async () => {
		const conversationId = await openConversation();
		const before = sandbox().requests.length;

		const { errors } = await updateStatus({
			conversationId,
			status: 'snoozed',
			snoozedUntil: '={{ "next week" }}',
		});

		expect(errors[NODE_NAME]?.message).toMatch(/Snoozed Until "next week" is not a date/);
		expect(sandbox().requests).toHaveLength(before);
	});
});
