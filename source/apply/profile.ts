import {readFile} from 'node:fs/promises';
import type {BackupNaming} from './backup.js';

/** What a profile asks for, in the system role's terms. */
export interface Profile {
	readonly settings: ReadonlyMap<string, string>;
	readonly backup: BackupNaming | undefined;
	readonly warnings: readonly string[];
}

export class ProfileError extends Error {
	constructor(file: string, reason: string) {
		super(`${file}: ${reason}`);
		this.name = 'ProfileError';
	}
}

type Vars = Record<string, unknown>;

function isObject(value: unknown): value is Vars {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The vars that hold postfix_conf: a vars file itself, or a play's `vars` / a role entry's `vars`. */
function findVars(document: unknown): Vars | undefined {
	if (isObject(document)) {
		return 'postfix_conf' in document ? document : undefined;
	}

	if (Array.isArray(document)) {
		for (const play of document) {
			if (!isObject(play)) {
				continue;
			}

			const candidates = [play['vars'], ...(Array.isArray(play['roles']) ? play['roles'].map(role => (isObject(role) ? role['vars'] ?? role : undefined)) : [])];
			const found = candidates.find(vars => isObject(vars) && 'postfix_conf' in vars);
			if (found) {
				return found as Vars;
			}
		}
	}

	return undefined;
}

/** YAML gives booleans, numbers and lists where main.cf wants text: spell them as Postfix does. */
function toPostfixValue(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value;
	}

	if (typeof value === 'boolean') {
		return value ? 'yes' : 'no';
	}

	if (typeof value === 'number' && Number.isFinite(value)) {
		return String(value);
	}

	if (value === null) {
		return '';
	}

	if (Array.isArray(value) && value.every(item => typeof item === 'string' || typeof item === 'number')) {
		return value.join(', ');
	}

	return undefined;
}

/**
 * Reads the fleet's answers in rhel-system-roles.postfix's own format, so the vars an
 * Ansible run uses apply here unchanged: `postfix_conf` (a mapping of main.cf
 * parameters) and `postfix_backup_multiple`. YAML is a superset of JSON.
 */
export async function loadProfile(file: string): Promise<Profile> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new ProfileError(file, (error as Error).message);
	}

	let document: unknown;
	try {
		// Only profiles need the YAML parser; a plain --set run does not load it. yaml is
		// CommonJS: its module object is the default export, in Node and in the bundle alike
		// (esbuild's split chunk re-exports it as default only).
		const {default: YAML} = await import('yaml');
		document = YAML.parse(text);
	} catch (error) {
		throw new ProfileError(file, `not valid YAML or JSON: ${(error as Error).message}`);
	}

	const vars = findVars(document);
	if (!vars) {
		throw new ProfileError(file, 'no postfix_conf found (expected the system role\'s variables, or a playbook whose play has them in vars)');
	}

	const conf = vars['postfix_conf'];
	if (!isObject(conf)) {
		throw new ProfileError(file, 'postfix_conf must be a mapping of main.cf parameters to values');
	}

	const settings = new Map<string, string>();
	const warnings: string[] = [];
	for (const [name, raw] of Object.entries(conf)) {
		if (name === 'previous') {
			// The role's `previous: replaced` wipes main.cf back to defaults first; a null-client
			// tool edits in place and keeps everything else.
			warnings.push(`${file}: postfix_conf.previous is ignored: postfix-wizard changes only the parameters listed`);
			continue;
		}

		const value = toPostfixValue(raw);
		if (value === undefined) {
			throw new ProfileError(file, `postfix_conf.${name} must be text, a number, a boolean or a list`);
		}

		settings.set(name, value);
	}

	const multiple = vars['postfix_backup_multiple'];
	const backup = multiple === undefined ? undefined : multiple === true || multiple === 'true' || multiple === 'yes' ? 'multiple' : 'single';
	return {settings, backup, warnings};
}
