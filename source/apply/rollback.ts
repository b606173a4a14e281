import {mkdtemp, readFile, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileDiff} from '../plan/file-diff.js';
import {serviceFor} from '../plan/plan.js';
import type {Change} from '../plan/types.js';
import {mainCfPath} from '../postfix/current.js';
import {readExplicit} from '../postfix/postconf.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import {UsageError} from '../errors.js';
import {type Backup, listBackups} from './backup.js';
import {type BackupEntry, type BackupSet, backupRoot, listBackupSets, readBackupSet, readCopy} from './backup-set.js';
import {writeNewFile} from './exclusive.js';
import {digestOf} from './content.js';
import {mainCfDiff, setDiff} from './set-diff.js';
import {type StagedFile, type StagedPlan, readIfExists} from './stage.js';

/** No such complete backup to restore: nothing touched (exit 2). */
export class NoBackupError extends UsageError {}

/**
 * A backup named by path, by name (a set's stamp, a legacy file's name), or the newest.
 * Only complete backups are candidates; naming an incomplete set says why it is refused.
 */
export async function resolveBackup(target: PostfixTarget, wanted: string | undefined): Promise<Backup> {
	const backups = await listBackups(target.configDir);
	if (wanted === undefined) {
		const newest = backups[0];
		if (!newest) {
			throw new NoBackupError({en: `there is no complete backup in ${target.configDir} (rollback --list shows what there is)`, zh: `${target.configDir} 中没有完整的备份（rollback --list 列出现有备份）`});
		}

		return newest;
	}

	const trimmed = wanted.replace(/\/+$/, '');
	const candidates = [path.resolve(trimmed), path.join(target.configDir, trimmed), path.join(backupRoot(target.configDir), trimmed)];
	const found = backups.find(backup => candidates.includes(backup.path));
	if (found) {
		return found;
	}

	const {ignored} = await listBackupSets(target.configDir);
	const broken = ignored.find(entry => candidates.includes(entry.path));
	throw new NoBackupError(broken
		? {en: `${wanted}: not restored, the backup is not complete (${broken.reason})`, zh: `${wanted}：未恢复，该备份不完整（${broken.reason}）`}
		: {en: `${wanted}: not a backup in ${target.configDir} (rollback --list shows them)`, zh: `${wanted}：不是 ${target.configDir} 中的备份（rollback --list 列出备份）`});
}

/** main.cf's explicit settings as Postfix reads them from arbitrary content. */
async function explicitSettings(content: Buffer): Promise<ReadonlyMap<string, string>> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-rollback-'));
	try {
		await writeNewFile(path.join(dir, 'main.cf'), content, 0o600);
		const values = new Map((await readExplicit(targetFor(dir))).values);
		values.delete('config_directory');
		return values;
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

async function settingChanges(before: Buffer, after: Buffer): Promise<Change[]> {
	const [now, then] = await Promise.all([explicitSettings(before), explicitSettings(after)]);
	const changes: Change[] = [];
	for (const name of new Set([...now.keys(), ...then.keys()])) {
		const from = now.get(name);
		const to = then.get(name);
		if (from !== to) {
			changes.push({name, from: from ?? '', fromExplicit: from !== undefined, to: to ?? ''});
		}
	}

	return changes;
}

/** What a set brings back, besides main.cf: files that differ now, or must go. */
async function stagedFromSet(set: BackupSet, mainCf: string): Promise<StagedFile[]> {
	const configDir = path.dirname(mainCf);
	const staged: StagedFile[] = [];
	for (const entry of set.files) {
		if (entry.path === mainCf) {
			continue;
		}

		const relative = path.relative(configDir, entry.path);
		if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
			// Sets are written for one config dir; a manifest naming a file elsewhere is not ours to follow.
			throw new NoBackupError(`${set.path}: not restored, it names ${entry.path}, outside ${configDir}`);
		}

		const [current, info] = await Promise.all([readIfExists(entry.path), stat(entry.path).catch(() => undefined)]);
		const wanted = entry.existed ? await readCopy(set.path, entry) : undefined;
		const beforeMode = info ? info.mode & 0o7777 : undefined;
		const same = current === undefined || wanted === undefined ? current === wanted : current.equals(wanted) && beforeMode === entry.mode && info?.uid === entry.uid && info?.gid === entry.gid;
		if (same) {
			continue;
		}

		staged.push({
			path: entry.path,
			before: current,
			after: wanted,
			mode: entry.mode ?? 0o600,
			beforeMode,
			...(entry.existed ? {owner: {uid: entry.uid!, gid: entry.gid!}} : {}),
			secret: entry.secret,
		});
	}

	return staged;
}

/** The mode and owner main.cf had when the set was taken, when they differ from its present ones. */
async function accessToRestore(file: string, entry: BackupEntry): Promise<StagedPlan['mainCfAccess']> {
	const info = await stat(file).catch(() => undefined);
	const recorded = {mode: entry.mode!, owner: {uid: entry.uid!, gid: entry.gid!}};
	return info && (info.mode & 0o7777) === recorded.mode && info.uid === recorded.owner.uid && info.gid === recorded.owner.gid ? undefined : recorded;
}

/**
 * Restoring a backup is one more transaction: the backup's bytes become the staged
 * "after", so the current files are themselves backed up first and a rollback can be
 * undone. A set also removes the files that did not exist when it was taken.
 */
export async function prepareRollback(target: PostfixTarget, backup: Backup): Promise<StagedPlan> {
	const file = mainCfPath(target);
	const existing = await readIfExists(file);
	const current = existing ?? Buffer.alloc(0);
	let after: Buffer | undefined;
	let staged: StagedFile[] = [];
	let access: StagedPlan['mainCfAccess'];
	if (backup.kind === 'legacy') {
		after = await readFile(backup.path);
	} else {
		// Checked again now, not only when listed: what is restored is what was recorded.
		const set = await readBackupSet(backup.path);
		const entry = set.files.find(candidate => candidate.path === file);
		after = entry?.existed === false ? undefined : entry ? await readCopy(set.path, entry) : current;
		staged = await stagedFromSet(set, file);
		access = entry?.existed ? await accessToRestore(file, entry) : undefined;
	}

	const removesMainCf = after === undefined && existing !== undefined;
	const restored = after ?? Buffer.alloc(0);
	const changes = await settingChanges(current, restored);
	// Comments and layout count too: a byte difference alone is still worth restoring.
	const differs = !current.equals(restored) || removesMainCf;
	const service = changes.length > 0 ? serviceFor(changes) : differs || staged.length > 0 ? 'reload' : 'none';
	const unchanged = !differs && access === undefined;
	return {
		...(access && !removesMainCf ? {mainCfAccess: access} : {}),
		changes: unchanged ? [] : changes.length > 0 ? changes : [{name: differs ? '(comments and layout)' : '(mode and owner)', from: '', fromExplicit: true, to: ''}],
		service,
		files: [],
		mainCf: file,
		beforeDigest: digestOf(current),
		beforeExisted: existing !== undefined,
		after: removesMainCf ? current : restored,
		removesMainCf,
		staged,
		// A mode given back shows in main.cf's header ("mode 0644 → 0640"), even with the same bytes.
		diff: setDiff(access && !removesMainCf
			? fileDiff({path: file, before: existing, after: restored, mode: access.mode, beforeMode: await stat(file).then(info => info.mode & 0o7777, () => undefined), secret: false})
			: mainCfDiff(file, current, existing !== undefined, removesMainCf ? undefined : restored), staged),
		warnings: [],
		stagedAt: new Date(),
	};
}
