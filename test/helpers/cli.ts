import {execa} from 'execa';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(projectRoot, 'dist', 'cli.js');
/** Real main.cf files to test against (copies: a user's clone has nothing beside the project). */
export const fixturesDir = path.join(projectRoot, 'test', 'fixtures');

export interface CliResult {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs the built CLI as a user would, without a terminal (stdin closed). */
export async function runCli(args: readonly string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<CliResult> {
	const result = await execa(process.execPath, [cliPath, ...args], {
		reject: false,
		env: {LANG: 'C', ...options.env},
		...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
		timeout: 120_000,
	});
	return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)};
}
