import net from 'node:net';

/** What a test may connect to: this machine only (the sandbox, file hosts on 127.0.0.x, ::1). */
function isThisMachine(host: string | undefined): boolean {
	if (host === undefined || host === '' || host === 'localhost') return true;
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === '::1' || /^127\./.test(bare) || /^::ffff:127\./.test(bare);
}

function destinationOf(args: unknown[]): { host?: string; port?: unknown; path?: unknown } {
	// http's agents hand connect() an array of [options, callback]; users pass options or (port, host).
	const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
	if (typeof first === 'object' && first !== null) {
		// `path` is a Unix socket only when it is text (http passes the URL path as null).
		const { host, port, path } = first as { host?: string; port?: unknown; path?: unknown };
		return { host, port, path };
	}
	return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
}

/**
 * Makes sure a test that names outside hosts (a cloud metadata address, a private network) can never
 * reach them, even when the code under test is broken: every connection this process tries to a
 * host other than this machine is refused before any DNS lookup or packet, and recorded.
 */
export function refuseConnectionsOffThisMachine(): { attempts: string[]; restore(): void } {
	const attempts: string[] = [];
	const original = net.Socket.prototype.connect;
	net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
		const { host, port, path } = destinationOf(args);
		if (typeof path === 'string' || isThisMachine(host)) {
			return (original as (...a: unknown[]) => net.Socket).apply(this, args);
		}
		attempts.push(`${host}:${String(port)}`);
		process.nextTick(() => this.destroy(new Error(`test refused a connection to ${host}`)));
		return this;
	} as typeof net.Socket.prototype.connect;
	return {
		attempts,
		restore: () => {
			net.Socket.prototype.connect = original;
		},
	};
}
