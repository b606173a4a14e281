import {execa} from 'execa';
import {findProgram, locateProgram} from './locate.js';

export interface RunOptions {
	readonly signal?: AbortSignal;
	readonly input?: string;
	readonly timeoutMs?: number;
	readonly env?: Record<string, string>;
}

export interface RunResult {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
}

export class PostfixCommandError extends Error {
	constructor(
		readonly program: string,
		readonly args: readonly string[],
		readonly result: RunResult,
	) {
		const detail = (result.stderr || result.stdout).trim();
		super(`${program} ${args.join(' ')} exited with ${result.exitCode}${detail ? `: ${detail}` : ''}`);
		this.name = 'PostfixCommandError';
	}
}

/**
 * Runs one Postfix program with an argument array (never a shell), with stdin closed
 * unless input is given, so it can never steal the terminal from Ink.
 * Resolves whatever the exit code; callers decide what a failure means.
 */
export async function runProgram(name: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const file = locateProgram(name);
	const result = await execa(file, args, {
		reject: false,
		stripFinalNewline: false,
		cancelSignal: options.signal,
		timeout: options.timeoutMs,
		env: {LANG: 'C', LC_ALL: 'C', ...options.env},
		...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
	});
	if (result.isCanceled) {
		throw new Error(`${name} was interrupted`);
	}

	if (result.failed && result.exitCode === undefined) {
		throw new Error(`${name} could not be run: ${result.shortMessage ?? result.message}`);
	}

	return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)};
}

/** Like runProgram, but a non-zero exit becomes a PostfixCommandError. */
export async function runProgramOrThrow(name: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await runProgram(name, args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError(name, args, result);
	}

	return result;
}

/** Python's pty.spawn, given an argument vector: no shell is involved. */
const ptyShim = 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))';

/**
 * Postfix commands print their fatal errors on stderr only when it is a terminal, and
 * otherwise only to syslog, which a minimal host may not run. To tell the user why
 * `postfix check` failed, run it once more on a pseudo-terminal. Undefined when no
 * python3 is there to provide one.
 */
export async function runProgramOnTerminal(name: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult | undefined> {
	const python = findProgram('python3');
	if (!python) {
		return undefined;
	}

	const result = await execa(python, ['-c', ptyShim, locateProgram(name), ...args], {
		reject: false,
		stdin: 'ignore',
		cancelSignal: options.signal,
		timeout: options.timeoutMs ?? 30_000,
		env: {LANG: 'C', LC_ALL: 'C'},
	});
	const output = String(result.stdout).replaceAll('\r', '');
	return {exitCode: result.exitCode ?? 1, stdout: output, stderr: ''};
}
