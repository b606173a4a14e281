import {constants} from 'node:fs';
import {lstat, mkdir, open, readdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {StepError, reasonOf} from '../errors.js';
import {type Localized, untranslated} from '../i18n/lang.js';
import {version} from '../version.js';
import {type Bytes, type StoredBytes, digestFile, digestOf, sameDigest} from './content.js';
import {makePrivateDir, syncDir, writeNewFile} from './exclusive.js';

/**
 * A backup of every file one run touches, taken under one timestamp:
 *
 *     DIR/postfix-wizard.backup/2026-11-23T23:10:34Z/
 *         main.cf  sasl_passwd  sasl_passwd.db   copies (secrets 0600), paths as in DIR
 *         manifest.json                           written last: what each file was
 *
 * It is written in a private directory with an unguessable name and renamed to its stamp
 * only once every copy is synced and read back, so a set is complete or absent; a set
 * whose manifest is missing or whose copies do not match it is never listed or restored.
 */
/** `multiple`: one set per run, kept; `single`: one set, replaced by the next run's (the system role's postfix_backup_multiple: false). */
export type BackupNaming = 'multiple' | 'single';

/** 2026-11-23T23:10:34Z: the system role's naming, without milliseconds. */
export function backupStamp(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The backup could not be written or verified: nothing was changed (exit 1). */
export class BackupError extends StepError {
	constructor(readonly backupPath: string, reason: string | Localized) {
		const why = typeof reason === 'string' ? untranslated(reason) : reason;
		super({en: `the backup ${backupPath} could not be written: ${why.en}`, zh: `无法写入备份 ${backupPath}：${why.zh}`});
	}
}

export const backupDirName = 'postfix-wizard.backup';
const manifestName = 'manifest.json';
const formatName = 'postfix-wizard backup set';
const formatVersion = 1;

/** One file of a set, as the manifest records it. */
export interface BackupEntry {
	/** Where the file lives, absolute. */
	readonly path: string;
	/** False: the file did not exist; restoring the set removes it. */
	readonly existed: boolean;
	/** The copy's path inside the set's directory. */
	readonly copy?: string;
	readonly mode?: number;
	readonly uid?: number;
	readonly gid?: number;
	readonly size?: number;
	readonly sha256?: string;
	readonly secret: boolean;
}

export interface BackupSet {
	readonly kind: 'set';
	/** The set's directory. */
	readonly path: string;
	readonly createdAt: Date;
	readonly naming: BackupNaming;
	readonly files: readonly BackupEntry[];
}

/** A file as it was just before the run: what the set must be able to bring back. */
export interface SetMember {
	readonly path: string;
	/** undefined: the file does not exist. The live file itself for the transaction: copied in chunks. */
	readonly content: Bytes | undefined;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly secret: boolean;
}

export function backupRoot(configDir: string): string {
	return path.join(configDir, backupDirName);
}

/** The directory a set taken at `at` gets (unless a set of the same second is there already). */
export function backupSetPath(configDir: string, at: Date): string {
	return path.join(backupRoot(configDir), backupStamp(at));
}

const noFollowRead = constants.O_RDONLY | constants.O_NOFOLLOW;

async function readNoFollow(file: string): Promise<Buffer> {
	const handle = await open(file, noFollowRead);
	try {
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}

/** The backup directory, made private on first use; refused when it is a link or open to others. */
async function ensureRoot(configDir: string): Promise<string> {
	const root = backupRoot(configDir);
	await mkdir(root, {mode: 0o700}).catch((error: NodeJS.ErrnoException) => {
		if (error.code !== 'EEXIST') {
			throw error;
		}
	});
	const info = await lstat(root);
	if (!info.isDirectory()) {
		throw new BackupError(root, {en: 'it exists and is not a directory (a link or a file): move it away', zh: '它已存在但不是目录（是链接或文件）：请把它移走'});
	}

	if ((info.mode & 0o022) !== 0 || info.uid !== process.getuid?.()) {
		throw new BackupError(root, {en: `it is writable by others or not owned by this user: chmod 700 ${root}`, zh: `它可被他人写入，或不属于当前用户：chmod 700 ${root}`});
	}

	return root;
}

/** Where a file's copy goes inside the set: its path relative to the config dir. */
function copyName(configDir: string, file: string, index: number): string {
	const relative = path.relative(configDir, file);
	return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? `file-${index}` : relative;
}

function manifestEntry(entry: BackupEntry): Record<string, unknown> {
	return entry.existed
		? {path: entry.path, existed: true, copy: entry.copy, mode: `0${entry.mode!.toString(8)}`, uid: entry.uid, gid: entry.gid, size: entry.size, sha256: entry.sha256, secret: entry.secret}
		: {path: entry.path, existed: false, secret: entry.secret};
}

async function unusedName(root: string, stamp: string): Promise<string> {
	for (let n = 0; ; n++) {
		const candidate = path.join(root, n === 0 ? stamp : `${stamp}.${n}`);
		if (!(await lstat(candidate).then(() => true, () => false))) {
			return candidate;
		}
	}
}

/**
 * The directory a set taken at `at` would get if written now: its stamp, or the stamp with
 * .1, .2… when a set of that second is there already (the name the review shows).
 */
export async function nextBackupSetPath(configDir: string, at: Date): Promise<string> {
	return unusedName(backupRoot(configDir), backupStamp(at));
}

/**
 * Writes the set and returns it once it is complete under its final name. Runs under the
 * lock, so directories left by an interrupted run (never listed) are removed first.
 */
export async function writeBackupSet(configDir: string, members: readonly SetMember[], naming: BackupNaming, at: Date): Promise<BackupSet> {
	const wanted = backupSetPath(configDir, at);
	let temporary: string | undefined;
	try {
		const root = await ensureRoot(configDir);
		for (const name of await readdir(root)) {
			if (name.startsWith('.incomplete.postfix-wizard-')) {
				await rm(path.join(root, name), {recursive: true, force: true});
			}
		}

		temporary = await makePrivateDir(root, 'incomplete');
		const files: BackupEntry[] = [];
		for (const [index, member] of members.entries()) {
			if (member.content === undefined) {
				files.push({path: member.path, existed: false, secret: member.secret});
				continue;
			}

			const copy = copyName(configDir, member.path, index);
			const target = path.join(temporary, copy);
			await mkdir(path.dirname(target), {recursive: true, mode: 0o700});
			const written = await writeNewFile(target, member.content, member.secret ? 0o600 : member.mode & 0o666);
			if (!sameDigest(await digestFile(target, {noFollow: true}), written)) {
				throw new BackupError(wanted, {en: `the copy of ${member.path} read back differs from the file`, zh: `${member.path} 的副本读回后与原文件不同`});
			}

			files.push({path: member.path, existed: true, copy, mode: member.mode, uid: member.uid, gid: member.gid, size: written.size, sha256: written.sha256, secret: member.secret});
		}

		const manifest = {format: formatName, version: formatVersion, created: backupStamp(at), naming, configDir, writtenBy: `postfix-wizard ${version}`, files: files.map(entry => manifestEntry(entry))};
		await writeNewFile(path.join(temporary, manifestName), `${JSON.stringify(manifest, null, 2)}\n`, 0o600);
		await syncDir(temporary);
		const final = await unusedName(root, backupStamp(at));
		await rename(temporary, final);
		temporary = undefined;
		await syncDir(root);
		const set: BackupSet = {kind: 'set', path: final, createdAt: at, naming, files};
		if (naming === 'single') {
			await removeOtherSingleSets(root, final);
		}

		return set;
	} catch (error) {
		if (temporary) {
			await rm(temporary, {recursive: true, force: true}).catch(() => undefined);
		}

		throw error instanceof BackupError ? error : new BackupError(wanted, reasonOf(error));
	}
}

/** `--backup single`: the new set is complete before the one it replaces goes. */
async function removeOtherSingleSets(root: string, keep: string): Promise<void> {
	for (const name of await readdir(root)) {
		const dir = path.join(root, name);
		if (dir === keep || name.startsWith('.')) {
			continue;
		}

		const set = await readBackupSet(dir).catch(() => undefined);
		if (set?.naming === 'single') {
			await rm(dir, {recursive: true, force: true});
		}
	}
}

function parseEntry(raw: unknown, dir: string): BackupEntry {
	if (typeof raw !== 'object' || raw === null) {
		throw new Error('a file entry is not an object');
	}

	const entry = raw as Record<string, unknown>;
	const file = entry['path'];
	if (typeof file !== 'string' || !path.isAbsolute(file) || typeof entry['existed'] !== 'boolean') {
		throw new Error('a file entry has no absolute path or no "existed"');
	}

	const secret = entry['secret'] === true;
	if (!entry['existed']) {
		return {path: file, existed: false, secret};
	}

	const {copy, mode, uid, gid, size, sha256: hash} = entry;
	const inside = typeof copy === 'string' && !path.isAbsolute(copy) && path.normalize(copy) === copy && !copy.startsWith('..') && path.join(dir, copy) !== path.join(dir, manifestName);
	if (!inside || typeof mode !== 'string' || !/^0[0-7]{1,4}$/.test(mode) || !Number.isInteger(uid) || !Number.isInteger(gid) || !Number.isInteger(size) || typeof hash !== 'string') {
		throw new Error(`the entry of ${file} is incomplete`);
	}

	return {path: file, existed: true, copy, mode: Number.parseInt(mode, 8), uid: uid as number, gid: gid as number, size: size as number, sha256: hash, secret};
}

/** A set as its manifest describes it, after checking every copy against it. Throws why it is not usable. */
export async function readBackupSet(dir: string): Promise<BackupSet> {
	const info = await lstat(dir);
	if (!info.isDirectory()) {
		throw new Error('not a directory');
	}

	let manifest: Record<string, unknown>;
	try {
		manifest = JSON.parse((await readNoFollow(path.join(dir, manifestName))).toString('utf8')) as Record<string, unknown>;
	} catch (error) {
		throw new Error((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'incomplete: no manifest (its run was interrupted)' : `unreadable manifest: ${(error as Error).message}`);
	}

	if (manifest['format'] !== formatName || manifest['version'] !== formatVersion || !Array.isArray(manifest['files'])) {
		throw new Error('the manifest is not one of postfix-wizard\'s');
	}

	const created = new Date(String(manifest['created']));
	if (Number.isNaN(created.getTime())) {
		throw new Error('the manifest has no valid date');
	}

	const files = manifest['files'].map(raw => parseEntry(raw, dir));
	for (const entry of files) {
		if (entry.existed) {
			await checkCopy(dir, entry);
		}
	}

	return {kind: 'set', path: dir, createdAt: created, naming: manifest['naming'] === 'single' ? 'single' : 'multiple', files};
}

function mismatch(entry: BackupEntry): Error {
	return new Error(`the copy of ${entry.path} does not match its checksum (truncated or changed)`);
}

/** One file's copy, as its manifest records it: read in chunks when written or restored. */
export function storedCopy(dir: string, entry: BackupEntry): StoredBytes {
	return {file: path.join(dir, entry.copy!), digest: {size: entry.size!, sha256: entry.sha256!}};
}

/** Refuses a copy that is not exactly what the manifest recorded, without reading it whole. */
async function checkCopy(dir: string, entry: BackupEntry): Promise<void> {
	const {file, digest} = storedCopy(dir, entry);
	const found = await digestFile(file, {noFollow: true}).catch((error: Error) => {
		throw new Error(`the copy of ${entry.path} is missing: ${error.message}`);
	});
	if (found === undefined) {
		throw new Error(`the copy of ${entry.path} is missing`);
	}

	if (!sameDigest(found, digest)) {
		throw mismatch(entry);
	}
}

/** One file's copy, refused unless it is exactly what the manifest recorded. */
export async function readCopy(dir: string, entry: BackupEntry): Promise<Buffer> {
	const content = await readNoFollow(path.join(dir, entry.copy!)).catch((error: Error) => {
		throw new Error(`the copy of ${entry.path} is missing: ${error.message}`);
	});
	if (!sameDigest(digestOf(content), storedCopy(dir, entry).digest)) {
		throw mismatch(entry);
	}

	return content;
}

export interface SetListing {
	readonly sets: BackupSet[];
	/** Directories that are not complete sets, and why: never restored. */
	readonly ignored: ReadonlyArray<{readonly path: string; readonly reason: string}>;
}

/** The complete sets of a config dir, and what was left out. Read-only. */
export async function listBackupSets(configDir: string): Promise<SetListing> {
	const root = backupRoot(configDir);
	const names = await readdir(root).catch(() => [] as string[]);
	const sets: BackupSet[] = [];
	const ignored: Array<{path: string; reason: string}> = [];
	for (const name of names.sort()) {
		const dir = path.join(root, name);
		try {
			sets.push(await readBackupSet(dir));
		} catch (error) {
			ignored.push({path: dir, reason: name.startsWith('.incomplete.') ? 'incomplete: its run was interrupted' : (error as Error).message});
		}
	}

	return {sets, ignored};
}
