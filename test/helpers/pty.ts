import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';

/**
 * One harness for the tests and the bench: it opens a pseudo-terminal of the given size,
 * forks, and the child execs the program DIRECTLY on it (no shell, no `script`, nothing between
 * the pty and the program). It keeps every byte the program writes, and, given a marker, the
 * milliseconds from just before the fork until the output first holds it and until it holds it
 * a second time; the harness's own start-up is outside that clock. It prints them as JSON once
 * the program has ended and been reaped.
 */
const harness = [
	'import base64, fcntl, json, os, pty, struct, sys, termios, time',
	'rows, columns, marker = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()',
	'start = time.monotonic_ns()',
	'pid, fd = pty.fork()',
	'if pid == 0:',
	'    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))',
	'    os.execv(sys.argv[4], sys.argv[4:])',
	'out = b""',
	'times = []',
	'while True:',
	'    try:',
	'        data = os.read(fd, 65536)',
	'    except OSError:',
	'        break',
	'    if not data:',
	'        break',
	'    out += data',
	'    while marker and len(times) < 2 and out.count(marker) > len(times):',
	'        times.append((time.monotonic_ns() - start) / 1e6)',
	'os.waitpid(pid, 0)',
	'print(json.dumps({"times": times, "output": base64.b64encode(out).decode()}))',
].join('\n');

// The system's interpreter: a version-manager shim (pyenv) would add a process in between.
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface PtyRun {
	/** Everything the program wrote. */
	readonly output: Buffer;
	/** Milliseconds until the marker first showed, and until it showed again (undefined: never). */
	readonly firstMs: number | undefined;
	readonly secondMs: number | undefined;
}

/** Runs `argv` (an absolute program and its arguments) on a fresh pty until it ends. */
export async function runOnPty(argv: readonly string[], options: {rows: number; columns: number; env: NodeJS.ProcessEnv; marker?: string}): Promise<PtyRun> {
	return new Promise((resolve, reject) => {
		execFile(python, ['-c', harness, String(options.rows), String(options.columns), options.marker ?? '', ...argv], {env: options.env, timeout: 60_000, maxBuffer: 1 << 26}, (error, stdout) => {
			if (error) {
				reject(error);
				return;
			}

			const {times, output} = JSON.parse(stdout) as {times: number[]; output: string};
			resolve({output: Buffer.from(output, 'base64'), firstMs: times[0], secondMs: times[1]});
		});
	});
}
