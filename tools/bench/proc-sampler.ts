import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One look at a process in /proc: its CPU so far and its memory. */
export interface ProcSample {
	/** Date.now() of the reading, the clock n8n's run data uses for a node's startTime. */
	at: number;
	/** user + system CPU since the process started, ms. */
	cpuMs: number;
	/** Peak resident set so far (VmHWM), kB; NaN once the process has exited and is not yet reaped (a zombie has no memory). */
	peakRssKb: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
	if (ticksPerSecond === undefined) {
		const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
		ticksPerSecond = Number.isFinite(value) && value > 0 ? value : 100;
	}
	return ticksPerSecond;
}

function readSample(pid: number): ProcSample | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]);
		const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return {
			at: Date.now(),
			cpuMs: (ticks * 1000) / clockTicks(),
			peakRssKb: Number(hwm?.[1] ?? NaN),
		};
	} catch {
		return undefined; // the process has exited
	}
}

/**
 * Samples a process (not its children) every `intervalMs` until stopped, so that the CPU a part
 * of its life used, and its peak memory, can be read afterwards. Linux only: elsewhere the list
 * stays empty.
 */
export function sampleProcess(pid: number, intervalMs = 20): { stop: () => ProcSample[] } {
	const samples: ProcSample[] = [];
	const take = (): void => {
		const sample = readSample(pid);
		if (sample) samples.push(sample);
	};
	take();
	const timer = setInterval(take, intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			return samples;
		},
	};
}

/** The CPU used between two moments, from the last sample at or before `from` to the first at or after `to`. */
export function cpuBetween(
	samples: readonly ProcSample[],
	from: number,
	to: number,
): number | undefined {
	const before = [...samples].reverse().find((sample) => sample.at <= from);
	const after = samples.find((sample) => sample.at >= to);
	return before && after ? after.cpuMs - before.cpuMs : undefined;
}

/** The peak RSS reached by a moment (the last sample at or before it that could read it). */
export function peakRssAt(samples: readonly ProcSample[], at = Infinity): number | undefined {
	return [...samples]
		.reverse()
		.find((sample) => sample.at <= at && Number.isFinite(sample.peakRssKb))?.peakRssKb;
}
