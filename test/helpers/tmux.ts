import {readFileSync} from 'node:fs';
import {execa} from 'execa';

function isZombie(pid: number): boolean {
	try {
		// The state follows the command name, which is in parentheses and may hold spaces.
		return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)?.startsWith('Z') === true;
	} catch {
		return false;
	}
}

/** A terminal a test can type into and read, as a person would: a private tmux server. */
export interface Terminal {
	send(...keys: string[]): Promise<void>;
	type(text: string): Promise<void>;
	/** Writes the bytes as they are (control keys included) in one go, with no wait: a burst. */
	burst(bytes: string): Promise<void>;
	screen(): Promise<string>;
	/** Resizes the window, as a user drags a terminal's corner: the program gets SIGWINCH. */
	resize(width: number, height: number): Promise<void>;
	waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string>;
	/** The program's exit status, once it has ended (the pane stays, remain-on-exit). */
	exitStatus(timeoutMs?: number): Promise<number>;
	close(): Promise<void>;
}

export async function openTerminal(command: readonly string[], options: {width?: number; height?: number; env?: Record<string, string>} = {}): Promise<Terminal> {
	const socket = `pfw-test-${process.pid}-${Date.now()}`;
	const tmux = async (...args: string[]) => execa('tmux', ['-L', socket, ...args], {env: options.env});
	const envArgs = Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
	await tmux('new-session', '-d', '-s', 'main', '-x', String(options.width ?? 110), '-y', String(options.height ?? 40), ...envArgs, ...command);
	await tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
	const terminal: Terminal = {
		// No pause after a key: the wizard hands keys to screens one at a time, each after the
		// frame the previous one made; a test waits for the screen it expects (waitFor).
		async send(...keys) {
			await tmux('send-keys', '-t', 'main', ...keys);
		},
		async type(text) {
			await tmux('send-keys', '-t', 'main', '-l', text);
		},
		async burst(bytes) {
			await tmux('send-keys', '-t', 'main', '-l', bytes);
		},
		async screen() {
			return (await tmux('capture-pane', '-t', 'main', '-p')).stdout;
		},
		async resize(width, height) {
			await tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
		},
		async waitFor(expected, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const text = await terminal.screen();
				if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) {
					return text;
				}

				if (Date.now() > deadline) {
					throw new Error(`timed out waiting for ${String(expected)} on the screen:\n${text}`);
				}

				// Polling the screen (capture-pane), not waiting for time to pass.
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		async exitStatus(timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const [dead, status, panePid, serverPid] = (await tmux('display-message', '-p', '-t', 'main', '#{pane_dead}:#{pane_dead_status}:#{pane_pid}:#{pid}')).stdout.trim().split(':');
				if (dead === '1' && status !== '') {
					return Number(status);
				}

				// tmux built with libutempter sets SIGCHLD to SIG_DFL while its utmp helper runs,
				// which it starts when the pty closes: a child that exits in that window is never
				// reaped (a zombie, the pane "dead" without a status). Nudging the server makes it reap.
				if (isZombie(Number(panePid))) {
					process.kill(Number(serverPid), 'SIGCHLD');
				}

				if (Date.now() > deadline) {
					throw new Error(`timed out waiting for the program to end; the screen:\n${await terminal.screen()}`);
				}

				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		async close() {
			await tmux('kill-server').catch(() => undefined);
		},
	};
	return terminal;
}
