import {listItems} from '../settings/syntax.js';

/**
 * Lookup tables as main.cf names them (`hash:/etc/postfix/sasl_passwd`), and the files
 * postmap builds from them: one place for every parameter that lists maps
 * (smtp_sasl_password_maps, alias_maps, virtual_alias_maps…).
 */

/** Map types postmap builds into a file beside the source; others (texthash, regexp, inline…) are read as text or are no files. */
export const fileMapTypes = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm']);

/**
 * What `postmap TYPE:FILE` writes beside FILE, per map type: Berkeley DB (hash, btree)
 * `FILE.db`, lmdb `FILE.lmdb`, cdb `FILE.cdb`, and the dbm family two files, `FILE.dir`
 * and `FILE.pag`. Every one must be there, newer than FILE, for the map to be current.
 */
export function builtMapPaths(source: string, type: string): readonly string[] {
	switch (type) {
		case 'lmdb':
		case 'cdb': {
			return [`${source}.${type}`];
		}

		case 'dbm':
		case 'sdbm': {
			return [`${source}.dir`, `${source}.pag`];
		}

		default: {
			return [`${source}.db`];
		}
	}
}

/** One item of a map list split at its first colon: `regexp:/etc/postfix/x` → regexp, /etc/postfix/x. Undefined for a bare word. */
export function tableOf(item: string): {readonly type: string; readonly name: string} | undefined {
	const match = item.match(/^([a-z\d_]+):(.+)$/);
	return match ? {type: match[1]!, name: match[2]!} : undefined;
}

/** A file-based map: its type, source and built files. */
export interface MapFile {
	readonly type: string;
	readonly source: string;
	readonly built: readonly string[];
}

/** The file-based map an item names (through `proxy:` too), or undefined for any other table. */
export function mapFileOf(item: string): MapFile | undefined {
	const table = tableOf(item.replace(/^proxy:/, ''));
	return table && fileMapTypes.has(table.type) && table.name.startsWith('/')
		? {type: table.type, source: table.name, built: builtMapPaths(table.name, table.type)}
		: undefined;
}

/** The file-based maps of a map list (`hash:/etc/postfix/sasl_passwd, …`); other items are skipped. */
export function mapFilesOf(value: string): MapFile[] {
	return listItems(value).flatMap(item => mapFileOf(item) ?? []);
}

/** The file a table item reads (`hash:/d/x`, `proxy:hash:/d/x`, `regexp:/d/x` → /d/x), or undefined. */
function fileOfItem(item: string): string | undefined {
	const name = tableOf(item.replace(/^proxy:/, ''))?.name;
	return name?.startsWith('/') ? name : undefined;
}

/**
 * The value of a `*_maps` parameter with our table first (Postfix stops at the first
 * table that knows a key), every table an administrator listed kept after it as written.
 * An item naming our file under another type (`hash:` before a move to lmdb, `proxy:`) is
 * ours too and goes: ours is never listed twice.
 */
export function withOurTableFirst(ours: string, existing: string | undefined): string {
	const file = fileOfItem(ours);
	const others = listItems(existing ?? '').filter(item => item !== ours && (file === undefined || fileOfItem(item) !== file));
	return [ours, ...others].join(', ');
}
