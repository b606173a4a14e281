import assert from 'node:assert/strict';

export const keys = {enter: '\r', escape: '\u001B', ctrlU: '\u0015', ctrlC: '\u0003', down: '\u001B[B'} as const;

/** Ink subscribes to input in an effect after a frame: wait for what is expected, then let it settle. */
export async function waitFor(frame: () => string | undefined, expected: string | RegExp, timeoutMs = 3000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const text = frame() ?? '';
		if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) {
			await new Promise(resolve => setTimeout(resolve, 20));
			return text;
		}

		if (Date.now() > deadline) {
			assert.fail(`timed out waiting for ${String(expected)} in:\n${text}`);
		}

		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

/** Types a key and gives Ink a tick to handle it (a lone ESC is delivered on the next tick). */
export async function press(stdin: {write(data: string): void}, data: string): Promise<void> {
	stdin.write(data);
	await new Promise(resolve => setTimeout(resolve, 30));
}
