import {stat} from 'node:fs/promises';
import type {RunOptions} from './run.js';
import {runProgram} from './run.js';
import {type PostfixTarget, configArgs} from './target.js';

/** One entry of `smtp_sasl_password_maps`, e.g. `hash:/etc/postfix/sasl_passwd`. */
export interface MapReference {
	readonly type: string;
	readonly name: string;
	/** The text file postmap reads (file-based types only). */
	readonly source: string | undefined;
	/** The file postmap writes, Postfix reads (`.db`, `.lmdb`, `.cdb`); undefined when Postfix reads the source itself. */
	readonly built: string | undefined;
}

/** Suffix of the file postmap builds, per indexed type. */
const builtSuffix: Readonly<Record<string, string>> = {hash: '.db', btree: '.db', lmdb: '.lmdb', cdb: '.cdb', dbm: '.pag', sdbm: '.pag'};
/** Types Postfix reads straight from a text file (no postmap). */
const textTypes = new Set(['texthash', 'regexp', 'pcre', 'cidr']);

/** `type:name` items of a map list (commas or spaces), as Postfix splits them. */
export function parseMapList(value: string): MapReference[] {
	return value.split(/[\s,]+/).filter(Boolean).map(item => {
		const colon = item.indexOf(':');
		const type = colon > 0 ? item.slice(0, colon) : '';
		const name = colon > 0 ? item.slice(colon + 1) : item;
		const fileBased = name.startsWith('/') && (type in builtSuffix || textTypes.has(type));
		return {type, name, source: fileBased ? name : undefined, built: fileBased && type in builtSuffix ? `${name}${builtSuffix[type]}` : undefined};
	});
}

/** Types whose "name" is the data itself: a password there sits in main.cf, readable by everyone. */
export function holdsSecretInline(map: MapReference): boolean {
	return ['static', 'inline'].includes(map.type);
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

/** A credentials entry found in the map. The secret stays in this object, in memory; never print it. */
export interface MapEntry {
	/** The key it was found under (the relay's host name or the relayhost string). */
	readonly key: string;
	readonly user: string;
	readonly hasPassword: boolean;
	/** Only for a real login (`verify --login`). */
	readonly password: string;
}

/**
 * Looks the relay's credentials up as Postfix does, with `postmap -q` (the secret is
 * read from its stdout, never passed on a command line, never shown). The keys are
 * tried in order; the first hit wins. Undefined when no key has an entry.
 */
export async function lookupCredentials(target: PostfixTarget, map: MapReference, keys: readonly string[], options?: RunOptions): Promise<MapEntry | undefined> {
	for (const key of [...new Set(keys)].filter(Boolean)) {
		const result = await runProgram('postmap', [...configArgs(target), '-q', key, `${map.type}:${map.name}`], options);
		if (result.exitCode !== 0) {
			continue;
		}

		const value = result.stdout.replace(/\r?\n$/, '');
		// `user:password`; only the first colon splits (passwords may contain colons).
		const colon = value.indexOf(':');
		const user = colon >= 0 ? value.slice(0, colon) : value;
		const password = colon >= 0 ? value.slice(colon + 1) : '';
		return {key, user, hasPassword: password !== '', password};
	}

	return undefined;
}
