import {randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {type FileHandle, mkdir, open, rm} from 'node:fs/promises';
import path from 'node:path';
import {type Bytes, type Digest, writeBytes} from './content.js';

/**
 * Every file the tool creates is created here: O_EXCL|O_NOFOLLOW under a name nobody can
 * guess in advance, so a link planted at a predictable name is never followed and a file
 * left by someone else is never reused.
 */
const exclusiveFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** `.NAME.postfix-wizard-<18 random characters>`: hidden, telling whose it is, unguessable. */
export function unguessableName(base: string): string {
	return `.${base}.postfix-wizard-${randomBytes(12).toString('base64url')}`;
}

/** Creates a new file beside `target` (in its directory) that did not exist before. */
export async function createExclusive(target: string, mode: number): Promise<{readonly path: string; readonly handle: FileHandle}> {
	for (let attempt = 0; ; attempt++) {
		const candidate = path.join(path.dirname(target), unguessableName(path.basename(target)));
		try {
			return {path: candidate, handle: await open(candidate, exclusiveFlags, mode)};
		} catch (error) {
			// A collision of 96 random bits is someone planting names: retry a few times, then give up.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) {
				throw error;
			}
		}
	}
}

/**
 * Opens exactly `file` for writing, failing if anything (a file, a link) is there already.
 * `access` O_RDWR: to read back what was written to it.
 */
export async function openNew(file: string, mode: number, access: number = constants.O_WRONLY): Promise<FileHandle> {
	return open(file, (exclusiveFlags & ~constants.O_WRONLY) | access, mode);
}

export interface Ownership {
	readonly uid: number;
	readonly gid: number;
}

/**
 * Writes `content` to a new exclusive file beside `target`, with the mode (and owner)
 * set on the descriptor and the data synced: what is renamed into place later is
 * complete. Returns the temporary path; the caller renames or removes it.
 */
export async function writeExclusive(target: string, content: Bytes, mode: number, owner?: Ownership): Promise<string> {
	const {path: temporary, handle} = await createExclusive(target, mode & 0o777);
	try {
		await writeBytes(handle, content);
		// open() applies the umask; the mode asked for is the mode meant.
		await handle.chmod(mode);
		if (owner) {
			await handle.chown(owner.uid, owner.gid);
		}

		await handle.sync();
		await handle.close();
	} catch (error) {
		await handle.close().catch(() => undefined);
		await rm(temporary, {force: true});
		throw error;
	}

	return temporary;
}

/** A new private directory (0700) with an unguessable name inside `parent`. */
export async function makePrivateDir(parent: string, base: string): Promise<string> {
	for (let attempt = 0; ; attempt++) {
		const candidate = path.join(parent, unguessableName(base));
		try {
			// mkdir never follows a link at its last component: EEXIST instead.
			await mkdir(candidate, {mode: 0o700});
			return candidate;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) {
				throw error;
			}
		}
	}
}

/** fsync a directory, so a rename in it survives a crash. Best effort where unsupported. */
export async function syncDir(dir: string): Promise<void> {
	const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY).catch(() => undefined);
	if (!handle) {
		return;
	}

	try {
		await handle.sync();
	} catch {
		// Some filesystems refuse fsync on directories; the data itself was synced.
	} finally {
		await handle.close();
	}
}

/**
 * Writes a file that must not exist yet, e.g. inside a private directory just made:
 * the name may be plain there, and the exclusive open still refuses anything planted.
 * Returns the digest of what was written.
 */
export async function writeNewFile(file: string, content: Bytes | string, mode = 0o600): Promise<Digest> {
	const handle = await openNew(file, mode);
	try {
		const digest = await writeBytes(handle, content);
		await handle.chmod(mode);
		await handle.sync();
		return digest;
	} finally {
		await handle.close();
	}
}
