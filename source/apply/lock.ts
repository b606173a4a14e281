import {constants} from 'node:fs';
import {lstat, open, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {PreconditionError} from '../errors.js';
import {isAlive} from '../postfix/pid.js';
import {runProgram} from '../postfix/run.js';

export interface Lock {
	readonly path: string;
	release(): Promise<void>;
}

/** Another run holds the configuration (exit 1, nothing touched). */
export class LockedError extends PreconditionError {
	constructor(readonly lockPath: string, readonly holderPid: number, readonly since: string) {
		super({
			en: `another postfix-wizard (PID ${holderPid}, since ${since}) is changing this configuration; wait for it to finish. If PID ${holderPid} is not a postfix-wizard (ps -p ${holderPid} -o args), remove the lock: rm ${lockPath}`,
			zh: `另一个 postfix-wizard（PID ${holderPid}，自 ${since} 起）正在修改此配置；请等它结束。如果 PID ${holderPid} 不是 postfix-wizard（ps -p ${holderPid} -o args），请删除锁：rm ${lockPath}`,
		});
	}
}

export const lockName = '.postfix-wizard.lock';

let clockTicks: Promise<number | undefined> | undefined;

/**
 * The kernel's USER_HZ, in which /proc reports start times: `getconf CLK_TCK`, asked once
 * and only for a lock that recorded no start time (100 on most systems, not all).
 */
async function ticksPerSecond(): Promise<number | undefined> {
	clockTicks ??= runProgram('getconf', ['CLK_TCK'], {timeoutMs: 5000}).then(result => {
		const ticks = Number(result.stdout.trim());
		return result.exitCode === 0 && Number.isInteger(ticks) && ticks > 0 ? ticks : undefined;
	}, () => undefined);
	return clockTicks;
}

/** When a process started, in ticks since boot (field 22 of /proc/PID/stat); undefined without /proc. */
async function startTicks(pid: number | 'self'): Promise<number | undefined> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
	// The command name (field 2) may hold spaces and parentheses: count from the last ')'.
	const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = Number(fields?.[19]);
	return Number.isFinite(ticks) && ticks >= 0 ? ticks : undefined;
}

async function bootTime(): Promise<number | undefined> {
	const stat = await readFile('/proc/stat', 'utf8').catch(() => undefined);
	const seconds = Number(stat?.match(/^btime (\d+)$/m)?.[1]);
	return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The words a postfix-wizard's command line carries: its name, or the script this process runs. */
function looksLikeUs(commandLine: string): boolean {
	const script = process.argv[1];
	return commandLine.includes('postfix-wizard') || (script !== undefined && commandLine.includes(script));
}

/** What a lock file says about its holder. */
interface Holder {
	readonly pid: number;
	readonly since: string;
	/** The holder's start time in ticks since boot, when the lock recorded it. */
	readonly startTicks: number | undefined;
}

function parseLock(content: string): Holder | undefined {
	const [pidText = '', since = 'an unknown time', ticks] = content.trim().split(/\s+/);
	const pid = Number.parseInt(pidText, 10);
	if (!/^\d+$/.test(pidText) || !Number.isInteger(pid) || pid <= 0) {
		return undefined;
	}

	return {pid, since, startTicks: ticks !== undefined && /^\d+$/.test(ticks) ? Number(ticks) : undefined};
}

/**
 * Whether the lock's PID is still the postfix-wizard that wrote it. A PID is reused after a
 * crash or a reboot: a live process under that number proves nothing unless it started when
 * the lock's writer did (recorded in the lock) — or, for a lock without that, it is a
 * postfix-wizard that started before the lock was taken.
 */
async function holds(holder: Holder): Promise<boolean> {
	if (holder.pid === process.pid || !isAlive(holder.pid)) {
		return false;
	}

	const started = await startTicks(holder.pid);
	if (started === undefined) {
		// No /proc (or the process just ended): trust the signal, as before.
		return isAlive(holder.pid);
	}

	if (holder.startTicks !== undefined) {
		return started === holder.startTicks;
	}

	const commandLine = (await readFile(`/proc/${holder.pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
	if (!looksLikeUs(commandLine)) {
		return false;
	}

	const [boot, hertz] = await Promise.all([bootTime(), ticksPerSecond()]);
	const since = Date.parse(holder.since);
	// Started after the lock was written (2 s of clock granularity aside): not its writer.
	return boot === undefined || hertz === undefined || Number.isNaN(since) || boot + (started / hertz) * 1000 <= since + 2000;
}

async function readNoFollow(file: string): Promise<string> {
	const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
	try {
		return (await handle?.readFile('utf8')) ?? '';
	} finally {
		await handle?.close();
	}
}

async function isFresh(file: string): Promise<boolean> {
	const info = await lstat(file).catch(() => undefined);
	return info !== undefined && info.isFile() && Date.now() - info.mtimeMs < 2000;
}

/**
 * An exclusive lock beside main.cf holding the owner's PID, the time, and the owner's start
 * time. A lock whose process is gone (killed, machine rebooted, PID reused) is stale and
 * taken over; a live one refuses, saying how to clear it.
 */
export async function acquireLock(configDir: string): Promise<Lock> {
	const lockPath = path.join(configDir, lockName);
	const ticks = await startTicks('self');
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			// The lock's name is known by design; O_EXCL|O_NOFOLLOW makes a planted file or link a refusal, never a target.
			const handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
			try {
				await handle.writeFile(`${process.pid} ${new Date().toISOString()}${ticks === undefined ? '' : ` ${ticks}`}\n`);
			} finally {
				await handle.close();
			}

			return {
				path: lockPath,
				async release() {
					await rm(lockPath, {force: true});
				},
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}
		}

		const holder = parseLock(await readNoFollow(lockPath));
		if (holder && (await holds(holder))) {
			throw new LockedError(lockPath, holder.pid, holder.since);
		}

		if (!holder && attempt < 2 && (await isFresh(lockPath))) {
			// Created a moment ago and not written yet: its owner is between open and write.
			await new Promise(resolve => setTimeout(resolve, 300));
			continue;
		}

		// Stale: its owner is gone. Remove and race for it again.
		await rm(lockPath, {force: true});
	}

	throw new PreconditionError({en: `could not take the lock ${lockPath}: it reappears each time it is removed`, zh: `无法获得锁 ${lockPath}：每次删除后它又出现`});
}
