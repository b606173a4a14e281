import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, truncate, unlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {listBackups, listLegacyBackups} from '../../source/apply/backup.js';
import {BackupError, type SetMember, backupSetPath, nextBackupSetPath, backupStamp, listBackupSets, readBackupSet, writeBackupSet} from '../../source/apply/backup-set.js';
import {LockedError, acquireLock} from '../../source/apply/lock.js';

const top = await mkdtemp(path.join(os.tmpdir(), 'pfw-backup-'));
after(async () => rm(top, {recursive: true, force: true}));
let count = 0;
async function configDir(): Promise<string> {
	const dir = path.join(top, `c${count++}`);
	await mkdir(dir);
	return dir;
}

function members(dir: string, mainCf = 'relayhost =\n# ünïcode\n'): SetMember[] {
	return [
		{path: path.join(dir, 'main.cf'), content: Buffer.from(mainCf), mode: 0o640, uid: 0, gid: 0, secret: false},
		{path: path.join(dir, 'sasl_passwd'), content: Buffer.from('[smtp.example.com]:587 user:secret\n'), mode: 0o600, uid: 0, gid: 0, secret: true},
		{path: path.join(dir, 'sasl_passwd.db'), content: undefined, mode: 0, uid: 0, gid: 0, secret: true},
	];
}

describe('backup sets', () => {
	test('are named by the system role\'s stamp, in a private directory beside main.cf', () => {
		const when = new Date('2026-11-23T23:10:34.567Z');
		assert.equal(backupStamp(when), '2026-11-23T23:10:34Z');
		assert.equal(backupSetPath('/srv/postfix', when), '/srv/postfix/postfix-wizard.backup/2026-11-23T23:10:34Z');
	});

	test('hold byte-identical copies and a manifest of every file, secrets 0600, and list newest first', async () => {
		const dir = await configDir();
		const when = new Date('2026-11-23T23:10:34Z');
		const set = await writeBackupSet(dir, members(dir), 'multiple', when);
		assert.equal(set.path, backupSetPath(dir, when));
		assert.equal((await stat(path.dirname(set.path))).mode & 0o777, 0o700);
		assert.equal((await stat(set.path)).mode & 0o777, 0o700);
		assert.ok((await readFile(path.join(set.path, 'main.cf'))).equals(Buffer.from('relayhost =\n# ünïcode\n')));
		assert.equal((await stat(path.join(set.path, 'main.cf'))).mode & 0o777, 0o640);
		assert.equal((await stat(path.join(set.path, 'sasl_passwd'))).mode & 0o777, 0o600);
		assert.equal(existsSync(path.join(set.path, 'sasl_passwd.db')), false);
		const manifest = JSON.parse(await readFile(path.join(set.path, 'manifest.json'), 'utf8')) as {files: Array<Record<string, unknown>>};
		assert.equal((await stat(path.join(set.path, 'manifest.json'))).mode & 0o777, 0o600);
		assert.deepEqual(manifest.files.map(file => [file['path'], file['existed'], file['mode']]), [
			[path.join(dir, 'main.cf'), true, '0640'],
			[path.join(dir, 'sasl_passwd'), true, '0600'],
			[path.join(dir, 'sasl_passwd.db'), false, undefined],
		]);
		assert.match(String(manifest.files[0]!['sha256']), /^[\da-f]{64}$/);

		// Two runs in one second never share a set; the review's name for the next one is the name it gets.
		const promised = await nextBackupSetPath(dir, when);
		assert.equal(promised, `${set.path}.1`);
		const second = await writeBackupSet(dir, members(dir, 'other\n'), 'multiple', when);
		assert.equal(second.path, promised);
		await writeBackupSet(dir, members(dir), 'multiple', new Date('2026-11-24T01:00:00Z'));
		const listed = await listBackups(dir);
		assert.deepEqual(listed.map(backup => path.basename(backup.path)), ['2026-11-24T01:00:00Z', '2026-11-23T23:10:34Z.1', '2026-11-23T23:10:34Z']);
		assert.deepEqual((await readdir(path.dirname(set.path))).filter(name => name.startsWith('.')), [], 'no temporary directory is left');
	});

	test('a set without its manifest or with a copy that does not match is neither listed nor read', async () => {
		const dir = await configDir();
		const truncated = await writeBackupSet(dir, members(dir), 'multiple', new Date('2026-11-25T00:00:00Z'));
		const unfinished = await writeBackupSet(dir, members(dir), 'multiple', new Date('2026-11-25T00:00:01Z'));
		const good = await writeBackupSet(dir, members(dir), 'multiple', new Date('2026-11-24T00:00:00Z'));
		await truncate(path.join(truncated.path, 'main.cf'), 5);
		await unlink(path.join(unfinished.path, 'manifest.json'));
		const {sets, ignored} = await listBackupSets(dir);
		assert.deepEqual(sets.map(set => set.path), [good.path]);
		assert.deepEqual(ignored.map(entry => entry.path).sort(), [truncated.path, unfinished.path]);
		assert.match(ignored.find(entry => entry.path === truncated.path)!.reason, /checksum/);
		assert.match(ignored.find(entry => entry.path === unfinished.path)!.reason, /no manifest/);
		await assert.rejects(readBackupSet(truncated.path), /checksum/);
		assert.deepEqual((await listBackups(dir)).map(backup => backup.path), [good.path]);
	});

	test('single keeps one set: the new one is complete before the old one goes; multiple sets stay', async () => {
		const dir = await configDir();
		const kept = await writeBackupSet(dir, members(dir), 'multiple', new Date('2026-11-20T00:00:00Z'));
		const first = await writeBackupSet(dir, members(dir), 'single', new Date('2026-11-21T00:00:00Z'));
		const second = await writeBackupSet(dir, members(dir, 'newer\n'), 'single', new Date('2026-11-22T00:00:00Z'));
		assert.equal(existsSync(first.path), false);
		assert.deepEqual((await listBackups(dir)).map(backup => backup.path), [second.path, kept.path]);
	});

	test('a link planted as the backup directory is refused, its target untouched', async () => {
		const dir = await configDir();
		const elsewhere = await mkdtemp(path.join(top, 'elsewhere-'));
		await symlink(elsewhere, path.join(dir, 'postfix-wizard.backup'));
		await assert.rejects(writeBackupSet(dir, members(dir), 'multiple', new Date()), (error: Error) => error instanceof BackupError && /not a directory/.test(error.message));
		assert.deepEqual(await readdir(elsewhere), []);
	});

	test('legacy single-file backups are listed read-only; a planted link is not a backup', async () => {
		const dir = await configDir();
		await writeFile(path.join(dir, 'main.cf.2026-11-23T23:10:34Z'), 'relayhost =\n');
		await symlink('/etc/passwd', path.join(dir, 'main.cf.backup'));
		const legacy = await listLegacyBackups(dir);
		assert.deepEqual(legacy.map(backup => path.basename(backup.path)), ['main.cf.2026-11-23T23:10:34Z']);
		assert.equal(legacy[0]!.createdAt.toISOString(), '2026-11-23T23:10:34.000Z');
	});
});

/** A live process whose command line names postfix-wizard, as another run's would. */
function fakeRun(name = 'postfix-wizard') {
	return spawn('sleep', ['60'], {argv0: name});
}

async function exited(child: ReturnType<typeof spawn>): Promise<void> {
	if (child.exitCode === null && child.signalCode === null) {
		await new Promise(resolve => child.once('exit', resolve));
	}
}

describe('the lock', () => {
	test('refuses while a live postfix-wizard holds it, saying how to clear it, and is released after', async () => {
		const dir = await configDir();
		const lock = await acquireLock(dir);
		assert.equal((await stat(lock.path)).mode & 0o777, 0o600);
		const holder = fakeRun();
		try {
			await new Promise(resolve => setTimeout(resolve, 50));
			await writeFile(lock.path, `${holder.pid} ${new Date().toISOString()}\n`);
			await assert.rejects(acquireLock(dir), (error: Error) => error instanceof LockedError && error.holderPid === holder.pid && error.message.includes(`rm ${lock.path}`));
		} finally {
			holder.kill();
			await exited(holder);
		}

		await lock.release();
		assert.equal(existsSync(lock.path), false);
	});

	test('takes over a stale lock whose process is gone', async () => {
		const dir = await configDir();
		const gone = spawn('true');
		await exited(gone);
		await writeFile(path.join(dir, '.postfix-wizard.lock'), `${gone.pid} 2026-11-24T00:00:00Z\n`);
		const lock = await acquireLock(dir);
		assert.match(await readFile(lock.path, 'utf8'), new RegExp(`^${process.pid} \\S+ \\d+\\n$`));
		await lock.release();
	});

	test('a reused PID does not block: a live process that is not postfix-wizard, or started after the lock', async () => {
		const dir = await configDir();
		const lockPath = path.join(dir, '.postfix-wizard.lock');
		const stranger = spawn('sleep', ['60']);
		const laterRun = fakeRun();
		try {
			await new Promise(resolve => setTimeout(resolve, 50));
			await writeFile(lockPath, `${stranger.pid} ${new Date().toISOString()}\n`);
			await (await acquireLock(dir)).release();
			await writeFile(lockPath, `${laterRun.pid} 2026-11-24T00:00:00.000Z\n`);
			await (await acquireLock(dir)).release();
			// A lock that recorded its writer's start time: another start time is another process.
			await writeFile(lockPath, `${laterRun.pid} ${new Date().toISOString()} 1\n`);
			const lock = await acquireLock(dir);
			await lock.release();
		} finally {
			stranger.kill();
			laterRun.kill();
			await Promise.all([exited(stranger), exited(laterRun)]);
		}
	});

	test('a link planted as the lock is neither followed nor written through', async () => {
		const dir = await configDir();
		const victim = path.join(top, `victim-${count}`);
		await writeFile(victim, 'precious\n');
		await chmod(victim, 0o644);
		await symlink(victim, path.join(dir, '.postfix-wizard.lock'));
		const lock = await acquireLock(dir);
		assert.equal(await readFile(victim, 'utf8'), 'precious\n');
		assert.ok((await lstat(lock.path)).isFile());
		await lock.release();
	});
});
