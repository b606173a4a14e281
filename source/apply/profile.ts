import {open} from 'node:fs/promises';
import {UsageError, systemErrorText} from '../errors.js';
import {databaseTypeVariable, jinjaConstructs, plainVariable, relayPasswordVariable} from '../export/jinja.js';
import type {BackupNaming} from './backup.js';
import {type AnsibleValue, FloatValue, UnsafeText, VaultText, parseAnsibleYaml} from './ansible-yaml.js';

/** A file the role's `postfix_files` writes beside main.cf. */
export interface ProfileFile {
	readonly name: string;
	/** May hold `{{ vault_postfix_relay_password }}` and `{{ postfix_default_database_type }}`, filled by resolveProfile. */
	readonly content: string;
	readonly postmap: boolean;
}

/** What a profile asks for, in the system role's terms. */
export interface Profile {
	/** main.cf values; may hold `{{ postfix_default_database_type }}`, filled by resolveProfile. */
	readonly settings: ReadonlyMap<string, string>;
	readonly files: readonly ProfileFile[];
	readonly backup: BackupNaming | undefined;
	readonly warnings: readonly string[];
}

/** A profile that cannot be used as it is: refused before anything is touched (exit 2). */
export class ProfileError extends UsageError {
	constructor(file: string, reason: string) {
		super({en: `Profile ${file}: ${reason}`, zh: `配置文件 ${file}：${reason}`});
	}
}

/** Profiles are a few kilobytes; refusing big files before parsing bounds the memory. */
export const profileSizeLimit = 1024 * 1024;

type Vars = Record<string, AnsibleValue>;

function isObject(value: unknown): value is Vars {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnsafeText) && !(value instanceof VaultText) && !(value instanceof FloatValue);
}

const roleVariable = /^postfix_/;

function hasRoleVariables(vars: unknown): vars is Vars {
	return isObject(vars) && Object.keys(vars).some(key => roleVariable.test(key));
}

/** fedora.linux_system_roles.postfix, rhel-system-roles.postfix, linux-system-roles.postfix, or a path to one. */
function isPostfixRole(name: unknown): boolean {
	const text = name instanceof UnsafeText ? name.text : name;
	return typeof text === 'string' && /(?:^|[./-])postfix\/?$/.test(text.trim());
}

const includeRoleActions = new Set(['include_role', 'import_role', 'ansible.builtin.include_role', 'ansible.builtin.import_role', 'ansible.legacy.include_role', 'ansible.legacy.import_role']);

/** A role entry's keys that are Ansible's, not the role's parameters. */
const roleEntryKeywords = new Set(['role', 'name', 'vars', 'when', 'tags', 'become', 'become_user', 'delegate_to', 'environment', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'public', 'apply', 'allow_duplicates', 'rolespec_validate']);

function roleParameters(entry: Vars): Vars {
	const vars: Vars = isObject(entry['vars']) ? {...entry['vars']} : {};
	for (const [key, value] of Object.entries(entry)) {
		if (!roleEntryKeywords.has(key) && roleVariable.test(key)) {
			vars[key] = value;
		}
	}

	return vars;
}

/** The role's invocations in a play's task lists (blocks included), with their vars. */
function roleTasks(tasks: unknown, depth = 0): Vars[] {
	if (!Array.isArray(tasks) || depth > 16) {
		return [];
	}

	return tasks.flatMap(task => {
		if (!isObject(task)) {
			return [];
		}

		const nested = ['block', 'rescue', 'always'].flatMap(key => roleTasks(task[key], depth + 1));
		const action = Object.keys(task).find(key => includeRoleActions.has(key));
		if (action === undefined) {
			return nested;
		}

		const spec = task[action];
		const roleName = isObject(spec) ? spec['name'] : spec;
		return isPostfixRole(roleName) ? [{...(isObject(task['vars']) ? task['vars'] : {})}, ...nested] : nested;
	});
}

interface PlayVars {
	readonly label: string;
	readonly name: string | undefined;
	readonly hosts: string | undefined;
	readonly vars: Vars;
	readonly warnings: string[];
}

function text(value: unknown): string | undefined {
	if (value instanceof UnsafeText) {
		return value.text;
	}

	return typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(',') : undefined;
}

/** The role's variables in one play: the play's vars, overridden by the role entry's (Ansible's precedence). */
function playVars(play: Vars, index: number): PlayVars | undefined {
	const name = text(play['name']);
	const hosts = text(play['hosts']);
	const label = name === undefined ? `play ${index + 1}${hosts === undefined ? '' : ` (hosts ${hosts})`}` : `play "${name}"`;
	const entries = Array.isArray(play['roles']) ? play['roles'] : [];
	const fromRoles = entries.flatMap(entry => {
		if (isObject(entry) && isPostfixRole(entry['role'] ?? entry['name'])) {
			return [roleParameters(entry)];
		}

		return isPostfixRole(entry) ? [{}] : [];
	});
	const invocations = [...fromRoles, ...['pre_tasks', 'tasks', 'post_tasks'].flatMap(key => roleTasks(play[key]))];
	const withVars = invocations.filter(vars => hasRoleVariables(vars));
	if (withVars.length > 1) {
		throw new Error(`${label} runs the postfix role ${withVars.length} times with its own variables; keep one`);
	}

	const fromPlay = hasRoleVariables(play['vars']) ? play['vars'] : {};
	const vars = {...fromPlay, ...withVars[0]};
	if (!hasRoleVariables(vars)) {
		return undefined;
	}

	const warnings = play['vars_files'] === undefined ? [] : [`${label}: vars_files are not read; put the role's variables in the play or pass that file with --profile`];
	return {label, name, hosts, vars, warnings};
}

/** The vars that drive the role: a vars file itself, or the play chosen among a playbook's. */
function findVars(document: AnsibleValue, playName: string | undefined): {vars: Vars; warnings: string[]} {
	if (isObject(document)) {
		if (!hasRoleVariables(document)) {
			throw new Error('no postfix_conf found (expected the system role\'s variables, or a playbook whose play sets them)');
		}

		return {vars: document, warnings: []};
	}

	if (!Array.isArray(document)) {
		throw new Error('no postfix_conf found (expected the system role\'s variables, or a playbook whose play sets them)');
	}

	const plays = document.flatMap((play, index) => (isObject(play) ? [playVars(play, index)] : [])).filter(play => play !== undefined);
	if (plays.length === 0) {
		throw new Error('no play sets the postfix role\'s variables (postfix_conf, postfix_files…)');
	}

	if (playName !== undefined) {
		const chosen = plays.filter(play => play.name === playName);
		const matches = chosen.length > 0 ? chosen : plays.filter(play => play.hosts === playName);
		if (matches.length !== 1) {
			const names = plays.map(play => play.label).join(', ');
			throw new Error(matches.length === 0 ? `--play "${playName}": no play of that name sets the role's variables (plays that do: ${names})` : `--play "${playName}": ${matches.length} plays match; name them apart`);
		}

		return {vars: matches[0]!.vars, warnings: matches[0]!.warnings};
	}

	if (plays.length > 1) {
		throw new Error(`${plays.length} plays set the postfix role's variables: ${plays.map(play => play.label).join(', ')}; choose one with --play NAME`);
	}

	return {vars: plays[0]!.vars, warnings: plays[0]!.warnings};
}

const allowedInSettings = new Set([databaseTypeVariable]);
const allowedInFiles = new Set([databaseTypeVariable, relayPasswordVariable]);

/** Only the expressions export writes may reach apply; anything else is Ansible's to fill. */
function checkJinja(where: string, value: string, allowed: ReadonlySet<string>): void {
	for (const construct of jinjaConstructs(value)) {
		const variable = plainVariable(construct);
		if (variable === undefined || !allowed.has(variable)) {
			const known = [...allowed].map(name => `{{ ${name} }}`).join(' and ');
			throw new Error(`${where}: the Jinja expression ${construct} is for Ansible to fill; postfix-wizard fills only ${known}`);
		}
	}
}

/**
 * A role value spelled the way main.cf wants it. YAML booleans become yes/no (the role
 * itself would pass True and Postfix would refuse it); numbers are spelled as Python
 * would; lists are joined with commas.
 */
function toText(where: string, value: AnsibleValue, allowed: ReadonlySet<string>, warnings: string[]): string {
	if (value instanceof UnsafeText) {
		return value.text;
	}

	if (value instanceof VaultText) {
		throw new Error(`${where} is an encrypted !vault value, which only Ansible can open; give postfix-wizard the plain value (a relay password through --relay-password-file, --relay-password-stdin or POSTFIX_WIZARD_RELAY_PASSWORD)`);
	}

	if (typeof value === 'string') {
		checkJinja(where, value, allowed);
		return value;
	}

	if (typeof value === 'boolean') {
		return value ? 'yes' : 'no';
	}

	if (typeof value === 'bigint' || typeof value === 'number' || value instanceof FloatValue) {
		return value.toString();
	}

	if (value === null) {
		warnings.push(`${where} is empty (YAML null); the role would write the text None there — write "" for an empty value`);
		return '';
	}

	if (Array.isArray(value) && value.every(item => !isObject(item) && !Array.isArray(item))) {
		return value.map((item, index) => toText(`${where}[${index}]`, item, allowed, warnings)).join(', ');
	}

	throw new Error(`${where} must be text, a number, a boolean or a list`);
}

/** Ansible's `| bool`: yes/on/true/1 in any case. */
function flag(value: AnsibleValue): boolean {
	const spelled = value instanceof UnsafeText ? value.text : value;
	return spelled === true || spelled === 1 || (typeof spelled === 'string' && /^(?:yes|on|true|1|y|t)$/i.test(spelled.trim()));
}

const fileName = /^[\w+-][\w.+-]*$/;

function readFiles(value: AnsibleValue, warnings: string[]): ProfileFile[] {
	if (value === null || value === undefined) {
		return [];
	}

	if (!Array.isArray(value)) {
		throw new Error('postfix_files must be a list of {name, content, postmap}');
	}

	const files = value.map((entry, index): ProfileFile => {
		const where = `postfix_files[${index}]`;
		if (!isObject(entry)) {
			throw new Error(`${where} must be a mapping with name and content`);
		}

		const name = toText(`${where}.name`, entry['name'] ?? null, new Set(), []);
		if (!fileName.test(name) || name === 'main.cf' || name === 'master.cf') {
			throw new Error(`${where}.name "${name}": postfix-wizard writes only plain table files beside main.cf (not main.cf or master.cf, no directories)`);
		}

		if (typeof entry['content'] !== 'string' && !(entry['content'] instanceof UnsafeText)) {
			throw new Error(`${where}.content (${name}) must be text`);
		}

		for (const key of Object.keys(entry).filter(key => !['name', 'content', 'postmap'].includes(key))) {
			warnings.push(`${where}.${key} is not one of the role's keys (name, content, postmap) and is ignored`);
		}

		return {name, content: toText(`${where}.content (${name})`, entry['content'], allowedInFiles, warnings), postmap: flag(entry['postmap'] ?? false)};
	});
	const names = files.map(file => file.name);
	const twice = names.find((name, index) => names.indexOf(name) !== index);
	if (twice !== undefined) {
		throw new Error(`postfix_files names ${twice} twice`);
	}

	return files;
}

/** The role's variables as postfix-wizard applies them, refusing what it cannot apply faithfully. */
function readRoleVars(vars: Vars, warnings: string[]): Omit<Profile, 'warnings'> {
	const conf = vars['postfix_conf'] ?? {};
	if (!isObject(conf)) {
		throw new Error('postfix_conf must be a mapping of main.cf parameters to values');
	}

	const settings = new Map<string, string>();
	for (const [name, raw] of Object.entries(conf)) {
		if (name === 'previous') {
			if (toText('postfix_conf.previous', raw, new Set(), []) === 'replaced') {
				throw new Error('postfix_conf.previous: replaced makes the role reinstall Postfix and start from the distribution\'s main.cf; postfix-wizard changes only the parameters listed and keeps the rest. Remove "previous" to apply this profile here');
			}

			warnings.push('postfix_conf.previous is ignored: only "replaced" means something to the role');
			continue;
		}

		settings.set(name, toText(`postfix_conf.${name}`, raw, allowedInSettings, warnings));
	}

	for (const refused of ['postfix_manage_firewall', 'postfix_manage_selinux']) {
		if (vars[refused] !== undefined && flag(vars[refused])) {
			throw new Error(`${refused}: true opens SMTP ports through the firewall or SELinux roles, which postfix-wizard does not do (a null client needs no open port); remove it or run the role`);
		}
	}

	if (vars['postfix_check'] !== undefined && !flag(vars['postfix_check'])) {
		warnings.push('postfix_check: false is ignored: postfix-wizard always runs postfix check before Postfix picks up a change');
	}

	const known = new Set(['postfix_conf', 'postfix_files', 'postfix_check', 'postfix_backup', 'postfix_backup_multiple', 'postfix_manage_firewall', 'postfix_manage_selinux', 'postfix_secure_logging']);
	for (const name of Object.keys(vars).filter(name => roleVariable.test(name) && !known.has(name))) {
		warnings.push(name === databaseTypeVariable ? `${name} is the role's own fact (postconf -h default_database_type); the value given is ignored` : `${name} is not a variable of the postfix role and is ignored`);
	}

	const multiple = vars['postfix_backup_multiple'];
	const backup = multiple === undefined ? undefined : flag(multiple) ? 'multiple' : 'single';
	return {settings, files: readFiles(vars['postfix_files'] ?? null, warnings), backup};
}

async function readBounded(file: string): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const info = await handle.stat();
		if (!info.isFile()) {
			throw new Error('not a regular file');
		}

		if (info.size > profileSizeLimit) {
			throw new Error(`${info.size} bytes; a profile may hold at most 1 MiB (the role's variables take a few kilobytes)`);
		}

		// Read one byte past the limit: a file that grew meanwhile is refused too.
		const buffer = Buffer.alloc(profileSizeLimit + 1);
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		if (bytesRead > profileSizeLimit) {
			throw new Error('larger than 1 MiB; a profile may hold at most 1 MiB');
		}

		return buffer.subarray(0, bytesRead).toString('utf8');
	} finally {
		await handle.close();
	}
}

/**
 * Reads the fleet's answers in the system role's own format, so what an Ansible run
 * uses applies here unchanged: a vars file, or a playbook whose play sets the role's
 * variables (in `vars`, on the role entry, or on an include_role/import_role task).
 * Values are read as Ansible reads them (PyYAML, YAML 1.1); a profile is refused, naming
 * the reason, when it asks for something postfix-wizard cannot do faithfully.
 */
export async function loadProfile(file: string, options: {play?: string} = {}): Promise<Profile> {
	let content: string;
	try {
		content = await readBounded(file);
	} catch (error) {
		throw new ProfileError(file, systemErrorText(error)?.en ?? (error as Error).message);
	}

	let document: AnsibleValue;
	try {
		document = parseAnsibleYaml(content);
	} catch (error) {
		throw new ProfileError(file, `not valid YAML or JSON: ${(error as Error).message}`);
	}

	try {
		const {vars, warnings} = findVars(document, options.play);
		const found = [...warnings];
		const profile = readRoleVars(vars, found);
		return {...profile, warnings: found.map(warning => `${file}: ${warning}`)};
	} catch (error) {
		throw new ProfileError(file, (error as Error).message);
	}
}
