import {lstat, open, realpath, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file's content atomically (temp file + rename in the same directory)
 * keeping what `postconf -e` would lose: the mode, the owner, and a symlink (the
 * link's target is rewritten, the link stays).
 */
export async function replaceFileContent(file: string, content: Buffer, fallbackMode = 0o644): Promise<void> {
	let real = file;
	let mode = fallbackMode;
	let owner: {uid: number; gid: number} | undefined;
	try {
		await lstat(file);
		real = await realpath(file);
		const info = await stat(real);
		mode = info.mode & 0o7777;
		owner = {uid: info.uid, gid: info.gid};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}
	}

	const temporary = path.join(path.dirname(real), `.${path.basename(real)}.postfix-wizard-${process.pid}`);
	const handle = await open(temporary, 'w', mode);
	try {
		await handle.writeFile(content);
		await handle.chmod(mode);
		if (owner) {
			await handle.chown(owner.uid, owner.gid);
		}

		await handle.sync();
	} catch (error) {
		await handle.close();
		await rm(temporary, {force: true});
		throw error;
	}

	await handle.close();
	try {
		await rename(temporary, real);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}
}
