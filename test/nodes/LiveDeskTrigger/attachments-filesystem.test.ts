import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BinaryDataService } from 'n8n-core';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { registerNodeType, useFilesystemBinaryData } from '../../../tools/engine';
import { useSandbox } from '../../helpers/sandbox';
import {
	openConversation,
	sendFiles,
	settle,
	triggerItems,
	triggerWorkflow,
	useTriggerServer,
} from './helpers';

const PDF = {
	name: 'label 1042.pdf',
	type: 'application/pdf',
	data: Buffer.from('%PDF-1.4 label for order 1042\n'),
};
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The next step of a bridge (e.g. WhatsApp → Send Document) reads the file the same way. */
class HashAttachment implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Hash Attachment',
		name: 'hashAttachment',
		group: ['transform'],
		version: 1,
		description: 'Reads attachment_0 with n8n’s binary helper and outputs its SHA-256',
		defaults: { name: 'Hash Attachment' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const hashes = await Promise.all(
			items.map(async (_, item) =>
				sha256(await this.helpers.getBinaryDataBuffer(item, 'attachment_0')),
			),
		);
		return [hashes.map((hash, item) => ({ json: { sha256: hash }, pairedItem: { item } }))];
	}
}

describe('LiveDesk Trigger: attachments in filesystem binary data mode (n8n 2.x’s default)', () => {
	const sandbox = useSandbox();
	const serve = useTriggerServer();
	const folder = mkdtempSync(path.join(tmpdir(), 'livedesk-binary-'));
	let service: BinaryDataService;
	beforeAll(async () => {
		service = await useFilesystemBinaryData(folder);
		registerNodeType('test.hashAttachment', new HashAttachment());
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('stores the downloaded file on disk, readable with the same bytes by n8n and by the next node', async () => {
		const next = {
			id: 'hash',
			name: 'Hash Attachment',
			type: 'test.hashAttachment',
			typeVersion: 1,
			position: [220, 0] as [number, number],
			parameters: {},
		};
		const server = await serve(
			sandbox(),
			triggerWorkflow({ events: ['message_created'], downloadAttachments: true }, next),
		);
		const conversation = await openConversation(sandbox());
		await sendFiles(sandbox(), conversation.id, [PDF], 'Your label');
		await settle(sandbox(), server);

		expect(server.runs[0]?.errors).toEqual({});
		const binary = triggerItems(server)[0].binary?.attachment_0;
		// No execution exists yet while a webhook runs: n8n-core files it under "temp", and n8n's
		// server moves it to the execution's folder once the run is saved (restoreBinaryDataId).
		expect(binary).toMatchObject({
			fileName: 'label 1042.pdf',
			mimeType: 'application/pdf',
			bytes: PDF.data.length,
			data: 'filesystem-v2',
			id: expect.stringMatching(
				/^filesystem-v2:workflows\/workflow\/executions\/temp\/binary_data\//,
			),
		});
		if (!binary) throw new Error('no attachment_0');
		expect((await service.getAsBuffer(binary)).equals(PDF.data)).toBe(true);
		expect(existsSync(service.getPath(binary.id ?? ''))).toBe(true);
		expect(server.runs[0].outputs['Hash Attachment'].map((item) => item.json)).toEqual([
			{ sha256: sha256(PDF.data) },
		]);
	});
});
