import type {
	GenericValue,
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeProperties,
} from 'n8n-workflow';
import { isBlank } from '../../../shared/utilities';
import { BYTES_PER_MB, DEFAULT_MAX_ATTACHMENT_MB } from '../../../shared/attachmentEntries';
import type { ItemFunctions } from '../../shared/perItem';
import { invalidInput } from '../../shared/validation';

/** Chatwoot's form names each file part so; assumed for LiveDesk. */
const ATTACHMENT_PART = 'attachments[]';

export const attachmentsField: INodeProperties = {
	displayName: 'Attachments',
	name: 'attachments',
	type: 'string',
	default: 'data',
	placeholder: 'e.g. data, invoice',
	hint: 'The name of the input binary field holding the file; separate several with commas',
	description:
		'Names of the input item’s binary fields whose files are sent with the message, each with its file name and MIME type (e.g. a photo a customer sent on WhatsApp). With a file, Content may be empty.',
};

export const maxAttachmentSizeField: INodeProperties = {
	displayName: 'Max Attachment Size (MB)',
	name: 'maxAttachmentSizeMb',
	type: 'number',
	default: DEFAULT_MAX_ATTACHMENT_MB,
	typeOptions: { minValue: 0.001, numberPrecision: 3 },
	description:
		'The largest file the node sends; a bigger one fails its item before any request. 40 MB is the Chatwoot family’s limit; LiveDesk documents none.',
};

/** One item's files, as routed operations (preSend) and custom operations reach them alike. */
export interface FileSource {
	node: INode;
	itemIndex: number;
	binary: IBinaryKeyData;
	metadata(field: string): IBinaryData;
	/** Reads through n8n's binary data service, so files kept on disk, in the database or in S3 work too. */
	buffer(field: string): Promise<Buffer>;
}

export function filesOfRoutedItem(context: IExecuteSingleFunctions): FileSource {
	return {
		node: context.getNode(),
		itemIndex: context.getItemIndex(),
		binary: context.getInputData().binary ?? {},
		metadata: (field) => context.helpers.assertBinaryData(field),
		buffer: async (field) => await context.helpers.getBinaryDataBuffer(field),
	};
}

export function filesOfItem(context: ItemFunctions, itemIndex: number): FileSource {
	return {
		node: context.getNode(),
		itemIndex,
		binary: context.getInputData()[itemIndex]?.binary ?? {},
		metadata: (field) => context.helpers.assertBinaryData(itemIndex, field),
		buffer: async (field) => await context.helpers.getBinaryDataBuffer(itemIndex, field),
	};
}

interface OutgoingFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

function binaryFieldNames(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

function megabytes(bytes: number): string {
	return (bytes / BYTES_PER_MB).toFixed(bytes < BYTES_PER_MB ? 3 : 1);
}

async function readFile(
	source: FileSource,
	field: string,
	maxBytes: number,
): Promise<OutgoingFile> {
	const { node, itemIndex, binary } = source;
	if (binary[field] === undefined) {
		const present = Object.keys(binary);
		throw invalidInput(
			node,
			itemIndex,
			`The input item has no binary field "${field}" to attach`,
			present.length > 0
				? `Set Additional Fields → Attachments to the item's binary field(s): ${present.join(', ')}.`
				: 'The item carries no file at all: put a node before this one that provides it (e.g. HTTP Request with Response Format File, or the WhatsApp Trigger with media download).',
		);
	}
	const metadata = source.metadata(field);
	const data = await source.buffer(field);
	const fileName =
		metadata.fileName ?? (metadata.fileExtension ? `${field}.${metadata.fileExtension}` : field);
	if (data.length === 0) {
		throw invalidInput(
			node,
			itemIndex,
			`The file "${fileName}" in binary field "${field}" is empty`,
			'LiveDesk does not accept an empty file: check the node that produced it.',
		);
	}
	if (data.length > maxBytes) {
		throw invalidInput(
			node,
			itemIndex,
			`The file "${fileName}" in binary field "${field}" is ${megabytes(data.length)} MB, over the ${megabytes(maxBytes)} MB limit`,
			'Send a smaller file, or raise Options → Max Attachment Size (MB) if your LiveDesk account accepts larger ones.',
		);
	}
	return { field, fileName, mimeType: metadata.mimeType || 'application/octet-stream', data };
}

/** Rails reads a form's nested values from JSON text, as Chatwoot's own web client sends them. */
function formValue(value: GenericValue): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function withoutContentType(headers: IDataObject | undefined): IDataObject {
	// The form sets its own multipart Content-Type with the boundary; the node's JSON default would hide it.
	return Object.fromEntries(
		Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type'),
	);
}

/**
 * A message's body: without attachments the JSON fields as they are; with them the same fields and
 * one `attachments[]` part per file as multipart/form-data (Chatwoot's form, assumed). Every check
 * runs before a request, so a bad item never reaches LiveDesk.
 */
export async function messagePayload(
	source: FileSource,
	body: IDataObject,
	attachments: unknown,
	maxMb: number,
): Promise<IDataObject | FormData> {
	const fields = binaryFieldNames(attachments);
	if (fields.length === 0) {
		if (isBlank(body.content)) {
			throw invalidInput(
				source.node,
				source.itemIndex,
				'Content is empty and no file is attached; LiveDesk does not accept an empty message',
				'Fill in Content (check that its expression resolves to text for every item), or add Additional Fields → Attachments with the binary field holding a file.',
			);
		}
		return body;
	}
	const files: OutgoingFile[] = [];
	for (const field of fields) files.push(await readFile(source, field, maxMb * BYTES_PER_MB));

	const form = new FormData();
	for (const [key, value] of Object.entries(body)) {
		if (!isBlank(value)) form.append(key, formValue(value));
	}
	for (const file of files) {
		form.append(
			ATTACHMENT_PART,
			new Blob([new Uint8Array(file.data)], { type: file.mimeType }),
			file.fileName,
		);
	}
	return form;
}

/** Send Message's last preSend: the routed request's body becomes the message payload. */
export async function attachFiles(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const payload = await messagePayload(
		filesOfRoutedItem(this),
		(requestOptions.body ?? {}) as IDataObject,
		this.getNodeParameter('additionalFields.attachments', ''),
		this.getNodeParameter('options.maxAttachmentSizeMb', DEFAULT_MAX_ATTACHMENT_MB) as number,
	);
	if (payload instanceof FormData) {
		requestOptions.body = payload;
		requestOptions.headers = withoutContentType(requestOptions.headers);
	}
	return requestOptions;
}
