import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {ProfileError, loadProfile} from '../../source/apply/profile.js';
import {parseSetArguments} from '../../source/commands/apply-request.js';
import {UsageError} from '../../source/errors.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-profile-'));
after(async () => rm(dir, {recursive: true, force: true}));

async function profile(name: string, content: string) {
	const file = path.join(dir, name);
	await writeFile(file, content);
	return loadProfile(file);
}

describe('loadProfile', () => {
	test('reads an Ansible vars file, spelling YAML types the way main.cf does', async () => {
		const loaded = await profile('vars.yml', [
			'postfix_backup_multiple: true',
			'postfix_conf:',
			'  relayhost: "[smtp.example.com]:587"',
			'  smtp_sasl_auth_enable: true',
			'  smtp_tls_wrappermode: false',
			'  message_size_limit: 10240000',
			'  mydestination: ""',
			'  mynetworks: [127.0.0.0/8, "[::1]/128"]',
			'  previous: kept',
		].join('\n'));
		assert.deepEqual(Object.fromEntries(loaded.settings), {
			relayhost: '[smtp.example.com]:587',
			smtp_sasl_auth_enable: 'yes',
			smtp_tls_wrappermode: 'no',
			message_size_limit: '10240000',
			mydestination: '',
			mynetworks: '127.0.0.0/8, [::1]/128',
		});
		assert.equal(loaded.backup, 'multiple');
		assert.match(loaded.warnings.join('\n'), /previous is ignored/);
		assert.deepEqual(loaded.files, []);
	});

	test('reads the vars of a playbook\'s play, and of a role entry', async () => {
		const play = await profile('play.yml', '- hosts: all\n  vars:\n    postfix_backup_multiple: false\n    postfix_conf:\n      relayhost: "[a.example]"\n');
		assert.equal(play.settings.get('relayhost'), '[a.example]');
		assert.equal(play.backup, 'single');
		const role = await profile('role.yml', '- hosts: all\n  roles:\n    - role: rhel-system-roles.postfix\n      vars:\n        postfix_conf:\n          relayhost: "[b.example]"\n');
		assert.equal(role.settings.get('relayhost'), '[b.example]');
		assert.equal(role.backup, undefined);
	});

	test('JSON is YAML too', async () => {
		const loaded = await profile('p.json', '{"postfix_conf": {"relayhost": "[c.example]:2525"}}');
		assert.equal(loaded.settings.get('relayhost'), '[c.example]:2525');
	});

	test('refuses what it cannot read with the file and the reason', async () => {
		await assert.rejects(profile('none.yml', 'other: 1\n'), (error: Error) => error instanceof ProfileError && /no postfix_conf/.test(error.message));
		await assert.rejects(profile('bad.yml', 'postfix_conf: [unclosed\n'), ProfileError);
		await assert.rejects(profile('nested.yml', 'postfix_conf:\n  relayhost: {a: 1}\n'), /postfix_conf\.relayhost/);
		await assert.rejects(loadProfile(path.join(dir, 'missing.yml')), ProfileError);
	});
});

describe('loadProfile reads values as Ansible does (PyYAML, YAML 1.1)', () => {
	test('yes/no/on/off/true are booleans, spelled yes/no; 1e3 stays text; octal and sexagesimal are numbers', async () => {
		const loaded = await profile('yaml11.yml', [
			'postfix_conf:',
			'  a: yes', '  b: off', '  c: On', '  d: TRUE', '  e: y', '  f: 1e3', '  g: 010', '  h: 1:20',
			'  i: 1.0', '  j: 0x1F', '  k: "yes"', '  l: 1_000', '  m: 2026-11-28', '  n: .5', '  o: !unsafe "{{ x }}"',
		].join('\n'));
		assert.deepEqual(Object.fromEntries(loaded.settings), {
			a: 'yes', b: 'no', c: 'yes', d: 'yes', e: 'y', f: '1e3', g: '8', h: '80',
			i: '1.0', j: '31', k: 'yes', l: '1000', m: '2026-11-28', n: '0.5', o: '{{ x }}',
		});
	});

	test('a null value is empty, with a warning (the role would write None)', async () => {
		const loaded = await profile('null.yml', 'postfix_conf:\n  mydestination:\n');
		assert.equal(loaded.settings.get('mydestination'), '');
		assert.match(loaded.warnings.join('\n'), /None/);
	});
});

describe('loadProfile reads what the role\'s users write', () => {
	test('roles: entry vars override play vars; a role parameter counts too', async () => {
		const loaded = await profile('roles.yml', [
			'- hosts: mailers',
			'  vars:',
			'    postfix_conf: {relayhost: "[play.example]", myorigin: example.com}',
			'  roles:',
			'    - common',
			'    - role: rhel-system-roles.postfix',
			'      postfix_backup_multiple: false',
			'      vars:',
			'        postfix_conf: {relayhost: "[role.example]"}',
		].join('\n'));
		assert.deepEqual(Object.fromEntries(loaded.settings), {relayhost: '[role.example]'});
		assert.equal(loaded.backup, 'single');
	});

	test('tasks: include_role and import_role, inside blocks too, with postfix_files', async () => {
		for (const action of ['include_role', 'ansible.builtin.import_role']) {
			const loaded = await profile(`${action}.yml`, [
				'- name: Mail',
				'  hosts: all',
				'  tasks:',
				'    - name: before',
				'      ansible.builtin.debug: {msg: hi}',
				'    - block:',
				`        - ${action}:`,
				'            name: fedora.linux_system_roles.postfix',
				'          vars:',
				'            postfix_conf:',
				'              relayhost: "[t.example]:587"',
				'              smtp_sasl_password_maps: "{{ postfix_default_database_type }}:/etc/postfix/sasl_passwd"',
				'            postfix_files:',
				'              - name: sasl_passwd',
				'                content: "[t.example]:587 u:{{ vault_postfix_relay_password }}\\n"',
				'                postmap: yes',
			].join('\n'));
			assert.equal(loaded.settings.get('relayhost'), '[t.example]:587', action);
			assert.deepEqual(loaded.files, [{name: 'sasl_passwd', content: '[t.example]:587 u:{{ vault_postfix_relay_password }}\n', postmap: true}]);
		}
	});

	const twoPlays = [
		'- name: Web',
		'  hosts: web',
		'  vars: {postfix_conf: {relayhost: "[web.example]"}}',
		'  roles: [fedora.linux_system_roles.postfix]',
		'- hosts: all',
		'  tasks: [{ansible.builtin.ping: {}}]',
		'- hosts: db',
		'  roles:',
		'    - role: fedora.linux_system_roles.postfix',
		'      vars: {postfix_conf: {relayhost: "[db.example]"}}',
	].join('\n');

	test('several plays with the role\'s variables: refused naming them, or one chosen with --play', async () => {
		await assert.rejects(profile('two.yml', twoPlays), (error: Error) => /2 plays set the postfix role's variables: play "Web", play 3 \(hosts db\); choose one with --play NAME/.test(error.message));
		assert.equal((await loadProfile(path.join(dir, 'two.yml'), {play: 'Web'})).settings.get('relayhost'), '[web.example]');
		assert.equal((await loadProfile(path.join(dir, 'two.yml'), {play: 'db'})).settings.get('relayhost'), '[db.example]');
		await assert.rejects(loadProfile(path.join(dir, 'two.yml'), {play: 'Mail'}), /--play "Mail": no play of that name/);
	});

	test('refuses, naming it, what it cannot apply faithfully', async () => {
		const refused: Array<[string, RegExp]> = [
			['postfix_conf:\n  previous: replaced\n  relayhost: "[a]"\n', /postfix_conf\.previous: replaced/],
			['postfix_conf:\n  relayhost: "{{ relay }}"\n', /postfix_conf\.relayhost: the Jinja expression \{\{ relay \}\} is for Ansible/],
			['postfix_conf:\n  relayhost: "[a]{% if x %}"\n', /\{% if x %\}/],
			['postfix_conf:\n  smtp_sasl_password_maps: "{{ postfix_default_database_type | upper }}:/x"\n', /postfix_default_database_type \| upper/],
			['postfix_conf:\n  relayhost: "{{ vault_postfix_relay_password }}"\n', /postfix_conf\.relayhost: the Jinja expression/],
			['postfix_conf: {}\npostfix_files:\n  - {name: ../passwd, content: x}\n', /postfix_files\[0\]\.name "\.\.\/passwd"/],
			['postfix_conf: {}\npostfix_files:\n  - {name: main.cf, content: x}\n', /not main\.cf/],
			['postfix_conf: {}\npostfix_files:\n  - {name: a, content: "{{ vault_other }}"}\n', /\{\{ vault_other \}\}/],
			['postfix_conf:\n  relayhost: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    6162\n', /postfix_conf\.relayhost is an encrypted !vault value/],
			['postfix_conf: {relayhost: "[a]"}\npostfix_manage_firewall: true\n', /postfix_manage_firewall/],
			['- hosts: all\n  roles:\n    - role: fedora.linux_system_roles.postfix\n      vars: {postfix_conf: {relayhost: a}}\n    - role: fedora.linux_system_roles.postfix\n      vars: {postfix_conf: {relayhost: b}}\n', /runs the postfix role 2 times/],
		];
		for (const [content, reason] of refused) {
			await assert.rejects(profile('refused.yml', content), (error: Error) => error instanceof ProfileError && reason.test(error.message), content);
		}
	});

	test('refuses a profile over 1 MiB before parsing it', async () => {
		const file = path.join(dir, 'big.yml');
		await writeFile(file, `postfix_conf:\n  relayhost: "[a]"\n#${'x'.repeat(1024 * 1024)}\n`);
		await assert.rejects(loadProfile(file), /at most 1 MiB/);
		await assert.rejects(loadProfile('/dev/zero'), /not a regular file/);
	});
});

describe('parseSetArguments', () => {
	test('splits at the first equals sign and keeps the rest verbatim', () => {
		assert.deepEqual(Object.fromEntries(parseSetArguments(['relayhost=[a.example]:587', 'mydestination=', 'x=a=b'])), {
			relayhost: '[a.example]:587',
			mydestination: '',
			x: 'a=b',
		});
	});

	test('refuses an argument without a name', () => {
		assert.throws(() => parseSetArguments(['=value']), UsageError);
		assert.throws(() => parseSetArguments(['novalue']), UsageError);
	});

	test('refuses one name given twice with different values, naming both; the same value twice is fine', () => {
		assert.throws(() => parseSetArguments(['relayhost=[a.example]:587', 'mydestination=', 'relayhost=[b.example]:587']), (error: Error) => error instanceof UsageError && /relayhost.*"\[a\.example\]:587" and "\[b\.example\]:587"/.test(error.text.en) && /relayhost.*两次/.test(error.text.zh));
		assert.deepEqual(Object.fromEntries(parseSetArguments(['mydestination=', 'mydestination= '])), {mydestination: ' '});
	});
});
