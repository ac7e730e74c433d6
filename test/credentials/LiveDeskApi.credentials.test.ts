import { testCredential } from '../../tools/engine';
import { expectedBasicAuth, sandboxCredentials, useSandbox } from '../helpers/sandbox';

describe('LiveDesk API credential test (the credential dialog’s Test button)', () => {
	const sandbox = useSandbox();

	it('succeeds with the right key and secret, sending them as HTTP Basic', async () => {
		const result = await testCredential('liveDeskApi', sandboxCredentials(sandbox()).liveDeskApi);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = sandbox().requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/api/v2/accounts/contacts');
		expect(request.query).toEqual({ page: '1' });
		expect(request.headers.authorization).toBe(expectedBasicAuth(sandbox()));
	});

	it('fails with a wrong secret and says where to find the right one', async () => {
		const credentials = sandboxCredentials(sandbox(), { apiSecret: 'wrong-secret' }).liveDeskApi;

		const result = await testCredential('liveDeskApi', credentials);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key or secret/);
		expect(result.message).toMatch(/API Management/);
	});

	it('fails with a Base URL that includes the API path, and says to use the host only', async () => {
		const credentials = sandboxCredentials(sandbox(), {
			baseUrl: `${sandbox().url}/api/v2/accounts`,
		}).liveDeskApi;

		const result = await testCredential('liveDeskApi', credentials);

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/host only/) });
	});

	it('accepts a Base URL with a trailing slash', async () => {
		const credentials = sandboxCredentials(sandbox(), { baseUrl: `${sandbox().url}/` }).liveDeskApi;

		expect(await testCredential('liveDeskApi', credentials)).toMatchObject({ status: 'OK' });
	});
});
