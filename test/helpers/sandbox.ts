import type {TestContext} from 'node:test';
import {after} from 'node:test';
import {type Sandbox, type SandboxOptions, createSandbox} from '../../source/sandbox/instance.js';

/** A sandbox that is disposed when the test (or, without a context, the file) ends, pass or fail. */
export async function useSandbox(options: SandboxOptions = {}, t?: TestContext): Promise<Sandbox> {
	const sandbox = await createSandbox(options);
	if (t) {
		t.after(async () => sandbox.dispose());
	} else {
		after(async () => sandbox.dispose());
	}

	return sandbox;
}
