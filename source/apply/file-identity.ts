import {lstat, realpath, stat} from 'node:fs/promises';
import type {Ownership} from './exclusive.js';
import {StepError} from '../errors.js';

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
		const link = await lstat(file);
		if (!link.isSymbolicLink()) {
			return {real: file, exists: true, mode: link.mode & 0o7777, owner: {uid: link.uid, gid: link.gid}};
		}
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

/** A link (or not a regular file) where the set writes only regular files. */
export class LinkRefusedError extends StepError {}

/**
 * A file beside main.cf is written only as a regular file of its own: a link there (planted,
 * or pointing into another tool's store) is refused rather than followed or replaced.
 */
export async function identifyNoLink(file: string): Promise<FileIdentity> {
	const info = await lstat(file).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') {
			return undefined;
		}

		throw error;
	});
	if (!info) {
		return {real: file, exists: false, mode: undefined, owner: undefined};
	}

	if (!info.isFile()) {
		throw new LinkRefusedError(info.isSymbolicLink()
			? {en: `${file} is a symbolic link; postfix-wizard writes it only as a regular file: remove it or replace it with the file itself`, zh: `${file} 是符号链接；postfix-wizard 只把它写成普通文件：请删除它，或用文件本身替换它`}
			: {en: `${file} is not a regular file; postfix-wizard writes it only as a regular file: remove it or replace it with the file itself`, zh: `${file} 不是普通文件；postfix-wizard 只把它写成普通文件：请删除它，或用文件本身替换它`});
	}

	return {real: file, exists: true, mode: info.mode & 0o7777, owner: {uid: info.uid, gid: info.gid}};
}
