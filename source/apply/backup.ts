import {lstat, readdir} from 'node:fs/promises';
import path from 'node:path';
import {type BackupSet, listBackupSets} from './backup-set.js';

export {type BackupNaming, BackupError, backupStamp} from './backup-set.js';

/** A main.cf copy written by an earlier version of this tool or by the system role: one file, read-only for us. */
export interface LegacyBackup {
	readonly kind: 'legacy';
	readonly path: string;
	readonly createdAt: Date;
	readonly size: number;
}

export type Backup = BackupSet | LegacyBackup;

const stampPattern = /^main\.cf\.(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)(?:\.\d+)?$/;

/**
 * Single-file backups beside main.cf: `main.cf.<stamp>` (earlier versions of this tool,
 * the system role's postfix_backup_multiple) and `main.cf.backup`. Only regular files:
 * a link planted under such a name is not a backup of anything.
 */
export async function listLegacyBackups(configDir: string): Promise<LegacyBackup[]> {
	const names = await readdir(configDir).catch(() => [] as string[]);
	const backups: LegacyBackup[] = [];
	for (const name of names) {
		const stamped = name.match(stampPattern);
		if (!stamped && name !== 'main.cf.backup') {
			continue;
		}

		const file = path.join(configDir, name);
		const info = await lstat(file).catch(() => undefined);
		if (info?.isFile()) {
			backups.push({kind: 'legacy', path: file, createdAt: stamped?.[1] ? new Date(stamped[1]) : info.mtime, size: info.size});
		}
	}

	return backups;
}

/** Every complete backup, newest first: sets, then single files. */
export async function listBackups(configDir: string): Promise<Backup[]> {
	const [{sets}, legacy] = await Promise.all([listBackupSets(configDir), listLegacyBackups(configDir)]);
	return [...sets, ...legacy].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.path.localeCompare(a.path));
}
