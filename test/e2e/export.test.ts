import assert from 'node:assert/strict';
import {copyFile, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {type MachineConfigJson, machineConfigFromJson} from '../../source/export/machine-json.js';
import {buildPlaybook, defaultRole} from '../../source/export/playbook.js';
import {version} from '../../source/version.js';
import {runCli} from '../helpers/cli.js';
import {addLoginAndTables, managedSettings, relayPassword, tables} from '../helpers/managed.js';
import {useSandbox} from '../helpers/sandbox.js';

const nullClient = ['myorigin=example.com', 'relayhost=[smtp.example.com]:587', 'inet_interfaces=loopback-only', 'mynetworks=127.0.0.0/8 [::1]/128', 'mydestination='];
const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-export-e2e-'));
after(async () => rm(dir, {recursive: true, force: true}));

describe('export --ansible', () => {
	test('round trip: apply --profile of the exported playbook on a fresh copy of the original main.cf gives the same managed parameters', async t => {
		const source = await useSandbox({start: false}, t);
		const applied = await runCli(['--config-dir', source.target.configDir, 'apply', ...nullClient.flatMap(setting => ['--set', setting]), '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		const out = path.join(dir, 'fleet.yml');
		const exported = await runCli(['--config-dir', source.target.configDir, 'export', '--ansible', '--out', out, '--hosts', 'mailers']);
		assert.equal(exported.exitCode, 0, exported.stderr);
		assert.match(exported.stdout, /Wrote .*fleet\.yml \(mode 0644\)/);
		assert.equal((await stat(out)).mode & 0o777, 0o644);
		const text = await readFile(out, 'utf8');
		assert.match(text, /^# Postfix null client, exported by postfix-wizard/);
		assert.match(text, /hosts: "mailers"/);
		assert.match(text, /role: "fedora\.linux_system_roles\.postfix"/);
		assert.match(text, /ansible-playbook -i INVENTORY fleet\.yml/);

		const fresh = await useSandbox({start: false}, t);
		const before = await managedSettings(fresh.target.configDir);
		assert.notDeepEqual(before, await managedSettings(source.target.configDir));
		const again = await runCli(['--config-dir', fresh.target.configDir, 'apply', '--profile', out, '--yes', '--no-restart']);
		assert.equal(again.exitCode, 0, again.stderr);
		assert.deepEqual(await managedSettings(fresh.target.configDir), await managedSettings(source.target.configDir));
		const noop = await runCli(['--config-dir', fresh.target.configDir, 'apply', '--profile', out, '--yes', '--no-restart']);
		assert.equal(noop.exitCode, 0, noop.stderr);
		assert.match(noop.stdout, /Nothing to change/);
	});

	test('prints to stdout by default; --out refuses an existing file unless --force; --include-secrets needs --out', async t => {
		const source = await useSandbox({start: false}, t);
		const config = ['--config-dir', source.target.configDir];
		const printed = await runCli([...config, 'export', '--ansible', '--role', 'rhel-system-roles.postfix']);
		assert.equal(printed.exitCode, 0, printed.stderr);
		assert.match(printed.stdout, /role: "rhel-system-roles\.postfix"/);

		const existing = path.join(dir, 'existing.yml');
		await writeFile(existing, 'mine\n');
		const refused = await runCli([...config, 'export', '--ansible', '--out', existing]);
		assert.equal(refused.exitCode, 2);
		assert.match(refused.stderr, /existing\.yml exists; choose another name, or add --force/);
		assert.equal(await readFile(existing, 'utf8'), 'mine\n');
		const forced = await runCli([...config, 'export', '--ansible', '--out', existing, '--force']);
		assert.equal(forced.exitCode, 0, forced.stderr);
		assert.match(await readFile(existing, 'utf8'), /postfix_conf:/);

		const secrets = await runCli([...config, 'export', '--ansible', '--include-secrets']);
		assert.equal(secrets.exitCode, 2);
		assert.match(secrets.stderr, /add --out FILE \(written 0600\)/);
		const noFormat = await runCli([...config, 'export']);
		assert.equal(noFormat.exitCode, 2);
		assert.match(noFormat.stderr, /add --ansible/);
		const notRole = await runCli([...config, 'export', '--ansible', '--role', dir]);
		assert.equal(notRole.exitCode, 2);
		assert.match(notRole.stderr, /no tasks\/main\.yml there/);
		// A Postfix configuration without main.cf (a fresh Debian install keeps only master.cf);
		// a directory with neither is no Postfix configuration at all: a usage error (exit 2).
		const empty = await mkdtemp(path.join(dir, 'empty-'));
		assert.equal((await runCli(['--config-dir', empty, 'export', '--ansible'])).exitCode, 2);
		await copyFile('/usr/share/postfix/master.cf.dist', path.join(empty, 'master.cf'));
		const nothing = await runCli(['--config-dir', empty, 'export', '--ansible']);
		assert.equal(nothing.exitCode, 1);
		assert.match(nothing.stderr, /There is no main\.cf in .*set this machine up first/);
		assert.doesNotMatch(nothing.stderr, /at .*\.js:/);
	});

	test('apply --profile refuses a playbook it cannot apply faithfully, touching nothing', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const mainCf = await readFile(sandbox.mainCfPath);
		const file = path.join(dir, 'jinja.yml');
		await writeFile(file, '- hosts: all\n  roles:\n    - role: fedora.linux_system_roles.postfix\n      vars:\n        postfix_conf:\n          relayhost: "[{{ relay_host }}]:587"\n');
		const refused = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--profile', file, '--yes']);
		assert.equal(refused.exitCode, 2);
		assert.match(refused.stderr, /postfix_conf\.relayhost: the Jinja expression \{\{ relay_host \}\} is for Ansible to fill/);
		assert.deepEqual(await readFile(sandbox.mainCfPath), mainCf);
		const play = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--play', 'x', '--set', 'relayhost=[a.example]', '--yes']);
		assert.equal(play.exitCode, 2);
		assert.match(play.stderr, /--play chooses a play/);
	});
});

describe('export --ansible with a login, root\'s mail and the sender', () => {
	test('the tables travel: the password as a vault variable, filled from the environment on apply; the same files and maps', async t => {
		const source = await useSandbox({start: false}, t);
		const applied = await runCli(['--config-dir', source.target.configDir, 'apply', ...nullClient.flatMap(setting => ['--set', setting]), '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		await addLoginAndTables(source.target.configDir);
		const out = path.join(dir, 'login.yml');
		const exported = await runCli(['--config-dir', source.target.configDir, 'export', '--ansible', '--out', out]);
		assert.equal(exported.exitCode, 0, exported.stderr);
		const text = await readFile(out, 'utf8');
		assert.doesNotMatch(text, /pa\$\$w0rd/);
		assert.match(text, /smtp_sasl_password_maps: "\{\{ postfix_default_database_type \}\}:\/etc\/postfix\/sasl_passwd"/);
		assert.match(text, /sender_canonical_maps: "regexp:\/etc\/postfix\/sender_canonical"/);
		assert.match(text, /libsasl2-modules/);
		assert.match(exported.stdout, /Create vault_postfix_relay_password with ansible-vault encrypt_string/);

		const fresh = await useSandbox({start: false}, t);
		const config = ['--config-dir', fresh.target.configDir];
		const mainCf = await readFile(fresh.mainCfPath);
		const withoutPassword = await runCli([...config, 'apply', '--profile', out, '--yes', '--no-restart']);
		assert.equal(withoutPassword.exitCode, 2);
		assert.match(withoutPassword.stderr, /POSTFIX_WIZARD_RELAY_PASSWORD/);
		assert.deepEqual(await readFile(fresh.mainCfPath), mainCf);

		const again = await runCli([...config, 'apply', '--profile', out, '--yes', '--no-restart'], {env: {POSTFIX_WIZARD_RELAY_PASSWORD: relayPassword}});
		assert.equal(again.exitCode, 0, again.stderr);
		assert.doesNotMatch(again.stdout + again.stderr, /pa\$\$w0rd/);
		assert.deepEqual(await managedSettings(fresh.target.configDir), await managedSettings(source.target.configDir));
		const [got, had] = [await tables(fresh.target.configDir), await tables(source.target.configDir)];
		assert.deepEqual(got['sasl_passwd'], had['sasl_passwd']);
		// The hand-written `root admin@example.net` is read as --root-to admin@example.net: planned, and explained.
		assert.match(again.stdout, /Mapped to admin@example\.net: root, postmaster, MAILER-DAEMON/);
		assert.match(got['virtual']!.built ?? '', /^mailer-daemon\tadmin@example\.net\npostmaster\tadmin@example\.net\nroot\tadmin@example\.net$/);
		// A sender rule not in the shape postfix-wizard writes is applied as given, and said so.
		assert.deepEqual(got['sender_canonical'], had['sender_canonical']);
		assert.match(again.stderr, /sender_canonical_maps = regexp:.*is not one postfix-wizard reads.*applied as the profile gives it/);
		const json = await runCli([...config, 'apply', '--profile', out, '--dry-run', '--json'], {env: {POSTFIX_WIZARD_RELAY_PASSWORD: relayPassword}});
		assert.ok((JSON.parse(json.stdout) as {warnings: string[]}).warnings.some(warning => /^sender_canonical_maps = .*applied as the profile gives it/.test(warning)), json.stdout);
		assert.equal((await stat(path.join(fresh.target.configDir, 'sasl_passwd'))).mode & 0o777, 0o600);
		const noop = await runCli([...config, 'apply', '--profile', out, '--yes', '--no-restart'], {env: {POSTFIX_WIZARD_RELAY_PASSWORD: relayPassword}});
		assert.equal(noop.exitCode, 0, noop.stderr);
		assert.match(noop.stdout, /Nothing to change/);
	});
});

describe('verify --json', () => {
	test('holds the configuration export needs: the playbook regenerated from it is the one export writes', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const config = ['--config-dir', sandbox.target.configDir];
		// The relay is the sandbox's loopback sink: verify knocks at it, and nothing leaves the machine.
		const settings = ['myorigin=example.com', `relayhost=${sandbox.sink.relayhost}`, 'inet_interfaces=loopback-only', 'mynetworks=127.0.0.0/8 [::1]/128', 'mydestination='];
		assert.equal((await runCli([...config, 'apply', ...settings.flatMap(setting => ['--set', setting]), '--yes', '--no-restart'])).exitCode, 0);
		const verified = await runCli([...config, 'verify', '--json']);
		const {configuration} = JSON.parse(verified.stdout) as {configuration: MachineConfigJson};
		assert.equal(configuration.configDir, sandbox.target.configDir);
		assert.equal(configuration.parameters['relayhost'], sandbox.sink.relayhost);
		assert.equal(configuration.parameters['mydestination'], '');
		const exported = await runCli([...config, 'export', '--ansible']);
		const stamp = /exported by postfix-wizard \S+ on \S+/;
		const regenerated = buildPlaybook(machineConfigFromJson(configuration), {hosts: 'all', role: defaultRole, includeSecrets: false, generatedAt: new Date(), toolVersion: version});
		assert.equal(regenerated.text.replace(stamp, '').trimEnd(), exported.stdout.replace(stamp, '').trimEnd());
	});
});
