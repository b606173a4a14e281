import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {backupDirName} from '../../source/apply/backup-set.js';

/** The backup sets of a config dir, by name (their stamps), oldest first. */
export async function backupSetsIn(configDir: string): Promise<string[]> {
	const names = await readdir(path.join(configDir, backupDirName)).catch(() => [] as string[]);
	return names.filter(name => !name.startsWith('.')).sort();
}

/** The copy of one file (by its name in the config dir) inside a set. */
export async function backupCopy(configDir: string, set: string, name: string): Promise<Buffer> {
	return readFile(path.join(configDir, backupDirName, set, name));
}
