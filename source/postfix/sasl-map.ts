import {stat} from 'node:fs/promises';
import {Secret} from '../relay/secret.js';
import type {RunOptions} from './run.js';
import {runProgram} from './run.js';
import {type PostfixTarget, configArgs} from './target.js';

/** Types whose "name" is the data itself: a password there sits in main.cf, readable by everyone. */
export function holdsSecretInline(mapItem: string): boolean {
	return /^(?:static|inline):/.test(mapItem);
}

export interface FileFacts {
	readonly path: string;
	readonly exists: boolean;
	readonly mode: number | undefined;
	readonly uid: number | undefined;
	readonly mtimeMs: number | undefined;
}

export async function fileFacts(file: string): Promise<FileFacts> {
	try {
		const facts = await stat(file);
		return {path: file, exists: true, mode: facts.mode & 0o7777, uid: facts.uid, mtimeMs: facts.mtimeMs};
	} catch {
		return {path: file, exists: false, mode: undefined, uid: undefined, mtimeMs: undefined};
	}
}

/** A credentials entry found in the map; the password is a Secret (prints as ********). */
export interface MapEntry {
	/** The key it was found under (the relay's host name or the relayhost string). */
	readonly key: string;
	readonly username: string;
	/** Only for a real login (`verify --login`). */
	readonly password: Secret;
}

/**
 * Looks the relay's credentials up as Postfix does, with `postmap -q` (the secret is
 * read from its stdout, never passed on a command line, never shown). The keys are
 * tried in order; the first hit wins. Undefined when no key has an entry.
 */
export async function lookupCredentials(target: PostfixTarget, map: string, keys: readonly string[], options?: RunOptions): Promise<MapEntry | undefined> {
	for (const key of [...new Set(keys)].filter(Boolean)) {
		const result = await runProgram('postmap', [...configArgs(target), '-q', key, map], options);
		if (result.exitCode !== 0) {
			continue;
		}

		const value = result.stdout.replace(/\r?\n$/, '');
		// `user:password`; only the first colon splits (passwords may contain colons).
		const colon = value.indexOf(':');
		return {key, username: colon >= 0 ? value.slice(0, colon) : value, password: new Secret(colon >= 0 ? value.slice(colon + 1) : '')};
	}

	return undefined;
}
