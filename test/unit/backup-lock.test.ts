import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, stat, writeFile, chmod} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {backupPathFor, backupStamp, listBackups, writeBackup} from '../../source/apply/backup.js';
import {LockedError, acquireLock} from '../../source/apply/lock.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-backup-'));
after(async () => rm(dir, {recursive: true, force: true}));

describe('backups', () => {
	test('are named like the system role\'s postfix_backup_multiple', () => {
		const when = new Date('2026-11-23T23:10:34.567Z');
		assert.equal(backupStamp(when), '2026-11-23T23:10:34Z');
		assert.equal(backupPathFor('/etc/postfix/main.cf', 'multiple', when), '/etc/postfix/main.cf.2026-11-23T23:10:34Z');
		assert.equal(backupPathFor('/etc/postfix/main.cf', 'single', when), '/etc/postfix/main.cf.backup');
	});

	test('are byte-identical, keep the mode, never overwrite each other, and list newest first', async () => {
		const mainCf = path.join(dir, 'main.cf');
		const content = Buffer.from('relayhost =\n# ünïcode\n');
		await writeFile(mainCf, content);
		await chmod(mainCf, 0o640);
		const when = new Date('2026-11-23T23:10:34Z');
		const first = await writeBackup(mainCf, content, 'multiple', when);
		const second = await writeBackup(mainCf, Buffer.from('other\n'), 'multiple', when);
		assert.equal(first.path, `${mainCf}.2026-11-23T23:10:34Z`);
		assert.notEqual(second.path, first.path);
		assert.ok((await readFile(first.path)).equals(content));
		assert.equal((await stat(first.path)).mode & 0o777, 0o640);
		await writeBackup(mainCf, content, 'multiple', new Date('2026-11-24T01:00:00Z'));
		const listed = await listBackups(dir);
		assert.equal(listed[0]?.path, `${mainCf}.2026-11-24T01:00:00Z`);
		assert.equal(listed.length, 3);
	});
});

describe('the lock', () => {
	test('refuses while a live process holds it and is released after', async () => {
		const lock = await acquireLock(dir);
		const holder = spawn('sleep', ['30']);
		try {
			await writeFile(lock.path, `${holder.pid} 2026-11-24T00:00:00Z\n`);
			await assert.rejects(acquireLock(dir), (error: Error) => error instanceof LockedError && error.holderPid === holder.pid);
		} finally {
			holder.kill();
		}

		await lock.release();
		assert.equal(existsSync(lock.path), false);
	});

	test('takes over a stale lock whose process is gone', async () => {
		const gone = spawn('true');
		await new Promise(resolve => gone.once('exit', resolve));
		await writeFile(path.join(dir, '.postfix-wizard.lock'), `${gone.pid} 2026-11-24T00:00:00Z\n`);
		const lock = await acquireLock(dir);
		assert.match(await readFile(lock.path, 'utf8'), new RegExp(`^${process.pid} `));
		await lock.release();
	});
});
