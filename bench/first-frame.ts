import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {cliPath} from '../test/helpers/cli.js';
import {median} from './stats.js';

/** Python's pty gives both commands the same real 120x40 terminal; Ink needs one. */
const ptyShim = [
	'import fcntl, os, pty, struct, sys, termios',
	'pid, fd = pty.fork()',
	'if pid == 0:',
	'    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))',
	'    os.execvp(sys.argv[1], sys.argv[1:])',
	'while True:',
	'    try:',
	'        data = os.read(fd, 65536)',
	'    except OSError:',
	'        break',
	'    if not data:',
	'        break',
	'    os.write(1, data)',
	'os.waitpid(pid, 0)',
].join('\n');

// The system's interpreter: a version-manager shim (pyenv) would add its own start-up to both sides.
const pythonPath = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Milliseconds from spawn until the output contains `marker`. */
async function timeToOutput(args: readonly string[], marker: string, env: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(pythonPath, ['-c', ptyShim, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'inherit']});
		let seen = '';
		let done = false;
		child.stdout.on('data', (chunk: Buffer) => {
			seen += chunk.toString('utf8');
			if (!done && seen.includes(marker)) {
				done = true;
				resolve(Number(process.hrtime.bigint() - started) / 1e6);
			}
		});
		child.on('exit', () => {
			if (!done) {
				reject(new Error(`no "${marker}" in the output of ${args.join(' ')}: ${seen.slice(0, 300)}`));
			}
		});
	});
}

export interface FirstFrameBench {
	readonly frameMs: number;
	readonly nodeMs: number;
	readonly ratio: number;
	readonly runs: number;
}

/**
 * The wizard's first frame (its real preflight screen, from the bundle) against an empty
 * `node` printing one line, both on a pseudo-terminal, interleaved, medians.
 */
export async function benchFirstFrame(runs = 9): Promise<FirstFrameBench> {
	const frames: number[] = [];
	const nodes: number[] = [];
	const wizard = [process.execPath, cliPath, '--lang', 'en'];
	const hello = [process.execPath, '-e', 'console.log("hello")'];
	await timeToOutput(wizard, 'Preflight', {POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'});
	for (let run = 0; run < runs; run++) {
		nodes.push(await timeToOutput(hello, 'hello'));
		frames.push(await timeToOutput(wizard, 'Preflight', {POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'}));
	}

	const frameMs = median(frames);
	const nodeMs = median(nodes);
	return {frameMs, nodeMs, ratio: frameMs / nodeMs, runs};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const result = await benchFirstFrame();
	console.log(`first frame ${result.frameMs.toFixed(0)} ms vs empty node ${result.nodeMs.toFixed(0)} ms: ${result.ratio.toFixed(2)}x (budget 2x)`);
}
