import {constants} from 'node:fs';
import {type FileHandle, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {streamHandle} from '../apply/content.js';
import {openNew, unguessableName} from '../apply/exclusive.js';
import {type Options, type ResultPromise, execa} from 'execa';
import {StepError} from '../errors.js';
import {stopOf} from '../interrupt.js';
import {findProgram, locateProgram} from './locate.js';
import {type KnownFatal, knownFatal} from './fatal.js';
import {byteLineSplitter} from './line-splitter.js';

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

/**
 * A Postfix program that ended with a failure: a known failure, said with its own words
 * (and, when a setting in main.cf caused it, what that means and what to do), never a bug.
 */
export class PostfixCommandError extends StepError {
	/** What it means when main.cf is at fault (see knownFatal). */
	readonly known: KnownFatal | undefined;

	constructor(
		readonly program: string,
		readonly args: readonly string[],
		readonly result: RunResult,
	) {
		const detail = (result.stderr || result.stdout).trim();
		const known = knownFatal(detail);
		const command = `${program} ${args.join(' ')}`;
		super(known
			? {en: `${command} failed: ${known.cause.en}`, zh: `${command} 失败：${known.cause.zh}`}
			: {en: `${command} exited with ${result.exitCode}${detail ? `: ${detail}` : ''}`, zh: `${command} 以状态 ${result.exitCode} 退出${detail ? `：${detail}` : ''}`}, {hint: known?.fix});
		this.known = known;
	}
}

/** How long a program may take to leave after SIGTERM before its group gets SIGKILL. */
const graceMs = 2000;

/**
 * Process groups of the programs still running. Each program leads its own group
 * (`detached`), so that ending it ends what it started too (`postfix check` runs
 * post-install, which may run `postconf -e`): nothing may edit main.cf after the tool
 * has rolled back or left. Whatever way the process leaves, the groups go with it.
 */
const liveGroups = new Set<number>();
process.on('exit', () => {
	for (const group of liveGroups) {
		signalGroup(group, 'SIGKILL');
	}
});

function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(-group, signal);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to the whole group, SIGKILL after the grace period; resolves once no member is left. */
async function endGroup(group: number): Promise<void> {
	signalGroup(group, 'SIGTERM');
	const killAt = Date.now() + graceMs;
	const giveUpAt = killAt + graceMs;
	while (signalGroup(group, 0) && Date.now() < giveUpAt) {
		if (Date.now() >= killAt) {
			signalGroup(group, 'SIGKILL');
		}

		await sleep(20);
	}
}

/** Why a program was stopped before it ended by itself. */
export type StopReason = 'interrupted' | 'timeout';

export interface GroupRun<Child> {
	readonly child: Child;
	/** Resolves when the program ended and, if it was stopped, its whole group is gone. */
	readonly ended: Promise<StopReason | undefined>;
	/** Ends the program and everything it started (e.g. a log follower no longer needed). */
	stop(): Promise<void>;
}

/**
 * The one way this tool starts a program: argument array, never a shell; its own process
 * group, ended as a whole on `signal`, after `timeoutMs`, on stop(), or when the tool exits.
 */
export interface StartControl {
	readonly signal?: AbortSignal;
	readonly timeoutMs?: number;
	/**
	 * False for a package manager: cutting dpkg or rpm short would leave the system half
	 * installed, so it may finish even when the tool ends abnormally.
	 */
	readonly endWithTool?: boolean;
}

export function startProgram<O extends Options>(file: string, args: readonly string[], options: O, control: StartControl = {}): GroupRun<ResultPromise<O>> {
	const child = execa(file, args, {...options, detached: true, reject: false}) as unknown as ResultPromise<O>;
	const group = child.pid;
	let reason: StopReason | undefined;
	let ending: Promise<void> | undefined;
	const stop = async (why: StopReason) => {
		reason ??= why;
		if (group !== undefined) {
			ending ??= endGroup(group);
		}

		await ending;
	};

	const onAbort = () => void stop('interrupted');
	const timer = control.timeoutMs === undefined ? undefined : setTimeout(() => void stop('timeout'), control.timeoutMs);
	if (group !== undefined && control.endWithTool !== false) {
		liveGroups.add(group);
	}

	if (control.signal?.aborted) {
		onAbort();
	} else {
		control.signal?.addEventListener('abort', onAbort, {once: true});
	}

	const ended = (async () => {
		try {
			await child;
		} catch {
			// reject: false; a spawn failure shows in the result the caller awaits.
		} finally {
			clearTimeout(timer);
			control.signal?.removeEventListener('abort', onAbort);
		}

		await ending;
		if (group !== undefined) {
			liveGroups.delete(group);
		}

		return reason;
	})();
	return {child, ended, stop: async () => stop('interrupted')};
}

/** The error for a program stopped before it ended: the signal's, or its deadline's. */
function stoppedError(name: string, reason: StopReason, options: RunOptions): Error {
	if (reason === 'interrupted') {
		return stopOf(options.signal);
	}

	const seconds = Math.round((options.timeoutMs ?? 0) / 100) / 10;
	return new StepError({en: `${name} did not finish within ${seconds} s and was stopped`, zh: `${name} 在 ${seconds} 秒内未结束，已被终止`});
}

/**
 * Runs one Postfix program with an argument array (never a shell), with stdin closed
 * unless input is given, so it can never steal the terminal from Ink.
 * Resolves whatever the exit code; callers decide what a failure means.
 */
export async function runProgram(name: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
	const file = locateProgram(name);
	const stderr = await privateFile();
	try {
		const run = startProgram(file, args, {
			stripFinalNewline: false,
			env: {LANG: 'C', LC_ALL: 'C', ...options.env},
			// Any open descriptor is passed to the child as is (execa's types list only 1 and 2).
			stderr: stderr.fd as 2,
			...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
		}, {signal: options.signal, timeoutMs: options.timeoutMs});
		const [result, stopped] = await Promise.all([run.child, run.ended]);
		if (stopped) {
			throw stoppedError(name, stopped, options);
		}

		if (result.failed && result.exitCode === undefined) {
			throw new StepError(`${name} could not be run: ${result.shortMessage ?? result.message}`);
		}

		const warnings = boundedWarnings();
		await streamHandle(stderr, async chunk => warnings.write(chunk));
		return {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: warnings.text()};
	} finally {
		await stderr.close();
	}
}

/**
 * A file only this process can reach, for a program's stderr: created exclusively (0600,
 * O_EXCL|O_NOFOLLOW, a name nobody can guess) and unlinked at once, so that only the open
 * descriptor reaches it and it goes with the descriptor, whatever way the run ends.
 * Postconf writes its warnings one line at a time (megabytes for a long-grown main.cf);
 * through a pipe every line is a read and an allocation, and the tool's resident memory
 * grew by ~9 MiB for one such run. Read back from a file, one buffer serves the whole of it.
 */
async function privateFile(): Promise<FileHandle> {
	const file = path.join(os.tmpdir(), unguessableName('stderr'));
	const handle = await openNew(file, 0o600, constants.O_RDWR);
	try {
		await rm(file);
	} catch (error) {
		await handle.close();
		throw error;
	}

	return handle;
}

/**
 * Warnings Postfix repeats once per line of a long-grown main.cf: 50,000 `unused parameter`
 * for 50,000 site parameters, one `overriding earlier entry` per parameter set twice. Beyond
 * a few of each kind they are counted, not kept: memory stays bounded, and so does the screen.
 */
const floods = [
	{marker: Buffer.from('unused parameter: '), summary: (count: number) => `postconf: warning: … and ${count} more parameters Postfix does not use (unused parameter)`},
	{marker: Buffer.from('overriding earlier entry: '), summary: (count: number) => `postconf: warning: … and ${count} more parameters set again further down (overriding earlier entry)`},
];

/** How many of each repeated warning are shown before the rest is counted. */
const shownPerFlood = 5;

/**
 * A program's stderr, kept line by line, except the floods above. Lines come as byte ranges
 * and only kept ones become strings: a flood of megabytes allocates next to nothing.
 */
function boundedWarnings(): {write(chunk: Buffer): void; text(): string} {
	const kept: string[] = [];
	const counts = floods.map(() => 0);
	// The chunk being split, and where each marker occurs next in it: one forward scan per
	// marker and chunk, not one per line.
	let chunk: Buffer | undefined;
	const next = floods.map(() => -1);
	const floodOf = (bytes: Buffer, start: number, end: number): number => {
		let flood = -1;
		for (let index = 0; index < floods.length; index++) {
			const {marker} = floods[index]!;
			let at: number;
			if (bytes === chunk) {
				if (next[index]! >= 0 && next[index]! < start) {
					next[index] = bytes.indexOf(marker, start);
				}

				at = next[index]!;
			} else {
				// A line joined across chunks is a copy of its own, searched on its own.
				at = bytes.indexOf(marker, start);
			}

			if (flood < 0 && at >= start && at < end) {
				flood = index;
			}
		}

		return flood;
	};

	const lines = byteLineSplitter((bytes, start, end) => {
		const flood = floodOf(bytes, start, end);
		if (flood < 0 || ++counts[flood]! <= shownPerFlood) {
			kept.push(bytes.toString('utf8', start, end));
		}
	});
	return {
		write(bytes) {
			chunk = bytes;
			for (let index = 0; index < floods.length; index++) {
				next[index] = bytes.indexOf(floods[index]!.marker);
			}

			lines.write(bytes);
		},
		text() {
			lines.end();
			const summaries = floods.flatMap(({summary}, index) => counts[index]! > shownPerFlood ? [summary(counts[index]! - shownPerFlood)] : []);
			return [...kept, ...summaries].join('\n');
		},
	};
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

	const run = startProgram(python, ['-c', ptyShim, locateProgram(name), ...args], {
		stdin: 'ignore',
		env: {LANG: 'C', LC_ALL: 'C'},
	}, {signal: options.signal, timeoutMs: options.timeoutMs ?? 30_000});
	const [result, stopped] = await Promise.all([run.child, run.ended]);
	if (stopped) {
		throw stoppedError(name, stopped, {...options, timeoutMs: options.timeoutMs ?? 30_000});
	}

	const output = String(result.stdout).replaceAll('\r', '');
	return {exitCode: result.exitCode ?? 1, stdout: output, stderr: ''};
}
