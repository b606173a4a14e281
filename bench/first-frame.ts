import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {cliPath} from '../test/helpers/cli.js';
import {median} from './stats.js';

/**
 * The timing harness, one for both sides: it opens a pseudo-terminal (120x40), forks, and the
 * child execs the measured program DIRECTLY on it (no shell, no `script`, nothing between the
 * pty and node). The clock starts in the parent just before the fork and stops when the output
 * read from the pty first contains the marker; the harness's own start-up is outside the
 * measurement. It prints the milliseconds until the marker first shows and until it shows
 * again (the wizard's Ink frame drawn over its first paint; "none" without one), then lets the
 * program end and reaps it.
 */
const ptyTimer = [
	'import fcntl, os, pty, struct, sys, termios, time',
	'marker = sys.argv[1].encode()',
	'start = time.monotonic_ns()',
	'pid, fd = pty.fork()',
	'if pid == 0:',
	'    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))',
	'    os.execv(sys.argv[2], sys.argv[2:])',
	'seen = b""',
	'elapsed = None',
	'again = None',
	'while True:',
	'    try:',
	'        data = os.read(fd, 65536)',
	'    except OSError:',
	'        break',
	'    if not data:',
	'        break',
	'    if again is None:',
	'        seen += data',
	'        count = seen.count(marker)',
	'        if count >= 1 and elapsed is None:',
	'            elapsed = (time.monotonic_ns() - start) / 1e6',
	'        if count >= 2:',
	'            again = (time.monotonic_ns() - start) / 1e6',
	'os.waitpid(pid, 0)',
	'print("%.3f %s" % (elapsed, "%.3f" % again if again is not None else "none") if elapsed is not None else "none " + repr(seen[:300]))',
].join('\n');

// The system's interpreter: its start-up is outside the clock anyway, but a version-manager
// shim (pyenv) would add a process in between.
const pythonPath = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Milliseconds from the fork of `argv` (an absolute program and its arguments) on a fresh pty
 * until its output shows `marker`, and until it shows it a second time (undefined if never).
 */
export async function timesToOutput(argv: readonly string[], marker: string, env: Record<string, string> = {}): Promise<{first: number; second: number | undefined}> {
	return new Promise((resolve, reject) => {
		const child = spawn(pythonPath, ['-c', ptyTimer, marker, ...argv], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString('utf8');
		});
		child.on('error', reject);
		child.on('exit', () => {
			const [first, second] = out.trim().split(' ').map(Number.parseFloat);
			if (Number.isFinite(first)) {
				resolve({first: first!, second: Number.isFinite(second) ? second : undefined});
			} else {
				reject(new Error(`no "${marker}" in the output of ${argv.join(' ')}: ${out.trim()}`));
			}
		});
	});
}

/** Milliseconds until `marker` first shows. */
export async function timeToOutput(argv: readonly string[], marker: string, env: Record<string, string> = {}): Promise<number> {
	return (await timesToOutput(argv, marker, env)).first;
}

export interface FirstFrameBench {
	readonly frameMs: number;
	/** Until Ink's own frame, drawn over the first paint, takes the keys. */
	readonly inkFrameMs: number;
	readonly nodeMs: number;
	readonly ratio: number;
	readonly runs: number;
}

/**
 * The wizard's first frame (its real preflight screen, from the bundle) against `node -e
 * "console.log(…)"`, both forked onto a pty by the same harness, interleaved, medians.
 */
export async function benchFirstFrame(runs = 11): Promise<FirstFrameBench> {
	const frames: number[] = [];
	const inkFrames: number[] = [];
	const nodes: number[] = [];
	const wizard = [process.execPath, cliPath, '--lang', 'en'];
	const hello = [process.execPath, '-e', 'console.log("hello from node")'];
	const exitAfterFrame = {POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'};
	// One of each first, so that both find the files in the page cache.
	await timeToOutput(hello, 'hello from node');
	await timeToOutput(wizard, 'Preflight', exitAfterFrame);
	for (let run = 0; run < runs; run++) {
		nodes.push(await timeToOutput(hello, 'hello from node'));
		const times = await timesToOutput(wizard, 'Preflight', exitAfterFrame);
		frames.push(times.first);
		// Without a first paint (a terminal too small for it) Ink's frame is the first.
		inkFrames.push(times.second ?? times.first);
	}

	const frameMs = median(frames);
	const nodeMs = median(nodes);
	return {frameMs, inkFrameMs: median(inkFrames), nodeMs, ratio: frameMs / nodeMs, runs};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const result = await benchFirstFrame();
	console.log(`first frame ${result.frameMs.toFixed(0)} ms vs node -e ${result.nodeMs.toFixed(0)} ms: ${result.ratio.toFixed(2)}x (budget 2x)`);
}
