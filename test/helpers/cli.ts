import assert from 'node:assert/strict';
import {execa} from 'execa';
import path from 'node:path';
import {debugVariable} from '../../source/errors.js';
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

/** A stack frame (`at … .js:12`) or Node's internals: never in anything a user reads (issue 9). */
export const stackTrace = /\bat .*\.[cm]?[jt]sx?:\d+|node:internal/;

/**
 * Runs the built CLI as a user would, without a terminal (stdin closed). Every run is also
 * the sweep of issue 9: whatever the test checks, its output may hold no stack trace and no
 * "This is a bug" (a failure the tool should know), unless the test asked for the debug stack.
 */
export async function runCli(args: readonly string[], options: {env?: Record<string, string>; input?: string} = {}): Promise<CliResult> {
	const result = await execa(process.execPath, [cliPath, ...args], {
		reject: false,
		env: {LANG: 'C', ...options.env},
		...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
		timeout: 120_000,
	});
	const cli = {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)};
	if (options.env?.[debugVariable] === undefined) {
		const output = `${cli.stdout}\n${cli.stderr}`;
		assert.doesNotMatch(output, stackTrace, `postfix-wizard ${args.join(' ')} printed a stack trace:\n${output}`);
		assert.doesNotMatch(output, /This is a bug in postfix-wizard|postfix-wizard 的缺陷/, `postfix-wizard ${args.join(' ')} took a failure for a bug:\n${output}`);
	}

	return cli;
}
