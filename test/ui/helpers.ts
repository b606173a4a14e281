import assert from 'node:assert/strict';

export const keys = {enter: '\r', escape: '\u001B', ctrlU: '\u0015', ctrlC: '\u0003', down: '\u001B[B', up: '\u001B[A', left: '\u001B[D', right: '\u001B[C'} as const;

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
