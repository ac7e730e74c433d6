import { readFileSync } from 'node:fs';

/**
 * Linux's system-wide TCP counters that show when the sandbox could not keep
 * up with a burst of connections: the makers open one connection per item, all
 * at once, and a listen queue that overflows makes the kernel drop handshakes,
 * which are then retried only after TCP's retransmission timeout (≥ 200 ms,
 * SYN-ACKs after 1 s). Such a run measures that timer as much as the maker.
 */
export interface TcpCounters {
	listenOverflows: number;
	retransmitTimeouts: number;
}

/** undefined where /proc/net/netstat is not available (not Linux). */
export function readTcpCounters(): TcpCounters | undefined {
	let text: string;
	try {
		text = readFileSync('/proc/net/netstat', 'utf8');
	} catch {
		return undefined;
	}
	// The file holds pairs of lines per protocol: names, then values.
	const lines = text.split('\n').filter((line) => line.startsWith('TcpExt:'));
	const [names, values] = lines.map((line) => line.split(/\s+/).slice(1));
	if (!names || !values) return undefined;
	const value = (name: string): number => Number(values[names.indexOf(name)] ?? NaN);
	const counters = {
		listenOverflows: value('ListenOverflows'),
		retransmitTimeouts: value('TCPTimeouts'),
	};
	return Number.isFinite(counters.listenOverflows) && Number.isFinite(counters.retransmitTimeouts)
		? counters
		: undefined;
}

export function difference(
	after: TcpCounters | undefined,
	before: TcpCounters | undefined,
): TcpCounters | undefined {
	if (!after || !before) return undefined;
	return {
		listenOverflows: after.listenOverflows - before.listenOverflows,
		retransmitTimeouts: after.retransmitTimeouts - before.retransmitTimeouts,
	};
}
