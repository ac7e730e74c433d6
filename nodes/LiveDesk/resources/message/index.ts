import type { INodeProperties } from 'n8n-workflow';
import { normalizeBody, routeToConversation } from '../../shared/hooks';
import { attachFiles } from './outgoingAttachments';
import { messageSendDescription } from './send';
import { messageSendToContactDescription } from './sendToContact';
import { sendToContactRouting } from './sendToContactExecute';

const showOnlyForMessages = { resource: ['message'] };

export const messageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMessages },
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message or private note into a conversation',
				description:
					'Post a message into a conversation, given by its numeric ID: Outgoing is an agent’s or bot’s reply to the customer, Incoming is the customer’s own message, and a private note is for agents only. Returns the message with its numeric ID.',
				routing: {
					request: { method: 'POST' },
					send: { preSend: [routeToConversation('messages'), normalizeBody, attachFiles] },
				},
			},
			{
				// A program (sendToContactExecute.ts): contact, conversation and message in one step. n8n's
				// engine runs it as the custom operation; where n8n runs only the routing (a tool), this hook does.
				name: 'Send to Contact',
				value: 'sendToContact',
				action: 'Send a message to a customer',
				description:
					'Send a message to a customer, given by phone number, email or identifier: finds or creates the contact, keeps one conversation per customer in the inbox, and posts the message there. Returns the message with the contact ID, the conversation ID and whether either was created.',
				routing: { operations: { pagination: sendToContactRouting } },
			},
		],
		default: 'send',
	},
	...messageSendDescription,
	...messageSendToContactDescription,
];
