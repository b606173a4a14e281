import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {ProfileError, loadProfile} from '../../source/apply/profile.js';
import {parseSetArguments} from '../../source/commands/apply.js';
import {UsageError} from '../../source/commands/target.js';

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
			'  previous: replaced',
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

describe('parseSetArguments', () => {
	test('splits at the first equals sign and keeps the rest verbatim', () => {
		assert.deepEqual(Object.fromEntries(parseSetArguments(['relayhost=[a.example]:587', 'mydestination=', 'x=a=b'], 'en')), {
			relayhost: '[a.example]:587',
			mydestination: '',
			x: 'a=b',
		});
	});

	test('refuses an argument without a name', () => {
		assert.throws(() => parseSetArguments(['=value'], 'en'), UsageError);
		assert.throws(() => parseSetArguments(['novalue'], 'en'), UsageError);
	});
});
