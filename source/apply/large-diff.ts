import {execa} from 'execa';
import {findProgram} from '../postfix/locate.js';

/**
 * Above this, the review's diff is made by GNU diff on the staged files instead of in this
 * process: a JavaScript line diff holds every line of both versions several times over
 * (~50 MB for a 5 MB main.cf), while `diff` streams and keeps only its own small tables.
 */
export const largeFileBytes = 1024 * 1024;

/**
 * `diff -u` of two files, labelled as the in-process diff labels them; undefined when
 * no `diff` program is installed (the caller falls back to the in-process diff).
 */
export async function diffLargeFiles(beforeFile: string, afterFile: string, labels: {readonly old: string; readonly new: string}, options: {signal?: AbortSignal} = {}): Promise<string | undefined> {
	const program = findProgram('diff');
	if (!program) {
		return undefined;
	}

	const result = await execa(program, ['-u', '--label', labels.old, '--label', labels.new, beforeFile, afterFile], {
		reject: false,
		stdin: 'ignore',
		encoding: 'utf8',
		cancelSignal: options.signal,
		env: {LANG: 'C', LC_ALL: 'C'},
	});
	// 0: the same, 1: different, 2: trouble (then the in-process diff says it instead).
	return result.exitCode === 0 || result.exitCode === 1 ? String(result.stdout) : undefined;
}
