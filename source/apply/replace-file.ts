import {lstat, realpath, rename, rm, stat} from 'node:fs/promises';
import {type Ownership, writeExclusive} from './exclusive.js';

/** What a file is before it is replaced: where its bytes really live, its mode and owner. */
export interface FileIdentity {
	/** The file the content lives in: the link's target when `file` is a symlink. */
	readonly real: string;
	readonly exists: boolean;
	readonly mode: number | undefined;
	readonly owner: Ownership | undefined;
}

/**
 * Resolves a symlink (a main.cf kept in a managed directory and linked into place) so
 * its target is rewritten and the link stays. A dangling link is replaced like a missing file.
 */
export async function identify(file: string): Promise<FileIdentity> {
	try {
		await lstat(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {real: file, exists: false, mode: undefined, owner: undefined};
		}

		throw error;
	}

	const real = await realpath(file).catch(() => file);
	try {
		const info = await stat(real);
		return {real, exists: true, mode: info.mode & 0o7777, owner: {uid: info.uid, gid: info.gid}};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {real: file, exists: false, mode: undefined, owner: undefined};
		}

		throw error;
	}
}

export interface ReplaceOptions {
	/** The mode to give; default: the existing file's, else `fallbackMode`. */
	readonly mode?: number;
	/** The owner to give; default: the existing file's, else the tool's. */
	readonly owner?: Ownership;
	readonly fallbackMode?: number;
}

/**
 * Replaces a file's content atomically (an exclusive temp file + rename in the same
 * directory) keeping what `postconf -e` would lose: the mode, the owner, and a symlink.
 * Returns the path written (the link's target for a symlink).
 */
export async function replaceFileContent(file: string, content: Buffer, options: ReplaceOptions = {}): Promise<string> {
	const found = await identify(file);
	const mode = options.mode ?? found.mode ?? options.fallbackMode ?? 0o644;
	const owner = options.owner ?? found.owner;
	const temporary = await writeExclusive(found.real, content, mode, owner);
	try {
		await rename(temporary, found.real);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}

	return found.real;
}
