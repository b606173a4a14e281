import {constants} from 'node:fs';
import {link, lstat, open, readdir, rename, rm, rmdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {type Bytes, type Digest, type StoredBytes, digestFile, digestOfBytes, sameDigest, streamHandle} from './content.js';
import {type Ownership, unguessableName, writeExclusive} from './exclusive.js';
import {type FileIdentity, LinkRefusedError, identify, identifyNoLink} from './file-identity.js';
import {type BackupSet, type SetMember, storedCopy} from './backup-set.js';
import {StepError, reasonOf} from '../errors.js';
import type {Localized} from '../i18n/lang.js';

/** One file of the transaction's set: what it must be before (as staged), and its bytes after. */
export interface SetFile {
	readonly path: string;
	/** undefined: absent before (as staged). */
	readonly before: Digest | undefined;
	/** undefined: removed. */
	readonly after: Bytes | undefined;
	/** The mode to give; undefined keeps the file's own (main.cf), 0644 when new. */
	readonly mode: number | undefined;
	readonly owner?: Ownership;
	readonly secret: boolean;
	/** main.cf only: a symlink is kept and its target written. Other files refuse links. */
	readonly followLink: boolean;
	/** The staged file holding `after`, in a private directory: renamed into place rather than copied (StagedPlan.placeable). */
	readonly placeable?: string;
}

/**
 * A file as found just before writing: its identity, and where its bytes are (never held
 * in memory: a main.cf may be megabytes). First the live file itself, which the backup
 * copies; once the backup is written, its copy, which a restore writes back.
 */
export interface Snapshot {
	readonly file: SetFile;
	readonly identity: FileIdentity;
	/** undefined: the file does not exist. */
	readonly content: StoredBytes | undefined;
}

/** A file of the set is not what the preview was made from: nothing was written. */
export class SetChangedError extends StepError {}

/**
 * Reads every file as it is now and checks it is what the preview was made from: a file
 * changed by someone else meanwhile must not be overwritten by a stale plan.
 */
export async function snapshotSet(files: readonly SetFile[]): Promise<Snapshot[]> {
	const snapshots: Snapshot[] = [];
	for (const file of files) {
		let identity;
		try {
			identity = file.followLink ? await identify(file.path) : await identifyNoLink(file.path);
		} catch (error) {
			throw error instanceof LinkRefusedError ? new SetChangedError(error.text) : error;
		}

		const changed = new SetChangedError({
			en: `${file.path} changed since the preview was made; nothing was written, review the change again`,
			zh: `${file.path} 在预览之后被改动过；未写入任何内容，请重新审阅更改`,
		});
		// A link appearing at the resolved name (ELOOP) is a change too.
		const digest = identity.exists ? await digestFile(identity.real, {noFollow: true}).catch((error: NodeJS.ErrnoException) => {
			throw error.code === 'ELOOP' ? changed : error;
		}) : undefined;
		if (!sameDigest(digest, file.before)) {
			throw changed;
		}

		snapshots.push({file, identity, content: digest && {file: identity.real, digest}});
	}

	return snapshots;
}

/** The snapshots with their bytes in the backup's verified copies: what a restore writes back. */
export function backedBy(snapshots: readonly Snapshot[], set: BackupSet): Snapshot[] {
	return snapshots.map(snapshot => {
		const entry = set.files.find(candidate => candidate.path === snapshot.file.path);
		if (snapshot.content && !entry?.existed) {
			throw new Error(`the backup ${set.path} has no copy of ${snapshot.file.path}`);
		}

		return {...snapshot, content: snapshot.content && entry && storedCopy(set.path, entry)};
	});
}

/** A stage kept in the config dir is `.stage.postfix-wizard-<random>` (see stagePlan). */
export const stageDirBase = 'stage';

/** Older than any run that stages and writes at once: a stage left by a process that was killed. */
const staleStageMs = 60 * 60 * 1000;

/**
 * Temporary and spare names left in the config dir by a run that was killed or could not
 * restore: under the lock nobody else is writing, and the backup set holds every original.
 * A stage directory goes only when stale: another run may be between its stage and its lock.
 */
export async function sweepLeftovers(configDir: string): Promise<void> {
	const names = await readdir(configDir).catch(() => [] as string[]);
	for (const name of names.filter(candidate => /^\..+\.postfix-wizard-[\w-]{16}$/.test(candidate))) {
		const file = path.join(configDir, name);
		const info = await lstat(file).catch(() => undefined);
		if (info?.isFile()) {
			await rm(file, {force: true}).catch(() => undefined);
		} else if (info?.isDirectory() && name.startsWith(`.${stageDirBase}.`) && Date.now() - info.mtimeMs > staleStageMs) {
			await rm(file, {recursive: true, force: true}).catch(() => undefined);
		}
	}
}

/** The snapshot as the backup set records it. */
export function memberOf(snapshot: Snapshot): SetMember {
	const {identity, content, file} = snapshot;
	return {path: file.path, content, mode: identity.mode ?? 0, uid: identity.owner?.uid ?? 0, gid: identity.owner?.gid ?? 0, secret: file.secret};
}

interface Written {
	readonly snapshot: Snapshot;
	/** A second name for the original inode: putting it back needs no space and keeps mode, owner and bytes. */
	readonly kept: string | undefined;
}

/** True when the file at `snapshot` is byte for byte, mode and owner, what it was. */
async function isAsBefore(snapshot: Snapshot): Promise<boolean> {
	const {identity, content} = snapshot;
	const now = await digestFile(identity.real, {noFollow: true}).catch(() => undefined);
	if (content === undefined || now === undefined) {
		return content === undefined && now === undefined;
	}

	const info = await stat(identity.real);
	return sameDigest(now, content.digest) && (info.mode & 0o7777) === identity.mode && info.uid === identity.owner?.uid && info.gid === identity.owner?.gid;
}

/**
 * Renames a staged file into place, as writeExclusive's file would be: its bytes checked
 * against `after`, mode and owner set on the descriptor, synced. False when it cannot be
 * (gone, another file system): the caller writes the bytes instead; nothing live changed.
 */
async function place(staged: string, after: Bytes, target: string, mode: number, owner: Ownership | undefined): Promise<boolean> {
	const handle = await open(staged, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
	if (!handle) {
		return false;
	}

	try {
		const info = await handle.stat();
		// The bytes of the file opened, not of whatever a second lookup by name would find.
		if (!info.isFile() || info.nlink !== 1 || !sameDigest(await streamHandle(handle), digestOfBytes(after))) {
			return false;
		}

		await handle.chmod(mode);
		if (owner) {
			await handle.chown(owner.uid, owner.gid);
		}

		await handle.sync();
	} catch {
		return false;
	} finally {
		await handle.close();
	}

	if (!(await rename(staged, target).then(() => true, () => false))) {
		return false;
	}

	// Its private directory is empty now.
	await rmdir(path.dirname(staged)).catch(() => undefined);
	return true;
}

/**
 * Writes a set of files one by one, each atomically, remembering how to undo each; `restore`
 * puts every written file back and reports, as sentences, what it could not.
 */
export class SetWriter {
	private readonly written: Written[] = [];

	/** Files written so far (even partly): what a restore must cover. */
	get touched(): number {
		return this.written.length;
	}

	async write(snapshot: Snapshot): Promise<void> {
		const {identity, file} = snapshot;
		let kept: string | undefined;
		if (identity.exists) {
			kept = path.join(path.dirname(identity.real), unguessableName(path.basename(identity.real)));
			// A hard link cannot be planted over (link fails on EEXIST) and costs no space.
			// Where links are refused, the restore writes the backup's copy back.
			kept = await link(identity.real, kept).then(() => kept, () => undefined);
		}

		try {
			if (file.after === undefined) {
				await rm(identity.real, {force: true});
			} else if (!(file.placeable && await place(file.placeable, file.after, identity.real, file.mode ?? identity.mode ?? 0o644, file.owner ?? identity.owner))) {
				const temporary = await writeExclusive(identity.real, file.after, file.mode ?? identity.mode ?? 0o644, file.owner ?? identity.owner);
				await rename(temporary, identity.real).catch(async (error: unknown) => {
					await rm(temporary, {force: true});
					throw error;
				});
			}
		} catch (error) {
			// Nothing of this file changed (the rename is the last step): only the spare name goes.
			if (kept) {
				await rm(kept, {force: true}).catch(() => undefined);
			}

			const reason = reasonOf(error);
			throw new StepError(file.after === undefined
				? {en: `could not remove ${file.path}: ${reason.en}`, zh: `无法删除 ${file.path}：${reason.zh}`}
				: {en: `could not write ${file.path}: ${reason.en}`, zh: `无法写入 ${file.path}：${reason.zh}`}, {cause: error});
		}

		this.written.push({snapshot, kept});
	}

	/** The run succeeded: the original inodes are no longer needed. */
	async commit(): Promise<void> {
		for (const {kept} of this.written) {
			if (kept) {
				await rm(kept, {force: true}).catch(() => undefined);
			}
		}
	}

	/**
	 * Puts every written file back as it was (bytes, mode, owner; absent if it was absent),
	 * newest first, then reads each back. Never throws: what fails is returned as sentences, in both languages.
	 */
	async restore(): Promise<Localized[]> {
		const problems: Localized[] = [];
		for (const {snapshot, kept} of [...this.written].reverse()) {
			const {identity, content, file} = snapshot;
			try {
				if (content === undefined) {
					await rm(identity.real, {force: true});
				} else if (kept) {
					await rename(kept, identity.real);
					// rename() between two names of one inode does nothing: drop the spare name.
					await rm(kept, {force: true});
				} else if (!(await isAsBefore(snapshot))) {
					const temporary = await writeExclusive(identity.real, content, identity.mode ?? 0o644, identity.owner);
					await rename(temporary, identity.real);
				}
			} catch (error) {
				const reason = reasonOf(error);
				problems.push({en: `could not restore ${file.path}: ${reason.en}`, zh: `无法恢复 ${file.path}：${reason.zh}`});
				continue;
			}

			if (!(await isAsBefore(snapshot).catch(() => false))) {
				problems.push({en: `${file.path} was put back but does not read back as it was`, zh: `${file.path} 已放回，但读回的内容与原来不同`});
			}
		}

		return problems;
	}
}
