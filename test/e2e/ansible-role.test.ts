import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {execa} from 'execa';
import {runCli, projectRoot} from '../helpers/cli.js';
import {addLoginAndWizardTables, managedSettings, relayPassword, tables} from '../helpers/managed.js';
import {useSandbox} from '../helpers/sandbox.js';

/** The real role, linux-system-roles/postfix 1.8.1 (GPL-3.0), used in place: never copied into the project. */
const roleDir = path.resolve(projectRoot, '..', 'shared', 'vendor', 'linux-system-roles.postfix');

function whyNot(): string | undefined {
	if (!existsSync(path.join(roleDir, 'tasks', 'main.yml'))) {
		return `the system role is not at ${roleDir} (a clone without ../shared; CI has it)`;
	}

	if (process.getuid?.() !== 0) {
		return 'a private mount namespace needs root';
	}

	for (const program of ['ansible-playbook', 'unshare', 'mount']) {
		if (!process.env['PATH']?.split(':').some(dir => existsSync(path.join(dir, program)))) {
			return `${program} is not installed (CI installs ansible-core)`;
		}
	}

	return undefined;
}

const skip = whyNot();
const work = await mkdtemp(path.join(os.tmpdir(), 'pfw-role-'));
after(async () => rm(work, {recursive: true, force: true}));

// Stands in for the package manager: reports whether the packages are there, never installs.
const packageStub = `#!/usr/bin/python3
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='list', elements='str', required=True), state=dict(type='str', default='present')), supports_check_mode=True)
    query = ['dpkg-query', '-W'] if module.get_bin_path('dpkg-query') else ['rpm', '-q']
    missing = [name for name in module.params['name'] if module.run_command(query + [name])[0] != 0]
    if missing:
        module.fail_json(msg='not installed (this test never installs packages): ' + ', '.join(missing))
    module.exit_json(changed=False)


main()
`;

/** What runs instead of update-rc.d, invoke-rc.d, service, systemctl and the init script: it only records the call. */
function serviceStub(log: string): string {
	return `#!/bin/sh\necho "$0 $*" >> '${log}'\ncase "$*" in *status*) echo "postfix is running";; esac\nexit 0\n`;
}

/** Postfix's support files, which programs read from meta_directory (/etc/postfix), copied beside the instance's main.cf. */
async function copySupportFiles(configDir: string): Promise<void> {
	for (const name of ['postfix-files', 'postfix-files.d', 'postfix-script', 'post-install', 'dynamicmaps.cf', 'dynamicmaps.cf.d']) {
		const file = path.join('/etc/postfix', name);
		if (existsSync(file) && !existsSync(path.join(configDir, name))) {
			await cp(file, path.join(configDir, name), {recursive: true, preserveTimestamps: true});
		}
	}
}

interface RoleRun {
	readonly output: string;
	readonly changed: number;
	readonly failed: number;
}

async function runRole(playbook: string, configDir: string, extraVars: Record<string, string>): Promise<RoleRun> {
	const library = path.join(work, 'library');
	await mkdir(library, {recursive: true});
	await writeFile(path.join(library, 'postfix_wizard_installed.py'), packageStub);
	const stub = path.join(work, 'service-stub');
	await writeFile(stub, serviceStub(path.join(work, 'service-calls.log')));
	await chmod(stub, 0o755);
	// The vault variable from a 0600 file, never in an argument; !unsafe keeps Ansible from templating the {{ in the password.
	const vars = path.join(work, 'vault-vars.yml');
	await writeFile(vars, ['ansible_become: false', ...Object.entries(extraVars).map(([name, value]) => `${name}: !unsafe ${JSON.stringify(value)}`), ''].join('\n'), {mode: 0o600});
	const emptyQueue = await mkdtemp(path.join(work, 'queue-'));
	const emptyData = await mkdtemp(path.join(work, 'data-'));
	// Facts that send the role's package and service tasks to the stubs; the exported play itself runs unchanged.
	const wrapper = path.join(work, 'site.yml');
	await writeFile(wrapper, [
		'- hosts: all',
		'  gather_facts: true',
		'  tasks:',
		'    - ansible.builtin.set_fact:',
		'        ansible_pkg_mgr: postfix_wizard_installed',
		'        ansible_service_mgr: sysvinit',
		'        cacheable: true',
		`- ansible.builtin.import_playbook: ${JSON.stringify(playbook)}`,
		'',
	].join('\n'));
	const spec = {
		binds: [[configDir, '/etc/postfix'], [emptyQueue, '/var/spool/postfix'], [emptyData, '/var/lib/postfix']],
		stub,
		stubbed: ['/usr/sbin/update-rc.d', '/usr/sbin/invoke-rc.d', '/usr/sbin/service', '/etc/init.d/postfix', '/usr/bin/systemctl', '/bin/systemctl'],
		args: ['-i', 'localhost,', '-c', 'local', '-e', `@${vars}`, wrapper],
		env: {
			ANSIBLE_LIBRARY: library,
			ANSIBLE_GATHERING: 'explicit',
			ANSIBLE_NOCOLOR: '1',
			ANSIBLE_RETRY_FILES_ENABLED: '0',
			ANSIBLE_LOCALHOST_WARNING: '0',
			ANSIBLE_INVENTORY_UNPARSED_WARNING: '0',
			ANSIBLE_LOCAL_TEMP: path.join(work, 'ansible-tmp'),
			ANSIBLE_HOME: path.join(work, 'ansible-home'),
		},
		timeoutMs: 240_000,
	};
	const result = await execa('unshare', ['-m', '--propagation', 'private', '--', process.execPath, path.join(projectRoot, 'test', 'helpers', 'role-namespace.mjs'), JSON.stringify(spec)], {reject: false, timeout: 300_000, all: true});
	const output = String(result.all ?? '');
	const recap = output.match(/localhost\s*:\s*ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)/);
	assert.ok(recap, `no play recap (exit ${result.exitCode}):\n${output.slice(-3000)}`);
	return {output, changed: Number(recap[1]), failed: Number(recap[2])};
}

/** The machine's own /etc/postfix, to prove the role never reached it. */
async function fingerprint(dir: string): Promise<string> {
	const hash = createHash('sha256');
	for (const name of (await readdir(dir)).sort()) {
		hash.update(name);
		const file = path.join(dir, name);
		if (name.endsWith('.cf')) {
			hash.update(await readFile(file));
		}
	}

	return hash.digest('hex');
}

const nullClient = ['myorigin=example.com', 'relayhost=[smtp.example.com]:587', 'inet_interfaces=loopback-only', 'mynetworks=127.0.0.0/8 [::1]/128', 'mydestination='];

describe('the exported playbook, run by the real system role', {skip}, () => {
	test('the role gives what the wizard gives on the same main.cf, tables included, and a second run changes nothing', {timeout: 600_000}, async t => {
		const source = await useSandbox({start: false}, t);
		const applied = await runCli(['--config-dir', source.target.configDir, 'apply', ...nullClient.flatMap(setting => ['--set', setting]), '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		await addLoginAndWizardTables(source.target.configDir);
		const playbook = path.join(work, 'fleet.yml');
		const exported = await runCli(['--config-dir', source.target.configDir, 'export', '--ansible', '--out', playbook, '--role', roleDir]);
		assert.equal(exported.exitCode, 0, exported.stderr);
		assert.doesNotMatch(await readFile(playbook, 'utf8'), /pa\$\$w0rd/);
		const expected = await managedSettings(source.target.configDir);

		// The role, on a fresh instance with the same starting main.cf, in its own mount namespace.
		const byRole = await useSandbox({start: false}, t);
		await copySupportFiles(byRole.target.configDir);
		const system = existsSync('/etc/postfix') ? await fingerprint('/etc/postfix') : undefined;
		const first = await runRole(playbook, byRole.target.configDir, {vault_postfix_relay_password: relayPassword});
		assert.equal(first.failed, 0, first.output.slice(-3000));
		assert.ok(first.changed > 0, 'the first run changes main.cf');
		assert.deepEqual(await managedSettings(byRole.target.configDir, ['/etc/postfix']), expected);
		assert.deepEqual(await tables(byRole.target.configDir), await tables(source.target.configDir));
		assert.match(await readFile(byRole.mainCfPath, 'utf8'), /Ansible managed/);
		assert.ok((await readdir(byRole.target.configDir)).some(name => /^main\.cf\.\d{4}-\d\d-\d\dT/.test(name)), 'postfix_backup_multiple: a timestamped backup');
		assert.match(first.output, /Install the SASL PLAIN\/LOGIN plugins/);

		const second = await runRole(playbook, byRole.target.configDir, {vault_postfix_relay_password: relayPassword});
		assert.equal(second.failed, 0, second.output.slice(-3000));
		assert.equal(second.changed, 0, `a second run reports changes:\n${second.output.slice(-3000)}`);

		// The service tasks reached only the stubs inside the namespace; the machine's Postfix is as it was.
		assert.match(await readFile(path.join(work, 'service-calls.log'), 'utf8'), /postfix (?:re)?start|postfix status/);
		assert.equal(existsSync('/etc/postfix') ? await fingerprint('/etc/postfix') : undefined, system);

		// The wizard, on another fresh instance, from the same playbook.
		const byWizard = await useSandbox({start: false}, t);
		const wizard = await runCli(['--config-dir', byWizard.target.configDir, 'apply', '--profile', playbook, '--yes', '--no-restart'], {env: {POSTFIX_WIZARD_RELAY_PASSWORD: relayPassword}});
		assert.equal(wizard.exitCode, 0, wizard.stderr);
		assert.deepEqual(await managedSettings(byWizard.target.configDir), expected);
		assert.deepEqual(await tables(byWizard.target.configDir), await tables(byRole.target.configDir));
	});
});
