import {findProgram} from '../postfix/locate.js';
import {runProgram} from '../postfix/run.js';

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
	if (!findProgram('diff')) {
		return undefined;
	}

	const result = await runProgram('diff', ['-u', '--label', labels.old, '--label', labels.new, beforeFile, afterFile], options);
	// 0: the same, 1: different, 2: trouble (then the in-process diff says it instead).
	return result.exitCode === 0 || result.exitCode === 1 ? result.stdout : undefined;
}
