import type { IDataObject } from 'n8n-workflow';
import { refuseConnectionsOffThisMachine } from '../../helpers/loopbackOnly';
import { expectedBasicAuth, useSandbox } from '../../helpers/sandbox';
import { startFileHost, type FileHost } from './file-host';
import { post, triggerItems, triggerOutputs, triggerWorkflow, useTriggerServer } from './helpers';

const DOWNLOAD = { events: ['message_created'], downloadAttachments: true };
const MB = 1024 * 1024;

/** A forged agent reply whose attachments point wherever the attacker likes. */
function forgedEvent(urls: readonly string[]): IDataObject {
	return {
		event: 'message_created',
		id: 6001,
		content: 'Your invoice',
		message_type: 'outgoing',
		private: false,
		sender: { id: 1, name: 'Sandbox Agent', type: 'user' },
		conversation: {
			id: 40,
			status: 'open',
			meta: { sender: { id: 7, phone_number: '+4915112345678' } },
		},
		attachments: urls.map((file_url) => ({ file_type: 'file', file_url })),
	};
}

function downloadErrors(server: Parameters<typeof triggerOutputs>[0]): unknown[] {
	return (triggerOutputs(server)[0].attachments as IDataObject[]).map(
		(entry) => entry.download_error,
	);
}

describe('LiveDesk Trigger: a forged event cannot turn the downloads against the owner', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	let files: FileHost;
	beforeEach(async () => {
		files = await startFileHost();
	});
	afterEach(async () => await files.close());

	const apiRequests = () => sandbox().requests.filter((request) => /\/api\//i.test(request.path));

	it('refuses attachment URLs into LiveDesk’s API, however written, and never sends the credential there', async () => {
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		const base = sandbox().url;
		const urls = [
			`${base}/api/v2/accounts/contacts?page=1`,
			`${base}/rails/active_storage/../../api/v2/accounts/contacts`,
			`${base}/%61pi/v2/accounts/contacts`,
			`${base}/rails/%2e%2e/API/v2/accounts/conversations`,
		];
		expect((await post(server.url, forgedEvent(urls))).status).toBe(200);
		await server.idle();

		expect(server.runs).toHaveLength(1);
		expect(triggerItems(server)[0].binary).toBeUndefined();
		expect(downloadErrors(server)).toEqual(
			urls.map(() =>
				expect.stringMatching(
					/^The attachment's URL is \/.* on the Base URL's host, which is LiveDesk's API, not a file, so it was not downloaded/,
				),
			),
		);
		expect(sandbox().requests).toEqual([]);
	});

	it('decides each redirect hop the same way: a file link that redirects into the API is refused there', async () => {
		// A file path on the Base URL's origin that redirects into the API (as a compromised or
		// misconfigured LiveDesk might), and a link on another host that does the same.
		sandbox().injectFault({
			method: 'GET',
			path: '/rails/active_storage/blobs/redirect/',
			status: 302,
			headers: { location: '/api/v2/accounts/contacts?page=1' },
		});
		files.serve('/bounce', {
			kind: 'redirect',
			location: `${sandbox().url}/api/v2/accounts/contacts?page=1`,
		});
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		await post(
			server.url,
			forgedEvent([
				`${sandbox().url}/rails/active_storage/blobs/redirect/x/file.pdf`,
				`${files.url}/bounce`,
			]),
		);
		await server.idle();

		expect(downloadErrors(server)).toEqual([
			expect.stringMatching(
				/^The attachment's URL redirected to \/api\/v2\/accounts\/contacts on the Base URL's host, which is LiveDesk's API/,
			),
			expect.stringMatching(
				/^The attachment's URL redirected to \/api\/v2\/accounts\/contacts on the Base URL's host, which is LiveDesk's API/,
			),
		]);
		expect(sandbox().requests.map((request) => request.path)).toEqual([
			'/rails/active_storage/blobs/redirect/x/file.pdf',
		]);
		expect(apiRequests()).toEqual([]);
	});

	it('refuses loopback, private, link-local, unique-local and metadata hosts before connecting', async () => {
		const offThisMachine = refuseConnectionsOffThisMachine();
		const other = await startFileHost('127.0.0.2');
		try {
			other.serve('/secret', {
				kind: 'file',
				data: Buffer.from('internal'),
				contentType: 'text/plain',
			});
			files.serve('/secret', {
				kind: 'file',
				data: Buffer.from('internal'),
				contentType: 'text/plain',
			});
			const port = new URL(files.url).port;
			const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
			const urls = [
				`${other.url}/secret`,
				`http://localhost:${port}/secret`,
				`http://2130706434:${new URL(other.url).port}/secret`,
				`http://[::ffff:127.0.0.2]:${new URL(other.url).port}/secret`,
				`http://[::1]:${port}/secret`,
				'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
				'http://metadata.google.internal/computeMetadata/v1/',
				'http://[fd00:ec2::254]/latest/meta-data/',
				'http://10.0.0.1/admin',
				'file:///etc/passwd',
			];
			await post(server.url, forgedEvent(urls));
			await server.idle();

			const errors = downloadErrors(server);
			expect(errors.slice(0, 9)).toEqual(
				urls
					.slice(0, 9)
					.map(() =>
						expect.stringMatching(
							/^The attachment's URL points at .*, which the trigger does not fetch from: .*(loopback|this machine or a cloud metadata)/,
						),
					),
			);
			expect(errors[9]).toMatch(/is not an http\(s\) URL/);
			expect(other.requests).toEqual([]);
			expect(files.requests).toEqual([]);
			expect(offThisMachine.attempts).toEqual([]);
		} finally {
			offThisMachine.restore();
			await other.close();
		}
	});

	it('still fetches from the Base URL’s own host, loopback or not, and follows no redirect off it into a private host', async () => {
		files.serve('/file.txt', {
			kind: 'file',
			data: Buffer.from('hello'),
			contentType: 'text/plain',
		});
		files.serve('/to-private', { kind: 'redirect', location: 'http://127.0.0.2:9/secret' });
		// Base URL on localhost: files on localhost (any port) are its own host.
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD), '', '', {
			baseUrl: `http://localhost:${new URL(sandbox().url).port}`,
		});
		const port = new URL(files.url).port;
		await post(
			server.url,
			forgedEvent([`http://localhost:${port}/file.txt`, `http://localhost:${port}/to-private`]),
		);
		await server.idle();

		const [entries] = triggerOutputs(server).map((json) => json.attachments as IDataObject[]);
		expect(entries[0]).toMatchObject({ binary_property: 'attachment_0', file_size: 5 });
		expect(entries[1].download_error).toMatch(
			/^The attachment's URL redirected to 127\.0\.0\.2:9, which the trigger does not fetch from/,
		);
		expect(files.requests.map((request) => request.path)).toEqual(['/file.txt', '/to-private']);
	});

	it('stops reading a file without Content-Length near Max Attachment Size instead of reading it whole', async () => {
		files.serve('/huge.bin', { kind: 'stream', bytes: 32 * MB });
		const server = await serve(sandbox(), triggerWorkflow({ ...DOWNLOAD, maxAttachmentSize: 1 }));
		await post(server.url, forgedEvent([`${files.url}/huge.bin`]));
		await server.idle();

		expect(server.runs).toHaveLength(1);
		expect(downloadErrors(server)).toEqual([
			expect.stringMatching(
				/^The file is larger than Max Attachment Size \(1 MB\): n8n stopped reading it after [\d,]+ bytes, so it was not kept\./,
			),
		]);
		const [request] = files.requests;
		// What the connection took beyond the cap is the sockets' buffers, not a read of 32 MiB.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(request.finished).toBe(false);
		expect(request.bytesSent).toBeLessThan(8 * MB);
	});

	it('cuts a host that drips one byte at a time at Download Timeout, and still starts the workflow', async () => {
		files.serve('/drip.bin', { kind: 'drip', bytes: 600, everyMs: 50 });
		const server = await serve(sandbox(), triggerWorkflow({ ...DOWNLOAD, downloadTimeout: 1 }));
		const started = Date.now();
		await post(server.url, forgedEvent([`${files.url}/drip.bin`]));
		await server.idle();

		expect(Date.now() - started).toBeLessThan(5000);
		expect(server.runs).toHaveLength(1);
		expect(downloadErrors(server)).toEqual([
			expect.stringMatching(
				/^The file did not arrive within Download Timeout \(1 s; \d+ bytes had come\), so n8n stopped and did not keep it\./,
			),
		]);
		expect(files.requests[0].finished).toBe(false);
	});

	it('downloads the first 10 attachments of an event and reports the others without fetching them', async () => {
		files.serve('/a.txt', { kind: 'file', data: Buffer.from('a'), contentType: 'text/plain' });
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD));
		await post(
			server.url,
			forgedEvent(Array.from({ length: 13 }, (_, index) => `${files.url}/a.txt?n=${index}`)),
		);
		await server.idle();

		expect(server.runs).toHaveLength(1);
		const entries = triggerOutputs(server)[0].attachments as IDataObject[];
		expect(entries.slice(0, 10).map((entry) => entry.binary_property)).toEqual(
			Array.from({ length: 10 }, (_, index) => `attachment_${index}`),
		);
		expect(entries.slice(10).map((entry) => entry.download_error)).toEqual(
			Array.from({ length: 3 }, () =>
				expect.stringMatching(
					/^The event lists more than 10 attachments, and the trigger downloads the first 10 only/,
				),
			),
		);
		expect(Object.keys(triggerItems(server)[0].binary ?? {})).toHaveLength(10);
		expect(files.requests).toHaveLength(10);
	});

	it('masks the credential and the Webhook Token when the Base URL’s host echoes them in its answer', async () => {
		const token = 'whtok-9f2c-forged-events-stop-here';
		const basic = expectedBasicAuth(sandbox());
		files.serve('/echo.pdf', {
			kind: 'status',
			status: 500,
			reason: `Failed for ${basic} key=${sandbox().apiKey} secret=${sandbox().apiSecret} token=${token}`,
		});
		const server = await serve(sandbox(), triggerWorkflow(DOWNLOAD), `?token=${token}`, token, {
			baseUrl: files.url,
		});
		await post(`${server.url}?token=${token}`, forgedEvent([`${files.url}/echo.pdf`]));
		await server.idle();

		expect(files.requests.map((request) => request.headers.authorization)).toEqual([basic]);
		const [error] = downloadErrors(server);
		expect(error).toMatch(
			/^The file host answered 500 \(Failed for Basic \[hidden\] key=\[hidden\] secret=\[hidden\] token=\[hidden\]\)/,
		);
		const stored = JSON.stringify(server.runs.map((run) => run.run.data));
		for (const value of [
			basic.slice('Basic '.length),
			sandbox().apiKey,
			sandbox().apiSecret,
			token,
		]) {
			expect(stored).not.toContain(value);
		}
	});
});
