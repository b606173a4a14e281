import {tlsModeFor} from '../relay/encryption.js';
import {findProvider, providerOfRelayhost} from '../relay/providers.js';
import type {RelayAccess} from '../relay/types.js';

import {splitAnswers} from '../rootmail/answers.js';

const ansi = {red: '\u001B[31m', green: '\u001B[32m', cyan: '\u001B[36m', bold: '\u001B[1m', reset: '\u001B[0m'};

/** Colours a unified diff the way `git diff` does; plain when the output is not a terminal. */
export function formatDiff(diff: string, color: boolean): string {
	if (!color) {
		return diff;
	}

	return diff
		.split('\n')
		.map(line => {
			if (line.startsWith('+++') || line.startsWith('---')) {
				return `${ansi.bold}${line}${ansi.reset}`;
			}

			if (line.startsWith('+')) {
				return `${ansi.green}${line}${ansi.reset}`;
			}

			if (line.startsWith('-')) {
				return `${ansi.red}${line}${ansi.reset}`;
			}

			return line.startsWith('@@') ? `${ansi.cyan}${line}${ansi.reset}` : line;
		})
		.join('\n');
}

/**
 * Quotes a value for a shell command line the user may copy (we never run it ourselves).
 * Brackets are glob characters: zsh refuses `relayhost=[host]:587` unquoted ("no matches found").
 */
export function shellQuote(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * The `rollback` command that undoes a run, exactly as it must be typed: the program as the
 * user runs it, the --config-dir the run worked on (the system's own needs none), quoted.
 */
export function rollbackCommand(program: string, backupPath: string, configDir?: string): string {
	return [program, ...(configDir ? ['--config-dir', shellQuote(configDir)] : []), 'rollback', shellQuote(backupPath)].join(' ');
}

/**
 * The relay login as `apply` options: the provider, the username, and where the password is
 * to be read from — the literal FILE, never the password itself.
 */
export function relayArguments(access: RelayAccess | undefined): string[] {
	if (access === undefined) {
		return [];
	}

	if (access.kind === 'none') {
		return ['--provider', 'none', ...(access.encryption && access.encryption.level !== 'encrypt' ? ['--relay-tls-level', access.encryption.level] : [])];
	}

	const {login} = access;
	const provider = findProvider(login.provider);
	const region = provider?.region ? providerOfRelayhost(login.relayhost)?.region : undefined;
	const ownUsername = provider?.fixedUsername === undefined && login.provider !== 'postmark';
	return [
		...(login.provider === 'other' ? [] : ['--provider', login.provider]),
		...(region ? ['--region', region] : []),
		...(ownUsername ? ['--relay-user', shellQuote(login.username)] : []),
		'--relay-password-file', 'FILE',
		...(login.encryption.level === 'encrypt' ? [] : ['--relay-tls-level', login.encryption.level]),
		...(login.encryption.mode === tlsModeFor(login.relayhost) ? [] : ['--relay-tls-mode', login.encryption.mode]),
	];
}

/** The `apply` command line that makes the same changes, for scripts; `program` is how the user runs us. */
export function equivalentApplyCommand(program: string, settings: ReadonlyMap<string, string>, configDir?: string, access?: RelayAccess): string {
	const parts = [program];
	if (configDir) {
		parts.push('--config-dir', shellQuote(configDir));
	}

	parts.push('apply');
	// The wizard's answers for root's mail and the sender are options of their own, not parameters.
	const {settings: parameters, rootMail} = splitAnswers(settings);
	for (const [name, value] of parameters) {
		parts.push('--set', shellQuote(`${name}=${value}`));
	}

	if (rootMail.rootTo !== undefined) {
		parts.push('--root-to', shellQuote(rootMail.rootTo));
	}

	if (rootMail.sendAs !== undefined) {
		parts.push('--send-as', shellQuote(rootMail.sendAs), ...(rootMail.sendAsScope === 'all' ? ['--send-as-scope', 'all'] : []));
	}

	return [...parts, ...relayArguments(access), '--yes'].join(' ');
}
