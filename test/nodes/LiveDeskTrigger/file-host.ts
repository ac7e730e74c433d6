import { createServer, type IncomingHttpHeaders } from 'node:http';

/** What a file host answers on one path. */
export type FileRoute =
	| {
			readonly kind: 'file';
			readonly data: Buffer;
			readonly contentType: string;
			readonly delayMs?: number;
	  }
	| { readonly kind: 'redirect'; readonly location: string }
	| { readonly kind: 'status'; readonly status: number; readonly reason?: string }
	/** `bytes` bytes without Content-Length, written as fast as the client reads them. */
	| { readonly kind: 'stream'; readonly bytes: number }
	/** One byte every `everyMs`, with a Content-Length of `bytes`: a host that keeps a download going. */
	| { readonly kind: 'drip'; readonly bytes: number; readonly everyMs: number };

export interface FileRequest {
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	/** When the answer was sent in full (Date.now()). */
	answeredAt?: number;
	/** Bytes of the body the client's connection took, for stream and drip routes. */
	bytesSent: number;
	/** Whether the whole body was sent. */
	finished: boolean;
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
export async function startFileHost(host = '127.0.0.1'): Promise<FileHost> {
	const routes = new Map<string, FileRoute>();
	const requests: FileRequest[] = [];
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const request: FileRequest = { path, headers: req.headers, bytesSent: 0, finished: false };
		requests.push(request);
		res.on('finish', () => {
			request.answeredAt = Date.now();
			request.finished = true;
		});
		const route = routes.get(path) ?? { kind: 'status', status: 404 };
		if (route.kind === 'redirect') {
			res.writeHead(302, { location: route.location }).end();
		} else if (route.kind === 'status') {
			const headers = { 'content-type': 'text/plain' };
			if (route.reason === undefined) res.writeHead(route.status, headers).end('no file here');
			else res.writeHead(route.status, route.reason, headers).end('no file here');
		} else if (route.kind === 'stream') {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			const chunk = Buffer.alloc(64 * 1024, 1);
			const pump = () => {
				while (request.bytesSent < route.bytes && !res.destroyed) {
					request.bytesSent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				if (!res.destroyed) res.end();
			};
			pump();
		} else if (route.kind === 'drip') {
			res.writeHead(200, {
				'content-type': 'application/octet-stream',
				'content-length': route.bytes,
			});
			const timer = setInterval(() => {
				if (res.destroyed) return clearInterval(timer);
				res.write('x');
				request.bytesSent += 1;
				if (request.bytesSent >= route.bytes) {
					clearInterval(timer);
					res.end();
				}
			}, route.everyMs);
			res.on('close', () => clearInterval(timer));
		} else {
			const send = () =>
				res
					.writeHead(200, {
						'content-type': route.contentType,
						'content-length': route.data.length,
					})
					.end(route.data);
			if (route.delayMs) setTimeout(send, route.delayMs);
			else send();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('file host has no port');
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
		requests,
		serve: (path, route) => routes.set(path, route),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
