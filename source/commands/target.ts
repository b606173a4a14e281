import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {UsageError} from '../errors.js';
import {inEveryLang} from '../i18n/lang.js';
import {PostfixMissingError, isPostfixInstalled} from '../postfix/locate.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import type {Sandbox} from '../sandbox/instance.js';
import type {SinkSecurity} from '../sandbox/sink.js';
import {commandMessages} from './messages.js';
import type {GlobalOptions} from './options.js';

/** The configuration a command works on, and how to let go of it. */
export interface OpenTarget {
	readonly target: PostfixTarget;
	/** Set with --sandbox: the throwaway instance (its sink is the relay). */
	readonly sandbox: Sandbox | undefined;
	close(): Promise<void>;
}

/**
 * --config-dir as given: an absolute directory that is a Postfix configuration, i.e. holds
 * main.cf or master.cf (a fresh Debian install has only master.cf). Anything else is a
 * usage error, refused before a file is touched: an empty value would mean the current
 * directory, and a stray directory would get a main.cf created in it.
 */
export function checkConfigDir(raw: string): string {
	const refuse = (pick: (m: typeof commandMessages.en) => string) => new UsageError(inEveryLang(commandMessages, pick));
	if (raw.trim() === '') {
		throw refuse(m => m.emptyConfigDir);
	}

	const dir = path.resolve(raw);
	const info = statSync(dir, {throwIfNoEntry: false});
	if (!info) {
		throw refuse(m => m.noConfigDir(raw));
	}

	if (!info.isDirectory()) {
		throw refuse(m => m.configDirNotDirectory(raw));
	}

	if (!existsSync(path.join(dir, 'main.cf')) && !existsSync(path.join(dir, 'master.cf'))) {
		throw refuse(m => m.notPostfixConfigDir(raw));
	}

	return dir;
}

/**
 * --sandbox: a throwaway instance (started, relaying nowhere yet; its relay open, or wanting
 * TLS and a login with `relaySecurity: 'login'`); --config-dir: that
 * directory; otherwise the system's Postfix. Input is checked first (exit 2), then that
 * Postfix is installed (exit 1).
 */
export async function openTarget(globals: GlobalOptions, options: {relaySecurity?: SinkSecurity; signal?: AbortSignal} = {}): Promise<OpenTarget> {
	if (globals.sandbox && globals.configDir !== undefined) {
		throw new UsageError(inEveryLang(commandMessages, m => m.sandboxWithConfigDir));
	}

	const dir = globals.configDir === undefined ? undefined : checkConfigDir(globals.configDir);
	if (!isPostfixInstalled()) {
		throw new PostfixMissingError('postconf');
	}

	if (globals.sandbox) {
		const {createSandbox} = await import('../sandbox/instance.js');
		// A stop while it starts removes what was made, and rejects with the interruption.
		const sandbox = await createSandbox({relaySecurity: options.relaySecurity, signal: options.signal});
		return {target: sandbox.target, sandbox, close: async () => sandbox.dispose()};
	}

	return {target: targetFor(dir), sandbox: undefined, close: async () => {}};
}
