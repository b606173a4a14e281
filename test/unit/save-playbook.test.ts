import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {savePlaybook} from '../../source/export/save.js';
import {targetFor} from '../../source/postfix/target.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-save-'));
after(async () => rm(dir, {recursive: true, force: true}));

describe('savePlaybook (the wizard\'s "save as playbook")', () => {
	test('writes a new file beside the others, never over one', async () => {
		const configDir = path.join(dir, 'etc');
		await mkdir(configDir);
		await writeFile(path.join(configDir, 'main.cf'), 'relayhost = [smtp.example.com]:587\nmydestination =\n');
		const work = path.join(dir, 'work');
		await mkdir(work);
		await writeFile(path.join(work, 'postfix-null-client.yml'), 'mine\n');
		const saved = await savePlaybook(targetFor(configDir), work);
		assert.equal(saved.file, path.join(work, 'postfix-null-client-2.yml'));
		assert.equal(await readFile(path.join(work, 'postfix-null-client.yml'), 'utf8'), 'mine\n');
		assert.equal((await stat(saved.file)).mode & 0o777, 0o644);
		const text = await readFile(saved.file, 'utf8');
		assert.match(text, /relayhost: "\[smtp\.example\.com\]:587"/);
		assert.match(text, /ansible-playbook -i INVENTORY postfix-null-client-2\.yml/);
	});
});
