import {type RunOptions, runProgram} from './run.js';
import type {PostfixTarget} from './target.js';

export type MapAnswer =
	| {readonly found: true; readonly value: string}
	| {readonly found: false}
	/** The table could not be opened (not built, wrong type…), with postmap's words. */
	| {readonly found: false; readonly error: string};

/**
 * `postmap -c DIR -q KEY TABLE`: what Postfix's own lookup code answers, for any table
 * type (hash, lmdb, regexp…). Exit 1 with nothing on stderr means "not found".
 */
export async function queryMap(target: PostfixTarget, key: string, table: string, options: RunOptions = {}): Promise<MapAnswer> {
	const result = await runProgram('postmap', ['-c', target.configDir, '-q', key, '--', table], options);
	if (result.exitCode === 0) {
		return {found: true, value: result.stdout.trim()};
	}

	const error = result.stderr.trim().replace(/^postmap: (?:fatal: )?/, '');
	return error === '' ? {found: false} : {found: false, error};
}
