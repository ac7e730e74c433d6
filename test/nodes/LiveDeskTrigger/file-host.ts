import { createServer, type IncomingHttpHeaders } from 'node:http';

/** What a file host answers on one path. */
export type FileRoute =
	| { readonly kind: 'file'; readonly data: Buffer; readonly contentType: string; readonly delayMs?: number }
	| { readonly kind: 'redirect'; readonly location: string }
	| { readonly kind: 'status'; readonly status: number };

export interface FileRequest {
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	/** When the answer was sent in full (Date.now()). */
	answeredAt?: number;
}

export interface FileHost {
	/** http://127.0.0.1:<port>: another origin than the sandbox's. */
	readonly url: string;
	readonly requests: FileRequest[];
	serve(path: string, route: FileRoute): void;
	close(): Promise<void>;
}

/**
 * A storage host on 127.0.0.1 beside the sandbox (a stand-in for S3 or a CDN that LiveDesk's
 * file links may point to): serves the routes it is given, 404 otherwise, and records every
 * request with its headers, so a test can tell whether the LiveDesk credential was sent.
 */
export async function startFileHost(): Promise<FileHost> {
	const routes = new Map<string, FileRoute>();
	const requests: FileRequest[] = [];
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const request: FileRequest = { path, headers: req.headers };
		requests.push(request);
		res.on('finish', () => {
			request.answeredAt = Date.now();
		});
		const route = routes.get(path) ?? { kind: 'status', status: 404 };
		if (route.kind === 'redirect') {
			res.writeHead(302, { location: route.location }).end();
		} else if (route.kind === 'status') {
			res.writeHead(route.status, { 'content-type': 'text/plain' }).end('no file here');
		} else {
			const send = () =>
				res.writeHead(200, { 'content-type': route.contentType, 'content-length': route.data.length }).end(route.data);
			if (route.delayMs) setTimeout(send, route.delayMs);
			else send();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('file host has no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		serve: (path, route) => routes.set(path, route),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
