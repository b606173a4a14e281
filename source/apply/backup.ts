import {open, readFile, readdir, stat} from 'node:fs/promises';
import path from 'node:path';

/** `multiple`: main.cf.<ISO-8601 UTC> per run, like the system role's postfix_backup_multiple; `single`: main.cf.backup. */
export type BackupNaming = 'multiple' | 'single';

export interface Backup {
	readonly path: string;
	readonly createdAt: Date;
	readonly size: number;
}

/** 2026-11-23T23:10:34Z: the system role's naming, without milliseconds. */
export function backupStamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function backupPathFor(mainCf: string, naming: BackupNaming, now: Date): string {
	const suffix = naming === 'single' ? 'backup' : backupStamp(now);
	return path.join(path.dirname(mainCf), `${path.basename(mainCf)}.${suffix}`);
}

export class BackupError extends Error {
	constructor(readonly backupPath: string, reason: string) {
		super(`backup ${backupPath}: ${reason}`);
		this.name = 'BackupError';
	}
}

/**
 * Writes the backup, syncs it, and reads it back: a backup that is not byte-identical
 * to the original is no backup, and nothing may change before there is one.
 */
export async function writeBackup(mainCf: string, content: Buffer, naming: BackupNaming, now = new Date()): Promise<Backup> {
	const mode = (await stat(mainCf)).mode & 0o777;
	const wanted = backupPathFor(mainCf, naming, now);
	let backupPath = wanted;
	let handle;
	for (let n = 1; handle === undefined; n++) {
		try {
			// Never overwrite another run's timestamped backup; `single` replaces by design.
			handle = await open(backupPath, naming === 'single' ? 'w' : 'wx', mode);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 50) {
				throw new BackupError(backupPath, (error as Error).message);
			}

			backupPath = `${wanted}.${n}`;
		}
	}

	try {
		await handle.truncate(0);
		await handle.writeFile(content);
		await handle.chmod(mode);
		await handle.sync();
	} finally {
		await handle.close();
	}

	const written = await readFile(backupPath);
	if (!written.equals(content)) {
		throw new BackupError(backupPath, 'the copy read back differs from main.cf');
	}

	return {path: backupPath, createdAt: now, size: content.length};
}

const stampPattern = /^main\.cf\.(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)(?:\.\d+)?$/;

/** Backups beside main.cf, newest first: ours, the system role's, and main.cf.backup. */
export async function listBackups(configDir: string): Promise<Backup[]> {
	const names = await readdir(configDir).catch(() => [] as string[]);
	const backups: Backup[] = [];
	for (const name of names) {
		const stamped = name.match(stampPattern);
		if (!stamped && name !== 'main.cf.backup') {
			continue;
		}

		const file = path.join(configDir, name);
		const info = await stat(file);
		backups.push({path: file, createdAt: stamped?.[1] ? new Date(stamped[1]) : info.mtime, size: info.size});
	}

	return backups.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.path.localeCompare(a.path));
}
