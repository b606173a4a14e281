import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chown, chmod, lstat, mkdir, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {execa} from 'execa';
import {backupSetPath} from '../../source/apply/backup-set.js';
import {prepareReview} from '../../source/apply/prepare.js';
import {applyStagedPlan} from '../../source/apply/transaction.js';
import type {FileEdit} from '../../source/plan/types.js';
import {runProgram, runProgramOrThrow} from '../../source/postfix/run.js';
import type {Sandbox} from '../../source/sandbox/instance.js';
import {backupCopy, backupSetsIn} from '../helpers/backups.js';
import {cliPath, projectRoot, runCli} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';

const secret = 'Very-Secret-Pa55';
const key = '[smtp.example.com]:587';

function saslEdit(sandbox: Sandbox, password = secret): FileEdit {
	return {
		path: path.join(sandbox.target.configDir, 'sasl_passwd'),
		content: Buffer.from(`${key} user:${password}\n`),
		mode: 0o600,
		secret: true,
		display: `${key} user:********`,
		map: 'hash',
	};
}

function loginSettings(sandbox: Sandbox): Map<string, string> {
	return new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `hash:${sandbox.target.configDir}/sasl_passwd`]]);
}

async function mode(file: string): Promise<number> {
	return (await stat(file)).mode & 0o777;
}

async function lookup(sandbox: Sandbox): Promise<string> {
	const result = await runProgram('postmap', ['-c', sandbox.target.configDir, '-q', key, `hash:${sandbox.target.configDir}/sasl_passwd`]);
	return result.stdout.trim();
}

/** A file's bytes, mode and owner: what a restore must bring back. */
async function fingerprint(file: string): Promise<string> {
	const info = await stat(file);
	return `${(await readFile(file)).toString('base64')} ${(info.mode & 0o7777).toString(8)} ${info.uid}:${info.gid}`;
}

function noStackTrace(output: string): void {
	assert.doesNotMatch(output, /^\s+at .*:\d+:\d+\)?$/m, 'a stack trace was printed');
}

describe('a set of files in one transaction', () => {
	test('main.cf and a new secret map: built by postmap, 0600, redacted diff, one backup set; rollback restores and removes', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const original = await readFile(sandbox.mainCfPath);
		const review = await prepareReview(sandbox.target, loginSettings(sandbox), {files: [saslEdit(sandbox)]});
		const {plan} = review;
		assert.deepEqual(plan.staged.map(file => path.basename(file.path)), ['sasl_passwd', 'sasl_passwd.db']);
		assert.match(plan.diff, new RegExp(`^--- /dev/null\\s.*\\n\\+\\+\\+ ${dir}/sasl_passwd\\s+proposed \\(new file, mode 0600; secret: values hidden\\)$`, 'm'));
		assert.match(plan.diff, /^\+\[smtp\.example\.com\]:587 user:\*{8}$/m);
		assert.match(plan.diff, new RegExp(`^Binary file ${dir}/sasl_passwd\\.db: new \\(by postmap hash:${dir}/sasl_passwd, mode 0600\\)$`, 'm'));
		assert.doesNotMatch(plan.diff, new RegExp(secret));
		assert.equal(existsSync(path.join(dir, 'sasl_passwd')), false, 'staging wrote nothing live');

		const outcome = await applyStagedPlan(sandbox.target, plan, {service: false});
		assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
		assert.equal(await readFile(path.join(dir, 'sasl_passwd'), 'utf8'), `${key} user:${secret}\n`);
		assert.equal(await mode(path.join(dir, 'sasl_passwd')), 0o600);
		assert.equal(await mode(path.join(dir, 'sasl_passwd.db')), 0o600);
		assert.equal(await lookup(sandbox), `user:${secret}`);
		assert.deepEqual((await readdir(dir)).filter(name => name.includes('postfix-wizard-')), [], 'no temporary or spare file is left');

		const sets = await backupSetsIn(dir);
		assert.equal(sets.length, 1);
		assert.equal(outcome.status === 'applied' && outcome.backup?.path, path.join(dir, 'postfix-wizard.backup', sets[0]!));
		assert.equal(sets[0], path.basename(backupSetPath(dir, plan.stagedAt)), 'the set carries the name the review showed');
		assert.ok((await backupCopy(dir, sets[0]!, 'main.cf')).equals(original));
		const manifest = JSON.parse((await backupCopy(dir, sets[0]!, 'manifest.json')).toString()) as {files: Array<{path: string; existed: boolean}>};
		assert.deepEqual(manifest.files.map(file => [path.basename(file.path), file.existed]), [['main.cf', true], ['sasl_passwd', false], ['sasl_passwd.db', false]]);

		const listed = await runCli(['--config-dir', dir, 'rollback', '--list']);
		assert.equal(listed.exitCode, 0, listed.stderr);
		assert.match(listed.stdout, /main\.cf, sasl_passwd \(did not exist: a rollback removes it\), sasl_passwd\.db \(did not exist/);

		await new Promise(resolve => setTimeout(resolve, 1100));
		const rolled = await runCli(['--config-dir', dir, 'rollback', '--yes', '--no-restart']);
		assert.equal(rolled.exitCode, 0, rolled.stdout + rolled.stderr);
		assert.doesNotMatch(rolled.stdout + rolled.stderr, new RegExp(secret));
		assert.match(rolled.stdout, new RegExp(`^\\+\\+\\+ /dev/null\\s+proposed \\(removed; secret: values hidden\\)$`, 'm'));
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original), 'main.cf is byte for byte the original');
		assert.equal(existsSync(path.join(dir, 'sasl_passwd')), false, 'a file that did not exist is removed');
		assert.equal(existsSync(path.join(dir, 'sasl_passwd.db')), false);

		// The rollback was a transaction: the state it replaced is a set of its own, secrets 0600.
		const after = await backupSetsIn(dir);
		assert.equal(after.length, 2);
		const undo = after.find(name => name !== sets[0])!;
		assert.equal(await readFile(path.join(dir, 'postfix-wizard.backup', undo, 'sasl_passwd'), 'utf8'), `${key} user:${secret}\n`);
		assert.equal(await mode(path.join(dir, 'postfix-wizard.backup', undo, 'sasl_passwd')), 0o600);
		assert.equal(await mode(path.join(dir, 'postfix-wizard.backup', undo, 'sasl_passwd.db')), 0o600);
	});

	test('rollback gives main.cf back the mode and owner the set recorded, not only its bytes', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		// An administrator's main.cf: 0640, group 4 (adm), then a change, then someone's chmod/chown.
		await chmod(sandbox.mainCfPath, 0o640);
		await chown(sandbox.mainCfPath, 0, 4);
		const original = await fingerprint(sandbox.mainCfPath);
		const applied = await runCli(['--config-dir', dir, 'apply', '--set', 'myorigin=example.org', '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		await chmod(sandbox.mainCfPath, 0o666);
		await chown(sandbox.mainCfPath, 0, 0);
		await new Promise(resolve => setTimeout(resolve, 1100));
		const rolled = await runCli(['--config-dir', dir, 'rollback', '--yes', '--no-restart']);
		assert.equal(rolled.exitCode, 0, rolled.stdout + rolled.stderr);
		assert.match(rolled.stdout, /proposed \(mode 0666 → 0640\)/);
		assert.equal(await fingerprint(sandbox.mainCfPath), original, 'bytes, mode and owner as recorded');

		// The bytes already right, the mode alone differs: still restored, and shown.
		await chmod(sandbox.mainCfPath, 0o600);
		await new Promise(resolve => setTimeout(resolve, 1100));
		const sets = await backupSetsIn(dir);
		const again = await runCli(['--config-dir', dir, 'rollback', path.join(dir, 'postfix-wizard.backup', sets[0]!), '--yes', '--no-restart']);
		assert.equal(again.exitCode, 0, again.stdout + again.stderr);
		assert.match(again.stdout, /mode 0600 → 0640/);
		assert.equal(await fingerprint(sandbox.mainCfPath), original);
	});

	test('apply --yes puts the staged main.cf itself into place: it carries the time it was staged, its mode and owner, and no stage is left', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		await chmod(sandbox.mainCfPath, 0o640);
		await chown(sandbox.mainCfPath, 0, 4);
		const applied = await runCli(['--config-dir', dir, 'apply', '--set', 'myorigin=example.org', '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		const [set] = await backupSetsIn(dir);
		const backup = await stat(path.join(dir, 'postfix-wizard.backup', set!, 'main.cf'));
		const written = await stat(sandbox.mainCfPath);
		// Staged before the backup was taken: Postfix's ~2 s wait for a fresh main.cf started then.
		assert.ok(written.mtimeMs <= backup.mtimeMs, `main.cf ${written.mtime.toISOString()} vs its backup ${backup.mtime.toISOString()}`);
		assert.equal(written.mode & 0o7777, 0o640);
		assert.deepEqual([written.uid, written.gid], [0, 4]);
		assert.match(await readFile(sandbox.mainCfPath, 'utf8'), /^myorigin = example\.org$/m);
		assert.deepEqual((await readdir(dir)).filter(name => name.includes('postfix-wizard-')), [], 'no stage or spare file is left');
	});

	test('a staged main.cf that is gone before the write: the staged bytes are written instead', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const review = await prepareReview(sandbox.target, new Map([['myorigin', 'example.net']]), {placeInConfigDir: true});
		const staged = review.plan.placeable;
		assert.ok(staged, 'staged beside main.cf');
		assert.equal(path.dirname(path.dirname(staged)), sandbox.target.configDir);
		await rm(staged);
		const outcome = await applyStagedPlan(sandbox.target, review.plan, {service: false});
		assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
		assert.match(await readFile(sandbox.mainCfPath, 'utf8'), /^myorigin = example\.net$/m);
	});

	test('a failing postfix check puts every file back: bytes, mode and owner', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		// An existing map, as an admin left it: another owner, 0640, built.
		await writeFile(path.join(dir, 'sasl_passwd'), `${key} old:OldPassword\n`);
		await chmod(path.join(dir, 'sasl_passwd'), 0o640);
		await runProgramOrThrow('postmap', ['-c', dir, `hash:${dir}/sasl_passwd`]);
		await chown(path.join(dir, 'sasl_passwd'), 1, 1);
		await chown(path.join(dir, 'sasl_passwd.db'), 1, 1);
		const files = ['main.cf', 'sasl_passwd', 'sasl_passwd.db'].map(name => path.join(dir, name));
		const before = await Promise.all(files.map(async file => fingerprint(file)));

		// postfix check refuses a queue directory that is not there; postmap does not read it.
		const review = await prepareReview(sandbox.target, new Map([...loginSettings(sandbox), ['queue_directory', path.join(sandbox.dir, 'no-such-queue')]]), {files: [saslEdit(sandbox)]});
		assert.match(review.plan.diff, /^-\[smtp\.example\.com\]:587 old:\*{8}$/m, 'the current secret is redacted too');
		assert.doesNotMatch(review.plan.diff, /OldPassword/);
		const outcome = await applyStagedPlan(sandbox.target, review.plan, {service: false});
		assert.equal(outcome.status, 'failed');
		assert.equal(outcome.status === 'failed' && outcome.step, 'check');
		assert.equal(outcome.status === 'failed' && outcome.rolledBack, true, JSON.stringify(outcome));
		assert.deepEqual(await Promise.all(files.map(async file => fingerprint(file))), before);
		assert.deepEqual((await readdir(dir)).filter(name => name.includes('postfix-wizard-')), [], 'no spare file is left');
	});

	test('an interrupt once the set is written puts every file back and removes the new ones', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const original = await readFile(sandbox.mainCfPath);
		const review = await prepareReview(sandbox.target, loginSettings(sandbox), {files: [saslEdit(sandbox)]});
		const controller = new AbortController();
		const outcome = await applyStagedPlan(sandbox.target, review.plan, {
			service: false,
			signal: controller.signal,
			// Ctrl-C while postfix check runs: every file of the set is written by then.
			onStep: event => {
				if (event.step === 'check' && event.state === 'running') {
					controller.abort();
				}
			},
		});
		assert.equal(outcome.status, 'interrupted', JSON.stringify(outcome));
		assert.equal(outcome.status === 'interrupted' && outcome.rolledBack, true);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		assert.equal(existsSync(path.join(dir, 'sasl_passwd')), false);
		assert.equal(existsSync(path.join(dir, 'sasl_passwd.db')), false);
		assert.equal(existsSync(path.join(dir, '.postfix-wizard.lock')), false, 'the lock was left behind');
	});

	test('a link planted at a name the tool creates is never followed', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const victimDir = path.join(sandbox.dir, 'victim');
		await mkdir(victimDir);
		const victim = path.join(victimDir, 'file');
		await writeFile(victim, 'precious\n');

		// The map and its built file: a dangling link and a link to a file are refused, nothing written.
		await symlink(path.join(victimDir, 'created-through-link'), path.join(dir, 'sasl_passwd'));
		await assert.rejects(prepareReview(sandbox.target, loginSettings(sandbox), {files: [saslEdit(sandbox)]}), /sasl_passwd is a symbolic link/);
		await (await import('node:fs/promises')).unlink(path.join(dir, 'sasl_passwd'));
		await symlink(victim, path.join(dir, 'sasl_passwd.db'));
		await assert.rejects(prepareReview(sandbox.target, loginSettings(sandbox), {files: [saslEdit(sandbox)]}), /sasl_passwd\.db is a symbolic link/);
		await (await import('node:fs/promises')).unlink(path.join(dir, 'sasl_passwd.db'));

		// The set's own name is predictable (its stamp): a link there is stepped around.
		const review = await prepareReview(sandbox.target, loginSettings(sandbox), {files: [saslEdit(sandbox)]});
		await mkdir(path.join(dir, 'postfix-wizard.backup'), {mode: 0o700});
		const planted = backupSetPath(dir, review.plan.stagedAt);
		await symlink(victimDir, planted);
		const outcome = await applyStagedPlan(sandbox.target, review.plan, {service: false});
		assert.equal(outcome.status, 'applied', JSON.stringify(outcome));
		assert.equal(outcome.status === 'applied' && outcome.backup?.path, `${planted}.1`);
		assert.ok((await lstat(planted)).isSymbolicLink());
		assert.deepEqual(await readdir(victimDir), ['file']);
		assert.equal(await readFile(victim, 'utf8'), 'precious\n');
		assert.equal((await lstat(path.join(dir, 'sasl_passwd'))).isFile(), true);
	});
});

describe('faults during the write are sentences, and the files are as before', () => {
	async function fullDisk(sandbox: Sandbox, when: 'backup' | 'write'): Promise<Record<string, any>> {
		const result = await execa('unshare', ['-m', '--propagation', 'private', process.execPath, '--import', 'tsx', path.join(projectRoot, 'test', 'helpers', 'full-disk.ts'), sandbox.target.configDir, when], {reject: false, cwd: projectRoot});
		assert.equal(result.exitCode, 0, `${result.stdout}${result.stderr}`);
		return JSON.parse(String(result.stdout).trim().split('\n').at(-1)!) as Record<string, any>;
	}

	test('a full disk (ENOSPC) during the backup: nothing touched, no set left; during the write: every file put back', async t => {
		const probe = await execa('unshare', ['-m', 'true'], {reject: false});
		if (probe.exitCode !== 0) {
			t.skip('no mount namespaces here (unshare -m needs root)');
			return;
		}

		const sandbox = await useSandbox({start: false}, t);
		const namesBefore = (await readdir(sandbox.target.configDir)).sort();
		// One page free: the backup (main.cf's copy + the manifest) does not fit.
		const atBackup = await fullDisk(sandbox, 'backup');
		assert.equal(atBackup['outcome'].status, 'failed');
		assert.equal(atBackup['outcome'].step, 'backup');
		assert.match(atBackup['outcome'].reason.en, /^the backup .* could not be written: no space left on the device$/);
		assert.match(atBackup['outcome'].reason.zh, /^无法写入备份 .*：设备上没有剩余空间$/);
		assert.equal(atBackup['mainCfSame'], true);
		assert.equal(atBackup['sets'], 0);
		assert.deepEqual(atBackup['leftovers'], [], 'the incomplete set was removed');
		assert.deepEqual(atBackup['names'], [...namesBefore, 'postfix-wizard.backup'].sort());

		// Room for the backup, sasl_passwd and its map, not for main.cf: the two written files go again.
		const atWrite = await fullDisk(sandbox, 'write');
		assert.equal(atWrite['outcome'].status, 'failed', JSON.stringify(atWrite));
		assert.equal(atWrite['outcome'].step, 'write');
		assert.match(atWrite['outcome'].reason.en, /^could not write .*\/main\.cf: no space left on the device$/);
		assert.match(atWrite['outcome'].reason.zh, /^无法写入 .*\/main\.cf：设备上没有剩余空间$/);
		assert.equal(atWrite['outcome'].rolledBack, true);
		assert.deepEqual(atWrite['outcome'].restoreProblems, []);
		assert.equal(atWrite['mainCfSame'], true);
		assert.equal(atWrite['sets'], 1);
		assert.deepEqual(atWrite['names'], [...namesBefore, 'postfix-wizard.backup'].sort(), 'sasl_passwd and its map were removed again');
	});

	async function immutable(file: string, on: boolean): Promise<boolean> {
		return (await execa('chattr', [on ? '+i' : '-i', file], {reject: false})).exitCode === 0;
	}

	test('an immutable main.cf (EPERM) is refused in a sentence; nothing was written', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		if (!(await immutable(sandbox.mainCfPath, true))) {
			t.skip('chattr +i is not supported on this filesystem');
			return;
		}

		let result;
		try {
			result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart']);
		} finally {
			// Before the sandbox's own cleanup, which could not remove an immutable file.
			await immutable(sandbox.mainCfPath, false);
		}

		assert.equal(result.exitCode, 1, result.stdout + result.stderr);
		assert.match(result.stderr, /could not write .*main\.cf: operation not permitted \(is the file immutable\?/);
		assert.match(result.stderr, /Nothing had been written yet: main\.cf is as it was\./);
		noStackTrace(result.stdout + result.stderr);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
	});

	test('main.cf made immutable during the check: the rollback says what it could not restore and from where', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const original = await readFile(sandbox.mainCfPath);
		if (!(await immutable(sandbox.mainCfPath, true)) || !(await immutable(sandbox.mainCfPath, false))) {
			t.skip('chattr +i is not supported on this filesystem');
			return;
		}

		const child = spawn(process.execPath, [cliPath, '--config-dir', dir, 'apply', '--set', 'setgid_group=nosuchgroup', '--yes', '--no-restart'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C'}});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
		child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		try {
			// postfix check takes seconds: freeze main.cf once the new content is in place.
			for (const deadline = Date.now() + 20_000; !(await readFile(sandbox.mainCfPath, 'utf8')).includes('nosuchgroup');) {
				assert.ok(Date.now() < deadline, `main.cf was never written: ${output}`);
				await new Promise(resolve => setTimeout(resolve, 10));
			}

			await immutable(sandbox.mainCfPath, true);
			assert.equal(await exited, 1, output);
		} finally {
			child.kill();
			await immutable(sandbox.mainCfPath, false);
		}
		noStackTrace(output);
		const [set] = await backupSetsIn(dir);
		const setPath = path.join(dir, 'postfix-wizard.backup', set!);
		assert.match(output, /could not restore .*main\.cf: operation not permitted \(is the file immutable\?/);
		assert.match(output, new RegExp(`NOT as before\\. Every file as it was is in ${setPath.replaceAll('.', '\\.')}: once the cause is fixed, run postfix-wizard rollback ${setPath.replaceAll('.', '\\.')}`));

		const restored = await runCli(['--config-dir', dir, 'rollback', setPath, '--yes', '--no-restart']);
		assert.equal(restored.exitCode, 0, restored.stdout + restored.stderr);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		assert.deepEqual((await readdir(dir)).filter(name => name.includes('postfix-wizard-')), [], 'the spare name of the original is gone');
	});
});
