import { readFileSync } from 'node:fs';

/**
 * n8n's client opens a new connection for every request and every retry; thousands of 429s a
 * second leave as many sockets in TIME_WAIT, and once they hold the loopback's ephemeral ports a
 * connect fails with EADDRNOTAVAIL. The kernel's counters show how close a run came (Linux only,
 * system-wide: other processes' sockets count too).
 */
export interface PortPressure {
	/** Most sockets in TIME_WAIT seen while sampling. */
	peakTimeWait: number;
	/** Size of net.ipv4.ip_local_port_range. */
	ephemeralPorts: number;
	/** net.ipv4.tcp_tw_reuse: 0 off, 1 on, 2 loopback only (Linux's default). */
	twReuse: string;
}

function read(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function timeWaitNow(): number | undefined {
	const match = /^TCP:.*\btw (\d+)/m.exec(read('/proc/net/sockstat') ?? '');
	return match ? Number(match[1]) : undefined;
}

/** Samples the TIME_WAIT count until stopped; undefined off Linux. */
export function samplePortPressure(intervalMs = 250): () => PortPressure | undefined {
	let peak = timeWaitNow();
	const timer = setInterval(() => {
		const now = timeWaitNow();
		if (now !== undefined) peak = Math.max(peak ?? 0, now);
	}, intervalMs);
	return () => {
		clearInterval(timer);
		if (peak === undefined) return undefined;
		const [low = 0, high = 0] = (read('/proc/sys/net/ipv4/ip_local_port_range') ?? '')
			.trim()
			.split(/\s+/)
			.map(Number);
		return {
			peakTimeWait: peak,
			ephemeralPorts: high - low + 1,
			twReuse: (read('/proc/sys/net/ipv4/tcp_tw_reuse') ?? '?').trim(),
		};
	};
}
