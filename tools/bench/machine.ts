import { cpus, loadavg, totalmem } from 'node:os';
import { mb } from './report';

export function machine(): string {
	const cores = cpus();
	return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${mb(totalmem() / 1024)} MB RAM, Node ${process.version} (${process.platform} ${process.arch})`;
}

/** Other processes on the machine stretch wall times (not CPU times); the load average tells how busy it was. */
export function loadAverage(judge = true): string {
	const [oneMinute = 0] = loadavg();
	const busy = judge && oneMinute > cpus().length;
	return `1-minute load average ${oneMinute.toFixed(2)}${busy ? ' (more than the cores: wall times may be inflated, CPU times less so)' : ''}`;
}
