import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import type {ReactElement} from 'react';

export const keys = {enter: '\r', escape: '\u001B', ctrlU: '\u0015', ctrlC: '\u0003', down: '\u001B[B', up: '\u001B[A', left: '\u001B[D', right: '\u001B[C', pageDown: '\u001B[6~', pageUp: '\u001B[5~'} as const;

/**
 * Lets what is already scheduled run: the effects of the last render (useInput subscribes in
 * one), and Ink's handling of the last key. Not a delay: it waits for work, not for time.
 */
async function settle(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) {
		await new Promise(resolve => setImmediate(resolve));
	}
}

/**
 * Waits until the screen (or any probe) shows what is expected, then lets the render's
 * effects run, so the next key reaches a screen that listens. The deadline is generous:
 * under load (several test runs at once) a frame may take seconds; it only bounds a failure.
 */
export async function waitFor(frame: () => string | undefined, expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = frame() ?? '';
		if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) {
			await settle();
			return text;
		}

		if (Date.now() > deadline) {
			assert.fail(`timed out waiting for ${String(expected)} in:\n${text}`);
		}

		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/**
 * Types a key and lets Ink handle it. A key whose effect the next step depends on is
 * followed by a waitFor of that effect (a field reads keys against its last render).
 */
export async function press(stdin: {write(data: string): void}, data: string): Promise<void> {
	stdin.write(data);
	await settle();
}

/** Ctrl-U in the field of `name`, and wait until the screen shows it empty. */
export async function clearField(app: {stdin: {write(data: string): void}; lastFrame: () => string | undefined}, name: string): Promise<void> {
	await press(app.stdin, keys.ctrlU);
	await waitFor(app.lastFrame, new RegExp(`^${name} =$`, 'm'));
}

/** What a test sees of a screen: ink-testing-library's, with the terminal's size. */
class SizedStdout extends EventEmitter {
	frames: string[] = [];
	constructor(public columns: number, public rows: number) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
	};

	lastFrame = () => this.frames.at(-1);
}

/** Keys in, as ink-testing-library's stdin delivers them (a raw-mode terminal). */
class KeyStdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

/**
 * Renders as on a terminal `columns` × `rows` (ink-testing-library's has 100 columns and no
 * height, so nothing pages there); resize() changes it as a terminal window does.
 */
export function renderSized(tree: ReactElement, size: {readonly columns: number; readonly rows: number}) {
	const stdout = new SizedStdout(size.columns, size.rows);
	const stdin = new KeyStdin();
	const instance = inkRender(tree, {stdout: stdout as unknown as NodeJS.WriteStream, stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false});
	return {
		stdin,
		lastFrame: stdout.lastFrame,
		unmount: () => instance.unmount(),
		resize(columns: number, rows: number) {
			stdout.columns = columns;
			stdout.rows = rows;
			stdout.emit('resize');
		},
	};
}
