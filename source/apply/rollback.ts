import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {unifiedDiff} from '../plan/diff.js';
import {serviceFor} from '../plan/plan.js';
import type {Change} from '../plan/types.js';
import {mainCfPath} from '../postfix/current.js';
import {readExplicit} from '../postfix/postconf.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import {listBackups} from './backup.js';
import type {StagedPlan} from './stage.js';

export class NoBackupError extends Error {}

/** A backup named by path, by file name in the config dir, or the newest one. */
export async function resolveBackup(target: PostfixTarget, wanted: string | undefined): Promise<string> {
	const backups = await listBackups(target.configDir);
	if (wanted === undefined) {
		const newest = backups[0];
		if (!newest) {
			throw new NoBackupError(`no backup of main.cf in ${target.configDir}`);
		}

		return newest.path;
	}

	const candidates = [path.resolve(wanted), path.join(target.configDir, wanted)];
	const found = backups.find(backup => candidates.includes(backup.path));
	if (!found) {
		throw new NoBackupError(`${wanted}: not a backup of main.cf in ${target.configDir} (see rollback --list)`);
	}

	return found.path;
}

/** main.cf's explicit settings as Postfix reads them from arbitrary content. */
async function explicitSettings(content: Buffer): Promise<ReadonlyMap<string, string>> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-rollback-'));
	try {
		await writeFile(path.join(dir, 'main.cf'), content);
		const values = new Map((await readExplicit(targetFor(dir))).values);
		values.delete('config_directory');
		return values;
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/**
 * Restoring a backup is one more transaction: the backup's bytes become the staged
 * "after", so the current file is itself backed up first and a rollback can be undone.
 */
export async function prepareRollback(target: PostfixTarget, backupPath: string): Promise<StagedPlan> {
	const file = mainCfPath(target);
	const [before, after] = await Promise.all([readFile(file).catch(() => undefined), readFile(backupPath)]);
	const current = before ?? Buffer.alloc(0);
	const [now, then] = await Promise.all([explicitSettings(current), explicitSettings(after)]);
	const changes: Change[] = [];
	for (const name of new Set([...now.keys(), ...then.keys()])) {
		const from = now.get(name);
		const to = then.get(name);
		if (from !== to) {
			changes.push({name, from: from ?? '', fromExplicit: from !== undefined, to: to ?? ''});
		}
	}

	// Comments and layout count too: a byte difference alone is still worth restoring.
	const differs = !current.equals(after);
	const service = changes.length > 0 ? serviceFor(changes) : 'none';
	return {
		changes: differs && changes.length === 0 ? [{name: '(comments and layout)', from: '', fromExplicit: true, to: ''}] : differs ? changes : [],
		service,
		mainCf: file,
		before: current,
		beforeExisted: before !== undefined,
		after,
		diff: unifiedDiff(file, current.toString('utf8'), after.toString('utf8')),
		warnings: [],
	};
}
