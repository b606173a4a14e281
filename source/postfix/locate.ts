import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import {PreconditionError} from '../errors.js';

/** Postfix installs its programs in sbin, often missing from a non-root PATH. */
const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/usr/lib/sendmail'];

const cache = new Map<string, string | undefined>();

/** Whether this process may access the file in that way (`constants.X_OK`, `R_OK`…). */
export function canAccess(file: string, mode: number): boolean {
	try {
		accessSync(file, mode);
		return true;
	} catch {
		return false;
	}
}

export function isExecutable(file: string): boolean {
	return canAccess(file, constants.X_OK);
}

/** The absolute path of a program, or undefined when it is not installed. */
export function findProgram(name: string): string | undefined {
	if (cache.has(name)) {
		return cache.get(name);
	}

	const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
	const found = dirs.map(dir => path.join(dir, name)).find(file => isExecutable(file));
	cache.set(name, found);
	return found;
}

/** A precondition (exit 1): nothing can be read or changed without Postfix. */
export class PostfixMissingError extends PreconditionError {
	constructor(readonly program: string) {
		super(
			{en: `Postfix is not installed (no ${program} found in PATH or /usr/sbin).`, zh: `未安装 Postfix（在 PATH 和 /usr/sbin 中找不到 ${program}）。`},
			{
				hint: {
					en: 'Install it first:\n  Debian/Ubuntu:          apt-get install postfix\n  RHEL/Rocky/Alma/Fedora: dnf install postfix',
					zh: '请先安装：\n  Debian/Ubuntu：          apt-get install postfix\n  RHEL/Rocky/Alma/Fedora：dnf install postfix',
				},
			},
		);
	}
}

export function locateProgram(name: string): string {
	const file = findProgram(name);
	if (!file) {
		throw new PostfixMissingError(name);
	}

	return file;
}

export function isPostfixInstalled(): boolean {
	return findProgram('postconf') !== undefined && findProgram('postfix') !== undefined;
}

/** After installing Postfix, look again instead of trusting the cached "not found". */
export function forgetPrograms(): void {
	cache.clear();
}
