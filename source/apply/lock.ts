import {open, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {isAlive} from '../postfix/pid.js';

export interface Lock {
	readonly path: string;
	release(): Promise<void>;
}

export class LockedError extends Error {
	constructor(readonly lockPath: string, readonly holderPid: number, readonly since: string) {
		super(`another postfix-wizard (PID ${holderPid}, since ${since}) is changing this configuration; wait for it to finish (lock: ${lockPath})`);
		this.name = 'LockedError';
	}
}

/**
 * An exclusive lock beside main.cf holding the owner's PID. A lock whose process is
 * gone (killed, machine rebooted) is stale and taken over; a live one refuses.
 */
export async function acquireLock(configDir: string): Promise<Lock> {
	const lockPath = path.join(configDir, '.postfix-wizard.lock');
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const handle = await open(lockPath, 'wx', 0o600);
			await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
			await handle.close();
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

		const content = await readFile(lockPath, 'utf8').catch(() => '');
		const [pidText = '', since = 'an unknown time'] = content.trim().split(' ');
		const pid = Number.parseInt(pidText, 10);
		if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
			throw new LockedError(lockPath, pid, since);
		}

		// Stale: its owner is gone. Remove and race for it again.
		await rm(lockPath, {force: true});
	}

	throw new Error(`could not take the lock ${lockPath}`);
}
