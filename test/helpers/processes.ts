import {readFileSync, readdirSync} from 'node:fs';

/** One process as /proc shows it; `start` tells a live process from a later one reusing its PID. */
export interface ProcessInfo {
	readonly pid: number;
	readonly ppid: number;
	readonly start: string;
	readonly command: string;
}

function readProcess(pid: number): (ProcessInfo & {zombie: boolean}) | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid …": comm may hold spaces and parentheses; the rest starts after the last ")".
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
		return {pid, ppid: Number(fields[1]), start: fields[19] ?? '', command, zombie: fields[0] === 'Z'};
	} catch {
		return undefined;
	}
}

/** Every process below `root` (children, their children…), now. */
export function descendantsOf(root: number): ProcessInfo[] {
	const all = readdirSync('/proc').filter(name => /^\d+$/.test(name)).flatMap(name => readProcess(Number(name)) ?? []);
	const found: ProcessInfo[] = [];
	let parents = new Set([root]);
	while (parents.size > 0) {
		const children = all.filter(info => parents.has(info.ppid));
		found.push(...children);
		parents = new Set(children.map(info => info.pid));
	}

	return found;
}

/** Still the same process, and not a zombie waiting to be reaped. */
export function isStillRunning(info: ProcessInfo): boolean {
	const now = readProcess(info.pid);
	return now !== undefined && now.start === info.start && !now.zombie;
}
