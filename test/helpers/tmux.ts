import {execa} from 'execa';

/** A terminal a test can type into and read, as a person would: a private tmux server. */
export interface Terminal {
	send(...keys: string[]): Promise<void>;
	type(text: string): Promise<void>;
	/** Writes the bytes as they are (control keys included) in one go, with no wait: a burst. */
	burst(bytes: string): Promise<void>;
	screen(): Promise<string>;
	waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string>;
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
		async close() {
			await tmux('kill-server').catch(() => undefined);
		},
	};
	return terminal;
}
