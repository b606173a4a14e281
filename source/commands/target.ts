import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {PostfixMissingError, isPostfixInstalled} from '../postfix/locate.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import type {Sandbox} from '../sandbox/instance.js';
import type {GlobalOptions} from './options.js';

/** The configuration a command works on, and how to let go of it. */
export interface OpenTarget {
	readonly target: PostfixTarget;
	/** Set with --sandbox: the throwaway instance (its sink is the relay). */
	readonly sandbox: Sandbox | undefined;
	close(): Promise<void>;
}

export class UsageError extends Error {}

/**
 * --sandbox: a throwaway instance (started, relaying nowhere yet); --config-dir: that
 * directory; otherwise the system's Postfix. Checks Postfix is installed first.
 */
export async function openTarget(globals: GlobalOptions): Promise<OpenTarget> {
	if (!isPostfixInstalled()) {
		throw new PostfixMissingError('postconf');
	}

	if (globals.sandbox) {
		const {createSandbox} = await import('../sandbox/instance.js');
		const sandbox = await createSandbox();
		return {target: sandbox.target, sandbox, close: async () => sandbox.dispose()};
	}

	if (globals.configDir !== undefined) {
		const dir = path.resolve(globals.configDir);
		if (!existsSync(dir) || !statSync(dir).isDirectory()) {
			throw new UsageError(`${globals.configDir}: no such directory (--config-dir must be a Postfix configuration directory)`);
		}

		return {target: targetFor(dir), sandbox: undefined, close: async () => {}};
	}

	return {target: targetFor(undefined), sandbox: undefined, close: async () => {}};
}
