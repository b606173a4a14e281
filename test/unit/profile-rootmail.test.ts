import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {loadProfile} from '../../source/apply/profile.js';
import {resolveProfile} from '../../source/apply/profile-resolve.js';
import {interpretProfileRootMail} from '../../source/apply/profile-rootmail.js';
import type {MachineConfig} from '../../source/export/machine.js';
import {buildPlaybook} from '../../source/export/playbook.js';
import {senderCanonicalHeader, senderCanonicalRule} from '../../source/rootmail/sender-canonical.js';
import {mergeTable} from '../../source/rootmail/table-text.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-profile-root-'));
after(async () => rm(dir, {recursive: true, force: true}));

const configDir = '/srv/postfix';
const facts = {configDir, databaseType: 'lmdb', relayPassword: async () => 'unused'};

async function interpret(text: string) {
	const file = path.join(dir, `p${Math.random().toString(36).slice(2)}.yml`);
	await writeFile(file, text);
	const resolved = await resolveProfile(await loadProfile(file), facts);
	return interpretProfileRootMail(resolved, configDir);
}

/** The two tables as postfix-wizard writes them (rootmail/plan.ts), with a line of the admin's own below ours. */
const virtual = mergeTable([
	{key: 'root', values: ['ops@example.net']},
	{key: 'postmaster', values: ['ops@example.net']},
	{key: 'MAILER-DAEMON', values: ['ops@example.net']},
	{key: 'backup', values: ['ops@example.net', 'backup-team@ops.example.net']},
], ['Written by postfix-wizard'], 'webmaster  web-team@example.net\n');
const senderCanonical = mergeTable([senderCanonicalRule('alerts@example.com', 'local', ['example.org', 'web01.example.org'])], senderCanonicalHeader, undefined);

describe('apply --profile: root\'s mail and the sender', () => {
	test('round trip: what export writes reads back as the request --root-to and --send-as make', async () => {
		const machine: MachineConfig = {
			hostname: 'web01', configDir, postfixVersion: '3.7.11', databaseType: 'lmdb', notes: [],
			parameters: new Map([
				['relayhost', '[smtp.example.com]:587'],
				['virtual_alias_maps', `lmdb:${configDir}/virtual`],
				['sender_canonical_maps', `regexp:${configDir}/sender_canonical`],
			]),
			files: [
				{name: 'virtual', parameter: 'virtual_alias_maps', content: virtual, postmap: true, secret: false},
				{name: 'sender_canonical', parameter: 'sender_canonical_maps', content: senderCanonical, postmap: false, secret: false},
			],
		};
		const playbook = buildPlaybook(machine, {hosts: 'all', role: 'fedora.linux_system_roles.postfix', includeSecrets: false, generatedAt: new Date('2026-11-28T04:00:00Z'), toolVersion: '1', fileName: 'x.yml'});
		const read = await interpret(playbook.text);
		assert.deepEqual(read.request, {rootTo: 'ops@example.net', sendAs: 'alerts@example.com', sendAsScope: 'local'});
		assert.deepEqual(read.notes, []);
		// The tables are planned from the request now, over the texts shipped: nothing else applies them.
		assert.deepEqual([...read.profile.settings.keys()], ['relayhost']);
		assert.deepEqual(read.profile.files, []);
		assert.deepEqual(read.shipped, {virtual: {text: virtual, otherTables: ''}, senderCanonical: {text: senderCanonical, otherTables: ''}});
	});

	test('a hand-written role profile: the root line, every sender, tables listed after ours', async () => {
		const read = await interpret([
			'postfix_conf:',
			'  virtual_alias_maps: "hash:/etc/postfix/virtual, hash:/etc/postfix/virtual_more"',
			'  sender_canonical_maps: "regexp:/etc/postfix/sender_canonical"',
			'postfix_files:',
			'  - name: virtual',
			'    content: "root admin@example.com\\npostmaster admin@example.com\\n"',
			'    postmap: true',
			'  - name: sender_canonical',
			'    content: "/^.+$/ noreply@example.com\\n"',
			'',
		].join('\n'));
		assert.deepEqual(read.request, {rootTo: 'admin@example.com', sendAs: 'noreply@example.com', sendAsScope: 'all'});
		// A table the profile does not ship stays where it names it.
		assert.equal(read.shipped.virtual?.otherTables, 'hash:/etc/postfix/virtual_more');
		assert.deepEqual(read.notes, []);
	});

	test('what it cannot read is said, and applied as the profile gives it', async () => {
		const read = await interpret([
			'postfix_conf:',
			'  virtual_alias_maps: "hash:/etc/postfix/virtual"',
			'  sender_canonical_maps: "regexp:/etc/postfix/sender_canonical"',
			'postfix_files:',
			'  - name: virtual',
			'    content: "root admin@example.com, ops@example.com\\n"',
			'    postmap: true',
			'  - name: sender_canonical',
			'    content: "/^(.*)@(host\\\\.example\\\\.com|localhost.*)$/ alerts@example.com\\n"',
			'',
		].join('\n'));
		assert.deepEqual(read.request, {});
		assert.equal(read.notes.length, 2);
		assert.match(read.notes[0]!.en, /virtual_alias_maps = hash:\/srv\/postfix\/virtual: root maps to "admin@example\.com, ops@example\.com", not one address on another machine; applied as the profile gives it/);
		assert.match(read.notes[1]!.en, /sender_canonical_maps = .*the first rule of sender_canonical \(\/\^\(\.\*\)@\(host\\\.example\\\.com\|localhost\.\*\)\$\/ alerts@example\.com\) is not one postfix-wizard reads/);
		assert.match(read.notes[0]!.zh, /按配置文件原样应用/);
		assert.equal(read.profile.settings.get('virtual_alias_maps'), `hash:${configDir}/virtual`);
		assert.equal(read.profile.files.length, 2);
	});

	test('a table outside postfix_files, or not first, is not read as root\'s mapping', async () => {
		const outside = await interpret('postfix_conf:\n  virtual_alias_maps: "hash:/etc/postfix/virtual"\n');
		assert.match(outside.notes[0]!.en, /none of its tables is a file of postfix_files/);
		const second = await interpret('postfix_conf:\n  virtual_alias_maps: "hash:/etc/postfix/other, hash:/etc/postfix/virtual"\npostfix_files:\n  - name: virtual\n    content: "root admin@example.com\\n"\n    postmap: true\n');
		assert.match(second.notes[0]!.en, /virtual is not its first table/);
		assert.deepEqual(second.request, {});
	});
});
