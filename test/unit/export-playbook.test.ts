import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import YAML from 'yaml';
import {loadProfile} from '../../source/apply/profile.js';
import {resolveProfile} from '../../source/apply/profile-resolve.js';
import type {MachineConfig} from '../../source/export/machine.js';
import {buildPlaybook, playbookValue} from '../../source/export/playbook.js';
import {redactPasswords} from '../../source/export/sasl-passwd.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-export-'));
after(async () => rm(dir, {recursive: true, force: true}));

const machine: MachineConfig = {
	hostname: 'web01',
	configDir: '/srv/postfix',
	postfixVersion: '3.7.11',
	databaseType: 'lmdb',
	notes: [],
	parameters: new Map([
		['relayhost', '[smtp.example.com]:587'],
		['myorigin', 'example.com'],
		['inet_interfaces', 'loopback-only'],
		['mynetworks', '127.0.0.0/8 [::1]/128'],
		['mydestination', ''],
		['smtp_sasl_auth_enable', 'yes'],
		['smtp_tls_wrappermode', 'no'],
		['smtp_sasl_password_maps', 'lmdb:/srv/postfix/sasl_passwd'],
		['sender_canonical_maps', 'regexp:/srv/postfix/sender_canonical'],
	]),
	files: [
		{name: 'sasl_passwd', parameter: 'smtp_sasl_password_maps', content: '[smtp.example.com]:587 alerts@example.com:s3cr{{t:x\n', postmap: true, secret: true},
		{name: 'sender_canonical', parameter: 'sender_canonical_maps', content: '/^(.*)@(web01|localhost)$/ alerts@example.com\n/^x{2}$/ {{literal}}\n', postmap: false, secret: false},
	],
};

const options = {hosts: 'mailers', role: 'fedora.linux_system_roles.postfix', includeSecrets: false, generatedAt: new Date('2026-11-28T04:00:00Z'), toolVersion: '1.2.3', fileName: 'null-client.yml'};

async function reload(text: string) {
	const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.yml`);
	await writeFile(file, text);
	return loadProfile(file);
}

describe('buildPlaybook', () => {
	const playbook = buildPlaybook(machine, options);
	const [play] = YAML.parse(playbook.text, {customTags: [{tag: '!unsafe', resolve: (value: string) => value}]}) as Array<Record<string, any>>;

	test('one play for the role: every postfix_conf value a quoted string, backups and check on', () => {
		assert.equal(play!['hosts'], 'mailers');
		assert.deepEqual(play!['roles'], [{role: 'fedora.linux_system_roles.postfix'}]);
		const vars = play!['vars'];
		assert.equal(vars.postfix_backup_multiple, true);
		assert.equal(vars.postfix_check, true);
		for (const [name, value] of Object.entries(vars.postfix_conf)) {
			assert.equal(typeof value, 'string', name);
			assert.match(playbook.text, new RegExp(`^ {6}${name}: "`, 'm'));
		}

		// Unquoted, YAML 1.1 (Ansible) would read yes/no as booleans and the role would write True.
		assert.equal(YAML.parse(playbook.text.replaceAll('"yes"', 'yes'), {version: '1.1', customTags: [{tag: '!unsafe', resolve: (value: string) => value}]})[0].vars.postfix_conf.smtp_sasl_auth_enable, true);
	});

	test('map types become the role\'s fact and tables move to /etc/postfix, where the role writes them', () => {
		const conf = play!['vars'].postfix_conf;
		assert.equal(conf.smtp_sasl_password_maps, '{{ postfix_default_database_type }}:/etc/postfix/sasl_passwd');
		assert.equal(conf.sender_canonical_maps, 'regexp:/etc/postfix/sender_canonical');
		assert.equal(playbookValue('virtual_alias_maps', 'hash:/srv/postfix/virtual, hash:/elsewhere/virtual', {configDir: '/srv/postfix', databaseType: 'hash'}), '{{ postfix_default_database_type }}:/etc/postfix/virtual, hash:/elsewhere/virtual');
		assert.equal(playbookValue('virtual_alias_maps', 'btree:$config_directory/virtual', {configDir: '/srv/postfix', databaseType: 'hash'}), 'btree:$config_directory/virtual');
		assert.equal(playbookValue('relayhost', 'hash:/srv/postfix/x', {configDir: '/srv/postfix', databaseType: 'hash'}), 'hash:/srv/postfix/x');
	});

	test('the password is a vault variable, with how to create it; the literal braces of a regexp are !unsafe', () => {
		const files = play!['vars'].postfix_files as Array<Record<string, unknown>>;
		assert.deepEqual(files.map(file => [file['name'], file['postmap']]), [['sasl_passwd', true], ['sender_canonical', undefined]]);
		assert.equal(files[0]!['content'], '[smtp.example.com]:587 alerts@example.com:{{ vault_postfix_relay_password }}\n');
		assert.doesNotMatch(playbook.text, /s3cr/);
		assert.match(playbook.text, /ansible-vault encrypt_string --stdin-name vault_postfix_relay_password/);
		assert.match(playbook.text, /content: !unsafe \|/);
		assert.deepEqual(playbook.vaultVariables, ['vault_postfix_relay_password']);
		assert.equal(playbook.containsSecrets, false);
	});

	test('a login brings the SASL plugin per OS family; a header says what, whence and how to run it', () => {
		const [task] = play!['pre_tasks'];
		assert.equal(task.vars.postfix_wizard_sasl_plugins.Debian[0], 'libsasl2-modules');
		assert.equal(task.vars.postfix_wizard_sasl_plugins.RedHat[0], 'cyrus-sasl-plain');
		assert.match(playbook.text, /^# Postfix null client, exported by postfix-wizard 1\.2\.3 on 2026-11-28T04:00:00Z\n# from web01 \(\/srv\/postfix, Postfix 3\.7\.11/);
		assert.match(playbook.text, /ansible-playbook -i INVENTORY null-client\.yml --ask-vault-pass/);
		const withoutLogin = buildPlaybook({...machine, parameters: new Map([['relayhost', '[a.example]']]), files: []}, options);
		assert.doesNotMatch(withoutLogin.text, /pre_tasks|vault/);
	});

	test('--include-secrets puts the password in the text', () => {
		const plain = buildPlaybook(machine, {...options, includeSecrets: true});
		assert.equal(plain.containsSecrets, true);
		assert.deepEqual(plain.vaultVariables, []);
		assert.match(plain.text, /s3cr\{\{t:x/);
		assert.match(plain.text, /plain text: keep it 0600/);
	});

	test('apply --profile reads back exactly what export wrote', async () => {
		const profile = await reload(playbook.text);
		assert.deepEqual(profile.warnings, []);
		const resolved = await resolveProfile(profile, {configDir: '/srv/postfix', databaseType: 'lmdb', relayPassword: async () => 's3cr{{t:x'});
		assert.deepEqual(resolved.settings, machine.parameters);
		assert.deepEqual(resolved.files.map(file => [file.path, file.content?.toString(), file.mode, file.map]), machine.files.map(file => [`/srv/postfix/${file.name}`, file.content, file.secret ? 0o600 : 0o644, file.postmap ? 'lmdb' : undefined]));
		assert.equal(resolved.files[0]!.display, '[smtp.example.com]:587 alerts@example.com:********\n');
		const plain = await reload(buildPlaybook(machine, {...options, includeSecrets: true}).text);
		assert.equal(plain.files[0]!.content, machine.files[0]!.content);
	});
});

describe('redactPasswords', () => {
	test('replaces each distinct password, keeps keys and comments', () => {
		const redacted = redactPasswords('# relay\n[a]:587 u:p1\n[b]:587\tv:p:2  \n[c]:25 w:p1 \nbroken\n');
		assert.equal(redacted.content, '# relay\n[a]:587 u:{{ vault_postfix_relay_password }}\n[b]:587\tv:{{ vault_postfix_relay_password_2 }}\n[c]:25 w:{{ vault_postfix_relay_password }}\nbroken\n');
		assert.deepEqual(redacted.variables, ['vault_postfix_relay_password', 'vault_postfix_relay_password_2']);
	});
});
