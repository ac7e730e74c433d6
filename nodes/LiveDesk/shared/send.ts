import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

/**
 * A call made in code (a repeat after a 429, the Create or Update look-up, the
 * editor's contact list), with the credential's auth. Every answer comes back,
 * whatever its status, to be read by acceptedAnswer or checkedAnswer.
 */
export async function sendToLiveDesk(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	request: IHttpRequestOptions,
): Promise<IN8nHttpFullResponse> {
	return (await context.helpers.httpRequestWithAuthentication.call(context, 'liveDeskApi', {
		...request,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as IN8nHttpFullResponse;
}
