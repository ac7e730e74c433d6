import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { withDownloadResults } from './downloadResults';
import {
	DEFAULT_DOWNLOAD_TIMEOUT_SECONDS,
	downloadAttachments,
	type DownloadSettings,
} from './download';
import { checkEvent, DEFAULT_MESSAGE_TYPES, parseIdList, type FilterSettings } from './filter';
import { isMessageEvent, readEvent } from './payload';
import {
	answerStarted,
	ignoreEvent,
	rejectUnauthorized,
	STARTED_MESSAGE,
	type PlainResponse,
} from './responses';
import { simplifyEvent } from './simplify';
import { MESSAGE_TYPES_VERSION, triggerProperties } from './properties';
import { hasValidToken } from './token';
import {
	BYTES_PER_MB,
	DEFAULT_MAX_ATTACHMENT_MB,
	readAttachments,
} from '../shared/attachmentEntries';
import { secretsOf } from '../shared/masking';

interface TriggerOptions {
	ignoredAgentIds?: string;
	/** Version 1 only: adds Incoming to Message Types. */
	includeIncoming?: boolean;
	includePrivateNotes?: boolean;
	headerName?: string;
}

// The subtitle names the chosen events as the Events list shows them, not by their values,
// and takes the names from that list so the two cannot drift apart.
const eventOptions =
	triggerProperties.find((property) => property.name === 'events')?.options ?? [];
const EVENT_NAMES = JSON.stringify(
	Object.fromEntries(
		eventOptions.map((option) => ['value' in option ? option.value : '', option.name]),
	),
);

function filterSettings(context: IWebhookFunctions, options: TriggerOptions): FilterSettings {
	const events = context.getNodeParameter('events', []) as string[];
	// Message Types is hidden, so n8n does not hand it over, while no message event is selected.
	const messageTypes = context.getNodeParameter('messageTypes', [
		...DEFAULT_MESSAGE_TYPES,
	]) as string[];
	return {
		events,
		messageTypes: options.includeIncoming === true ? [...messageTypes, 'incoming'] : messageTypes,
		conversationStatuses: context.getNodeParameter('conversationStatuses', []) as string[],
		includePrivateNotes: options.includePrivateNotes ?? false,
		ignoredAgentIds: parseIdList(options.ignoredAgentIds ?? ''),
	};
}

interface TriggerCredentials {
	apiKey?: string;
	apiSecret?: string;
	webhookToken?: string;
	baseUrl?: string;
}

function downloadSettings(
	context: IWebhookFunctions,
	credentials: TriggerCredentials,
): DownloadSettings {
	const megabytes = Number(
		context.getNodeParameter('maxAttachmentSize', DEFAULT_MAX_ATTACHMENT_MB),
	);
	const seconds = Number(
		context.getNodeParameter('downloadTimeout', DEFAULT_DOWNLOAD_TIMEOUT_SECONDS),
	);
	return {
		baseUrl: typeof credentials.baseUrl === 'string' ? credentials.baseUrl : '',
		maxBytes:
			(Number.isFinite(megabytes) && megabytes > 0 ? megabytes : DEFAULT_MAX_ATTACHMENT_MB) *
			BYTES_PER_MB,
		timeoutMs:
			(Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_DOWNLOAD_TIMEOUT_SECONDS) * 1000,
		secrets: secretsOf(credentials),
		apiKey: credentials.apiKey,
	};
}

export class LiveDeskTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiveDesk Trigger',
		name: 'liveDeskTrigger',
		icon: { light: 'file:../../icons/livedesk.svg', dark: 'file:../../icons/livedesk.dark.svg' },
		group: ['trigger'],
		// 1.1 replaced the Include Incoming Messages option with Message Types. Reading the old
		// option in code without a new version is not possible: when n8n loads a workflow it
		// drops every parameter its node's description does not declare (and every one it
		// hides), so the option must stay declared and shown for the nodes saved with it.
		// Version 1 nodes keep it (and get Message Types too); new nodes are 1.1 and never see it.
		version: [1, MESSAGE_TYPES_VERSION],
		defaultVersion: MESSAGE_TYPES_VERSION,
		subtitle: `={{$parameter["events"].includes("*") ? "All events" : $parameter["events"].map((event) => (${EVENT_NAMES})[event] || event).join(", ")}}`,
		description:
			'Starts the workflow when an agent replies in EngageLab LiveDesk or a conversation changes',
		defaults: { name: 'LiveDesk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The trigger calls no API; the credential holds the webhook token, encrypted like the
		// key and secret, rather than a node parameter that is exported with the workflow.
		credentials: [{ name: 'liveDeskApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				// Without responseData n8n answers a started event with the literal text "firstEntryJson";
				// LiveDesk's webhook log should show what happened instead.
				responseData: `={{ ({ message: "${STARTED_MESSAGE}" }) }}`,
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			// LiveDesk has no API for webhooks: the user pastes the URL into the channel's settings,
			// so there is nothing to look up, register or remove when the workflow is (de)activated.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const credentials = await this.getCredentials<TriggerCredentials>('liveDeskApi');
		const { webhookToken } = credentials;
		// A token pasted into the credential often brings a newline or space along, which no
		// URL carries; compared as stored, it would reject every event with 401.
		const token = typeof webhookToken === 'string' ? webhookToken.trim() : '';
		if (
			token !== '' &&
			!hasValidToken(token, options.headerName ?? '', this.getQueryData(), this.getHeaderData())
		) {
			return rejectUnauthorized(this.getResponseObject() as PlainResponse);
		}

		const event = readEvent(this.getBodyData());
		if (!event) return ignoreEvent('not a LiveDesk event');

		const verdict = checkEvent(event, filterSettings(this, options));
		if (!verdict.start) return ignoreEvent(verdict.reason);

		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const attachments = isMessageEvent(event) ? readAttachments(event.body) : [];
		const download = this.getNodeParameter('downloadAttachments', false) as boolean;
		if (!download || attachments.length === 0) {
			return {
				workflowData: [
					this.helpers.returnJsonArray(simplify ? simplifyEvent(event, attachments) : event.body),
				],
			};
		}

		const settings = downloadSettings(this, credentials);
		// Answered before the downloads, which can take longer than LiveDesk waits (see answerStarted).
		answerStarted(this.getResponseObject() as PlainResponse);
		const downloaded = await downloadAttachments(this, attachments, settings);
		const item: INodeExecutionData = {
			json: simplify
				? simplifyEvent(event, downloaded.entries)
				: withDownloadResults(event.body, downloaded.entries),
		};
		if (Object.keys(downloaded.binary).length > 0) item.binary = downloaded.binary;
		return { noWebhookResponse: true, workflowData: [[item]] };
	}
}
