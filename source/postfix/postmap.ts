import {PostfixCommandError, type RunOptions, runProgram} from './run.js';

/**
 * `postmap -c DIR TYPE:FILE`: builds FILE's lookup table next to it (FILE.db, FILE.lmdb…).
 * Callers point it at a private staging copy, never at the live file. Only stderr is kept
 * for the error: postmap prints no table content there, and stdout is never read.
 */
export async function buildMap(configDir: string, type: string, file: string, options: RunOptions = {}): Promise<void> {
	const args = ['-c', configDir, `${type}:${file}`];
	const result = await runProgram('postmap', args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postmap', args, {...result, stdout: ''});
	}
}
