import {link, rename, rm} from 'node:fs/promises';
import {writeExclusive} from '../apply/exclusive.js';

export class OutputExistsError extends Error {
	constructor(readonly file: string) {
		super(`${file} exists; choose another name, or add --force to replace it`);
	}
}

/**
 * Writes a new file completely or not at all: an exclusive temporary file beside it
 * (O_EXCL|O_NOFOLLOW, unguessable name, the mode set on the descriptor), then linked to
 * the name (which fails if anything is there) or, with `replace`, renamed over it.
 */
export async function writeOutputFile(file: string, content: string, mode: number, replace: boolean): Promise<void> {
	const temporary = await writeExclusive(file, Buffer.from(content), mode);
	try {
		if (replace) {
			await rename(temporary, file);
			return;
		}

		try {
			await link(temporary, file);
		} catch (error) {
			throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? new OutputExistsError(file) : error;
		}
	} finally {
		await rm(temporary, {force: true});
	}
}
