import YAML, {Pair, Scalar, YAMLMap, YAMLSeq} from 'yaml';
import {findManagedMap} from '../settings/managed.js';
import {mapListItems} from '../settings/syntax.js';
import {defaultConfigDir} from '../postfix/target.js';
import {databaseTypeVariable, expression, hasJinja} from './jinja.js';
import {type MachineConfig, localTables} from './machine.js';
import {redactPasswords} from './sasl-passwd.js';

/** The role's name in the Fedora collection; `rhel-system-roles.postfix` is the RHEL package's. */
export const defaultRole = 'fedora.linux_system_roles.postfix';

export interface PlaybookOptions {
	readonly hosts: string;
	/** A role name or a path to the role. */
	readonly role: string;
	/** Put the relay password in the file (then written 0600) instead of a vault variable. */
	readonly includeSecrets: boolean;
	readonly generatedAt: Date;
	readonly toolVersion: string;
	/** The file's name, for the header's "how to run it" line. */
	readonly fileName?: string;
}

export interface Playbook {
	readonly text: string;
	/** Vault variables the playbook needs defined, e.g. vault_postfix_relay_password. */
	readonly vaultVariables: readonly string[];
	/** True when a password is in the text (--include-secrets). */
	readonly containsSecrets: boolean;
}

/** The SASL PLAIN/LOGIN plugins per OS family (RELAYS.md); the role installs only postfix. */
const saslPluginPackages: Readonly<Record<string, readonly string[]>> = {
	Debian: ['libsasl2-modules'],
	RedHat: ['cyrus-sasl-plain'],
	Suse: ['cyrus-sasl-plain'],
	Alpine: ['cyrus-sasl-plain', 'cyrus-sasl-login'],
};

/**
 * A main.cf value as the playbook spells it: tables in the configuration directory
 * become `/etc/postfix/NAME` (where the role writes postfix_files), and a map type equal
 * to this machine's default becomes the role's fact, so the playbook serves hash and lmdb
 * systems alike. `$config_directory/NAME` is kept as written.
 */
export function playbookValue(name: string, value: string, config: Pick<MachineConfig, 'configDir' | 'databaseType'>): string {
	if (!findManagedMap(name)) {
		return value;
	}

	const tables = localTables(value, config.configDir);
	return mapListItems(value, item => {
		const table = tables.find(local => local.item === item);
		if (!table) {
			return item;
		}

		const type = table.type === config.databaseType ? expression(databaseTypeVariable) : table.type;
		return `${type}:${table.spelledWithReference ? item.slice(item.indexOf(':') + 1) : `${defaultConfigDir}/${table.name}`}`;
	});
}

function quoted(value: string): Scalar<string> {
	const node = new Scalar(value);
	node.type = Scalar.QUOTE_DOUBLE;
	return node;
}

/** Text Ansible must not template (a literal `{{` in a regexp or a password) is marked !unsafe. */
function literalText(value: string, templated = false): Scalar<string> {
	const node = new Scalar(value);
	node.type = value.includes('\n') ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
	if (!templated && hasJinja(value)) {
		node.tag = '!unsafe';
	}

	return node;
}

function pair(key: string, value: unknown, comment?: string): Pair {
	const node = new Pair(new Scalar(key), value);
	if (comment !== undefined) {
		(node.key as Scalar).commentBefore = comment;
	}

	return node;
}

function mapOf(...pairs: Pair[]): YAMLMap {
	const map = new YAMLMap();
	map.items.push(...pairs);
	return map;
}

function seqOf(...items: unknown[]): YAMLSeq {
	const seq = new YAMLSeq();
	seq.items.push(...items);
	return seq;
}

function header(config: MachineConfig, options: PlaybookOptions, vaultVariables: readonly string[]): string {
	const lines = [
		` Postfix null client, exported by postfix-wizard ${options.toolVersion} on ${options.generatedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
		` from ${config.hostname} (${config.configDir}, Postfix ${config.postfixVersion}, default_database_type ${config.databaseType}).`,
		` For the Ansible system role ${options.role}: every host matching "${options.hosts}" gets`,
		' the same relay and null-client settings, and the same tables beside main.cf.',
		' Run it (check one host first with --check --diff --limit HOST):',
		`   ansible-playbook -i INVENTORY ${options.fileName ?? 'THIS-FILE'}${vaultVariables.length > 0 ? ' --ask-vault-pass' : ''}`,
	];
	if (vaultVariables.length > 0) {
		lines.push(
			' The relay password is not in this file. Create the encrypted variable it refers to:',
			...vaultVariables.map(variable => `   ansible-vault encrypt_string --stdin-name ${variable}`),
			' and paste the output under this play\'s vars (or into group_vars/all/vault.yml).',
		);
	}

	if (options.includeSecrets) {
		lines.push(' This file holds the relay password in plain text: keep it 0600, never commit it.');
	}

	lines.push(
		' The role comes from the fedora.linux_system_roles collection (ansible-galaxy collection',
		' install fedora.linux_system_roles) or, on RHEL, the rhel-system-roles package (--role',
		' rhel-system-roles.postfix). Afterwards, on each host: postfix-wizard verify',
		` The same file applies without Ansible: postfix-wizard apply --profile ${options.fileName ?? 'THIS-FILE'}`,
	);
	for (const note of config.notes) {
		lines.push(` Not carried: ${note}`);
	}

	return lines.join('\n');
}

/** The role's variables and a play around them, emitted by the yaml library (never by hand). */
export function buildPlaybook(config: MachineConfig, options: PlaybookOptions): Playbook {
	const conf = mapOf(...[...config.parameters].map(([name, value]) => {
		const spelled = playbookValue(name, value, config);
		const node = quoted(spelled);
		if (spelled === value && hasJinja(value)) {
			node.tag = '!unsafe';
		}

		return pair(name, node);
	}));

	const vaultVariables: string[] = [];
	const files = config.files.map(file => {
		let content = file.content;
		if (file.secret && !options.includeSecrets) {
			const redacted = redactPasswords(file.content);
			content = redacted.content;
			vaultVariables.push(...redacted.variables.filter(variable => !vaultVariables.includes(variable)));
		}

		const templated = content !== file.content;
		const entry = mapOf(pair('name', quoted(file.name)), pair('content', literalText(content, templated)));
		if (file.postmap) {
			entry.items.push(pair('postmap', true));
		}

		return entry;
	});

	const vars = mapOf(
		pair('postfix_conf', conf, ' Every value quoted: the role hands them to postconf -e, and a YAML yes would arrive as True.'),
		pair('postfix_backup_multiple', true),
		pair('postfix_check', true),
	);
	if (files.length > 0) {
		const comment = vaultVariables.length > 0
			? ` Written 0640 under /etc/postfix; postmap builds the tables. ${vaultVariables.join(', ')} comes from ansible-vault (see the top of this file).`
			: ' Written 0640 under /etc/postfix; postmap builds the tables.';
		vars.items.push(pair('postfix_files', seqOf(...files), comment));
	}

	const play = mapOf(
		pair('name', quoted(`Postfix null client (as on ${config.hostname})`)),
		pair('hosts', quoted(options.hosts)),
		pair('become', true),
		pair('vars', vars),
	);
	if (config.parameters.get('smtp_sasl_auth_enable')?.toLowerCase() === 'yes') {
		const packages = mapOf(...Object.entries(saslPluginPackages).map(([family, names]) => pair(family, seqOf(...names.map(name => quoted(name))))));
		play.items.push(pair('pre_tasks', seqOf(mapOf(
			pair('name', quoted('Install the SASL PLAIN/LOGIN plugins the relay login needs (the role installs only postfix)')),
			pair('ansible.builtin.package', mapOf(
				pair('name', quoted('{{ postfix_wizard_sasl_plugins[ansible_facts[\'os_family\']] | default([\'cyrus-sasl-plain\']) }}')),
				pair('state', 'present'),
			)),
			pair('vars', mapOf(pair('postfix_wizard_sasl_plugins', packages))),
		))));
	}

	play.items.push(pair('roles', seqOf(mapOf(pair('role', quoted(options.role))))));

	const document = new YAML.Document(seqOf(play));
	document.commentBefore = header(config, options, vaultVariables);
	const text = document.toString({lineWidth: 0});
	return {text, vaultVariables, containsSecrets: options.includeSecrets && config.files.some(file => file.secret)};
}
