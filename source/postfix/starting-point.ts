import {readFile} from 'node:fs/promises';

/**
 * The main.cf a distribution starts from when there is none. Debian's non-interactive
 * install ("No configuration") leaves /etc/postfix without main.cf and tells the
 * administrator to start with `cp /usr/share/postfix/main.cf.debian /etc/postfix/main.cf`;
 * RHEL and Fedora always install a main.cf. Without any of these, Postfix's built-in
 * defaults are the starting point: an empty main.cf.
 */
export const startingPointFiles: readonly string[] = ['/usr/share/postfix/main.cf.debian'];

export interface StartingPoint {
	/** The file it was copied from; undefined for Postfix's built-in defaults (an empty file). */
	readonly source: string | undefined;
	readonly content: Buffer;
}

export async function readStartingPoint(files: readonly string[] = startingPointFiles): Promise<StartingPoint> {
	for (const file of files) {
		const content = await readFile(file).catch(() => undefined);
		if (content) {
			return {source: file, content};
		}
	}

	return {source: undefined, content: Buffer.alloc(0)};
}
