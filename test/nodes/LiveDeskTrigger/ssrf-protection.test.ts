import './ssrf-protection-on';
import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../../helpers/sandbox';
import { startFileHost, type FileHost } from './file-host';
import { post, triggerOutputs, triggerWorkflow, useTriggerServer } from './helpers';

const DOWNLOAD = { events: ['message_created'], downloadAttachments: true };

/**
 * The trigger lets the Base URL's own host through its own checks (the sandbox is on 127.0.0.1).
 * With N8N_SSRF_PROTECTION_ENABLED, n8n's HTTP helpers refuse 127.0.0.0/8 themselves: this shows
 * the downloads go through them, with and without the credential, and so honour what a self-hoster
 * turns on (including DNS answers the trigger cannot check).
 */
describe('LiveDesk Trigger downloads with N8N_SSRF_PROTECTION_ENABLED=true', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	let files: FileHost;
	beforeEach(async () => {
		files = await startFileHost();
	});
	afterEach(async () => await files.close());

	/** An agent's reply with one file, as LiveDesk posts it. */
	const reply = (fileUrl: string) => ({
		event: 'message_created',
		id: 7001,
		message_type: 'outgoing',
		content: 'A file',
		private: false,
		sender: { id: 1, type: 'user' },
		conversation: { id: 40, status: 'open' },
		attachments: [{ file_type: 'file', file_url: fileUrl }],
	});

	it('n8n refuses a file on a loopback host, although it is the Base URL’s own host', async () => {
		files.serve('/file.txt', {
			kind: 'file',
			data: Buffer.from('hello'),
			contentType: 'text/plain',
		});
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		await post(server.url, reply(`${files.url}/file.txt`));
		await server.idle();

		const [entry] = triggerOutputs(server)[0].attachments as IDataObject[];
		expect(entry.binary_property).toBeUndefined();
		expect(entry.download_error).toBe(
			`n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused to fetch the file from ${new URL(files.url).host}: The request was blocked because it resolves to a restricted IP address. If that host really holds LiveDesk's files, allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES; otherwise treat the event as forged.`,
		);
		expect(files.requests).toEqual([]);
	});

	it('n8n refuses the credentialed download from the Base URL’s origin (the sandbox on 127.0.0.1) too', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		await post(server.url, reply(`${sandbox().url}/rails/active_storage/blobs/x/a.txt`));
		await server.idle();

		const [entry] = triggerOutputs(server)[0].attachments as IDataObject[];
		expect(entry.download_error).toMatch(
			new RegExp(
				`^n8n's SSRF protection \\(N8N_SSRF_PROTECTION_ENABLED\\) refused to fetch the file from ${new URL(sandbox().url).host}: `,
			),
		);
		expect(sandbox().requests).toEqual([]);
	});
});
