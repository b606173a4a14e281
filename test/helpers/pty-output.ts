import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';

/** Forks `argv` on a fresh pty of the given size and returns every byte it wrote, once it has ended. */
const capture = [
	'import fcntl, os, pty, struct, sys, termios',
	'rows, columns = int(sys.argv[1]), int(sys.argv[2])',
	'pid, fd = pty.fork()',
	'if pid == 0:',
	'    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))',
	'    os.execv(sys.argv[3], sys.argv[3:])',
	'out = b""',
	'while True:',
	'    try:',
	'        data = os.read(fd, 65536)',
	'    except OSError:',
	'        break',
	'    if not data:',
	'        break',
	'    out += data',
	'os.waitpid(pid, 0)',
	'sys.stdout.buffer.write(out)',
].join('\n');

const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export async function ptyOutput(argv: readonly string[], size: {rows: number; columns: number}, env: NodeJS.ProcessEnv): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		execFile(python, ['-c', capture, String(size.rows), String(size.columns), ...argv], {env, encoding: 'buffer', timeout: 30_000, maxBuffer: 1 << 24}, (error, stdout) => {
			if (error) {
				reject(error);
			} else {
				resolve(stdout);
			}
		});
	});
}
