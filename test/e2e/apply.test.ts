import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {chmod, cp, lstat, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {type Sandbox} from '../../source/sandbox/instance.js';
import {cliPath, fixturesDir, runCli} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';
import {backupCopy, backupSetsIn} from '../helpers/backups.js';

const nullClient = [
	'myorigin=example.com',
	'relayhost=[smtp.example.com]:587',
	'inet_interfaces=loopback-only',
	'mynetworks=127.0.0.0/8 [::1]/128',
	'mydestination=',
];
const setArgs = nullClient.flatMap(setting => ['--set', setting]);

/**
 * What Postfix's own editor makes of the same file: the reference for every apply.
 * postconf -e appends new parameters in a different order on every run; the engine
 * puts that trailing block in the order given, so the reference does the same, one
 * parameter per call (each call appends its one new line at the end).
 */
async function postconfReference(original: Buffer, settings: readonly string[]): Promise<Buffer> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-reference-'));
	try {
		await writeFile(path.join(dir, 'main.cf'), original);
		for (const setting of settings) {
			await runProgramOrThrow('postconf', ['-c', dir, '-e', setting]);
		}

		return await readFile(path.join(dir, 'main.cf'));
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

async function backupsIn(sandbox: Sandbox): Promise<string[]> {
	return backupSetsIn(sandbox.target.configDir);
}

function configDirArgs(sandbox: Sandbox): string[] {
	return ['--config-dir', sandbox.target.configDir];
}

const installTimeParameters = ['setgid_group=postdrop', 'sendmail_path=/usr/sbin/sendmail', 'newaliases_path=/usr/bin/newaliases', 'mailq_path=/usr/bin/mailq', 'manpage_directory=/usr/share/man', 'sample_directory=/etc/postfix', 'readme_directory=no', 'html_directory=no'];

// The real main.cf files among the fixtures (other tests keep folders of their own there).
const fixtureFiles = existsSync(fixturesDir) ? (await readdir(fixturesDir, {withFileTypes: true})).filter(entry => entry.isFile() && entry.name.endsWith('main.cf')).map(entry => path.join(fixturesDir, entry.name)) : [];

describe('apply on real main.cf files', () => {
	test('the shared fixtures are there', () => {
		assert.ok(fixtureFiles.length > 0, `no fixtures in ${fixturesDir}`);
	});

	for (const file of [...fixtureFiles, '/usr/share/postfix/main.cf.dist']) {
		test(`${path.basename(file)}: byte for byte what postconf -e gives, verified backup, then a no-op`, async t => {
			const sandbox = await useSandbox({mainCf: await readFile(file, 'utf8'), start: false}, t);
			if (file.endsWith('main.cf.dist')) {
				// Upstream leaves these for the installer to fill in; postfix check fails without them.
				await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', ...installTimeParameters]);
			}

			const original = await readFile(sandbox.mainCfPath);
			const expected = await postconfReference(original, nullClient);

			const first = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
			assert.equal(first.exitCode, 0, first.stderr);
			assert.ok((await readFile(sandbox.mainCfPath)).equals(expected), 'main.cf differs from postconf -e output');

			const backups = await backupsIn(sandbox);
			assert.equal(backups.length, 1);
			assert.match(backups[0]!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
			assert.ok((await backupCopy(sandbox.target.configDir, backups[0]!, 'main.cf')).equals(original), 'backup is not the original');

			const second = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
			assert.equal(second.exitCode, 0, second.stderr);
			assert.match(second.stdout, /Nothing to change/);
			assert.deepEqual(await backupsIn(sandbox), backups, 'a no-op wrote a backup');
			assert.ok((await readFile(sandbox.mainCfPath)).equals(expected));
		});
	}

	test('a main.cf without a final newline gets one instead of a glued line', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = (await readFile(sandbox.mainCfPath, 'utf8')).trimEnd();
		await writeFile(sandbox.mainCfPath, original);
		const result = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(result.exitCode, 0, result.stderr);
		assert.match(result.stdout, /\\ No newline at end of file/);
		const expected = await postconfReference(Buffer.from(`${original}\n`), nullClient);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(expected));
	});
});

test('bytes that are not UTF-8 (a Latin-1 comment) survive untouched', async t => {
	const sandbox = await useSandbox({start: false}, t);
	const original = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xE9]), Buffer.from(' \xff\n'), await readFile(sandbox.mainCfPath)]);
	await writeFile(sandbox.mainCfPath, original);
	const result = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
	assert.equal(result.exitCode, 0, result.stderr);
	assert.ok((await readFile(sandbox.mainCfPath)).equals(await postconfReference(original, nullClient)));
});

describe('apply refuses and rolls back without losing a byte', () => {
	test('--dry-run prints the diff and changes nothing', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const result = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--dry-run']);
		assert.equal(result.exitCode, 0, result.stderr);
		assert.match(result.stdout, /^\+relayhost = \[smtp\.example\.com\]:587$/m);
		assert.match(result.stdout, /^-inet_interfaces = all$/m);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		assert.deepEqual(await backupsIn(sandbox), []);
	});

	test('an open relay or direct delivery needs its --allow flag, as the wizard needs a confirmation', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		let result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'inet_interfaces=all', '--set', 'mynetworks=127.0.0.0/8 10.0.0.0/8', '--yes', '--no-restart']);
		assert.equal(result.exitCode, 2, result.stderr);
		assert.match(result.stderr, /inet_interfaces = all with mynetworks = 127\.0\.0\.0\/8 10\.0\.0\.0\/8 makes an open relay.*--allow-open-relay/s);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original), 'refused before anything is written');
		result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart']);
		assert.equal(result.exitCode, 0, result.stderr);
		const relayed = await readFile(sandbox.mainCfPath);
		result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'relayhost=', '--yes', '--no-restart']);
		assert.equal(result.exitCode, 2, result.stderr);
		assert.match(result.stderr, /direct delivery.*--allow-direct-delivery/s);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(relayed), 'refused before anything is written');
		result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'inet_interfaces=all', '--set', 'mynetworks=127.0.0.0/8 10.0.0.0/8', '--allow-open-relay', '--yes', '--no-restart']);
		assert.equal(result.exitCode, 0, result.stderr);
	});

	test('bad values exit 2 naming the parameter and the rule, nothing touched', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const cases: Array<[string, RegExp]> = [
			['relayhost=[smtp.example.com:587', /relayhost/],
			['relayhost=[smtp.example.com]:99999', /relayhost.*99999/],
			['mynetworks=127.0.0.1/33', /mynetworks.*127\.0\.0\.1\/33/],
			['myorigin=exa mple;com', /myorigin/],
			['relayhost=smtp.example.com\nmydestination=evil', /relayhost/],
			['relayhst=[smtp.example.com]', /relayhst.*did you mean relayhost/],
			['=oops', /expected NAME=VALUE/],
		];
		for (const [setting, message] of cases) {
			const result = await runCli([...configDirArgs(sandbox), 'apply', '--set', setting, '--yes', '--no-restart']);
			assert.equal(result.exitCode, 2, `${JSON.stringify(setting)}: ${result.stdout}${result.stderr}`);
			assert.match(result.stderr, message, JSON.stringify(setting));
		}

		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		assert.deepEqual(await backupsIn(sandbox), []);
	});

	test('without a terminal and without --yes it refuses (exit 2)', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const result = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs]);
		assert.equal(result.exitCode, 2);
		assert.match(result.stderr, /--yes/);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
	});

	test('a failing postfix check restores main.cf byte for byte (exit 1)', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'setgid_group=nosuchgroup', '--yes', '--no-restart']);
		assert.equal(result.exitCode, 1, result.stdout + result.stderr);
		assert.match(result.stderr, /postfix check/);
		// Postfix says why only on a terminal; the engine re-runs the check on a pseudo-terminal to show it.
		assert.match(result.stderr, /unknown group name: nosuchgroup/);
		assert.match(result.stderr, /restored byte for byte/);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		// The backup written before the change stays, for the record.
		assert.equal((await backupsIn(sandbox)).length, 1);
	});

	test('Ctrl-C (SIGINT) during the transaction rolls main.cf back byte for byte (exit 130)', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const child = spawn(process.execPath, [cliPath, ...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C'}});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
		child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		// The backup is written just before main.cf; postfix check then takes seconds: interrupt there.
		for (const deadline = Date.now() + 20_000; (await backupsIn(sandbox)).length === 0;) {
			assert.ok(Date.now() < deadline, `no backup appeared: ${output}`);
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		child.kill('SIGINT');
		assert.equal(await exited, 130, output);
		assert.match(output, /interrupted/i);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original), 'main.cf must be as before');
		assert.equal(existsSync(path.join(sandbox.target.configDir, '.postfix-wizard.lock')), false, 'the lock was left behind');
	});

	test('a second run is refused while another holds the lock; a stale lock is taken over', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const lockPath = path.join(sandbox.target.configDir, '.postfix-wizard.lock');
		// Another run, as its command line shows; the lock was written after it started.
		const holder = spawn('sleep', ['60'], {argv0: 'postfix-wizard'});
		t.after(() => holder.kill());
		await new Promise(resolve => setTimeout(resolve, 50));
		await writeFile(lockPath, `${holder.pid} ${new Date().toISOString()}\n`);

		const refused = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(refused.exitCode, 1);
		assert.match(refused.stderr, new RegExp(`another postfix-wizard \\(PID ${holder.pid}`));
		assert.match(refused.stderr, new RegExp(`rm ${lockPath}`));
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));

		holder.kill();
		await new Promise(resolve => holder.once('exit', resolve));
		const taken = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(taken.exitCode, 0, taken.stderr);
		assert.equal(existsSync(lockPath), false, 'the lock was left behind');
	});

	test('keeps main.cf\'s mode, owner and symlink, which postconf -e would reset', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const realDir = path.join(sandbox.dir, 'managed');
		await cp(sandbox.target.configDir, realDir, {recursive: true});
		const realFile = path.join(realDir, 'main.cf');
		await rm(sandbox.mainCfPath);
		await symlink(realFile, sandbox.mainCfPath);
		await chmod(realFile, 0o640);
		const result = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(result.exitCode, 0, result.stderr);
		assert.ok((await lstat(sandbox.mainCfPath)).isSymbolicLink(), 'the symlink was replaced');
		assert.equal((await stat(realFile)).mode & 0o777, 0o640);
		assert.match(await readFile(realFile, 'utf8'), /^relayhost = \[smtp\.example\.com\]:587$/m);
	});
});

describe('profiles in the system role\'s format', () => {
	const vars = [
		'postfix_backup_multiple: false',
		'postfix_conf:',
		'  myorigin: example.com',
		'  relayhost: "[smtp.example.com]:587"',
		'  inet_interfaces: loopback-only',
		'  mynetworks: 127.0.0.0/8 [::1]/128',
		'  mydestination: ""',
		'',
	].join('\n');
	const playbook = [
		'- name: Null client',
		'  hosts: all',
		'  vars:',
		...vars.split('\n').map(line => (line ? `    ${line}` : line)),
		'  roles:',
		'    - rhel-system-roles.postfix',
		'',
	].join('\n');

	for (const [kind, content] of [['vars file', vars], ['playbook', playbook]] as const) {
		test(`a ${kind} applies the same bytes as --set`, async t => {
			const sandbox = await useSandbox({start: false}, t);
			const expected = await postconfReference(await readFile(sandbox.mainCfPath), nullClient);
			const profile = path.join(sandbox.dir, 'profile.yml');
			await writeFile(profile, content);
			const result = await runCli([...configDirArgs(sandbox), 'apply', '--profile', profile, '--yes', '--no-restart']);
			assert.equal(result.exitCode, 0, result.stderr);
			assert.ok((await readFile(sandbox.mainCfPath)).equals(expected));
			const sets = await backupsIn(sandbox);
			assert.equal(sets.length, 1, 'postfix_backup_multiple: false means one set');
			const manifest = JSON.parse((await backupCopy(sandbox.target.configDir, sets[0]!, 'manifest.json')).toString()) as {naming: string};
			assert.equal(manifest.naming, 'single');
		});
	}

	test('a profile without postfix_conf is bad input (exit 2)', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const profile = path.join(sandbox.dir, 'profile.json');
		await writeFile(profile, '{"something_else": 1}');
		const result = await runCli([...configDirArgs(sandbox), 'apply', '--profile', profile, '--yes']);
		assert.equal(result.exitCode, 2);
		assert.match(result.stderr, /postfix_conf/);
	});
});

describe('apply on a running instance', () => {
	test('reloads for relayhost, stops and starts for inet_interfaces, reports JSON', async t => {
		const sandbox = await useSandbox({}, t);
		const masterPid = async () => (await readFile(path.join(sandbox.dir, 'queue', 'pid', 'master.pid'), 'utf8')).trim();
		const before = await masterPid();

		const reload = await runCli([...configDirArgs(sandbox), 'apply', '--set', `relayhost=${sandbox.sink.relayhost}`, '--yes', '--json']);
		assert.equal(reload.exitCode, 0, reload.stderr);
		const reloadReport = JSON.parse(reload.stdout) as Record<string, unknown>;
		assert.equal(reloadReport['status'], 'applied');
		assert.equal(reloadReport['serviceResult'], 'reloaded');
		assert.equal(await masterPid(), before, 'a reload must keep the master process');

		const restart = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'inet_interfaces=loopback-only', '--yes', '--json']);
		assert.equal(restart.exitCode, 0, restart.stderr);
		const restartReport = JSON.parse(restart.stdout) as Record<string, unknown>;
		assert.equal(restartReport['serviceResult'], 'restarted');
		assert.equal(restartReport['service'], 'restart');
		assert.ok(sandbox.isRunning());
		assert.notEqual(await masterPid(), before, 'inet_interfaces needs a new master process');
	});

	test('a stopped instance is started', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const result = await runCli([...configDirArgs(sandbox), 'apply', '--set', 'mydestination=', '--yes']);
		assert.equal(result.exitCode, 0, result.stderr);
		assert.match(result.stdout, /started/);
		assert.ok(sandbox.isRunning());
	});
});


describe('rollback', () => {
	test('restores a backup byte for byte, after backing up the current file', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const applied = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		const changed = await readFile(sandbox.mainCfPath);

		const listed = await runCli([...configDirArgs(sandbox), 'rollback', '--list']);
		assert.match(listed.stdout, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z  main\.cf$/m);
		assert.match(listed.stdout, /postfix-wizard\.backup\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/m);
		const refused = await runCli([...configDirArgs(sandbox), 'rollback', '--no-restart']);
		assert.equal(refused.exitCode, 2, 'no terminal and no --yes');
		assert.ok((await readFile(sandbox.mainCfPath)).equals(changed));

		await new Promise(resolve => setTimeout(resolve, 1100));
		const restored = await runCli([...configDirArgs(sandbox), 'rollback', '--yes', '--no-restart']);
		assert.equal(restored.exitCode, 0, restored.stderr);
		assert.match(restored.stdout, /^-inet_interfaces = loopback-only$/m);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
		const backups = await backupsIn(sandbox);
		assert.equal(backups.length, 2, 'the rolled-back state was backed up too');
		assert.ok(await Promise.any(backups.map(async name => (await backupCopy(sandbox.target.configDir, name, 'main.cf')).equals(changed) || Promise.reject())));

		const missing = await runCli([...configDirArgs(sandbox), 'rollback', 'main.cf.nonexistent', '--yes']);
		assert.equal(missing.exitCode, 2);
	});

	test('a set that is not complete is neither listed nor restored; a legacy main.cf.<stamp> still is', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const original = await readFile(sandbox.mainCfPath);
		// The Ansible role's (and earlier versions') single-file backup of a main.cf with a comment of its own.
		const legacy = Buffer.concat([original, Buffer.from('# kept by the system role\n')]);
		await writeFile(path.join(dir, 'main.cf.2026-11-23T23:10:34Z'), legacy);
		const applied = await runCli([...configDirArgs(sandbox), 'apply', ...setArgs, '--yes', '--no-restart']);
		assert.equal(applied.exitCode, 0, applied.stderr);
		const [set] = await backupsIn(sandbox);
		const setPath = path.join(dir, 'postfix-wizard.backup', set!);
		// A copy cut short, as a full disk would leave it under an older tool.
		await writeFile(path.join(setPath, 'main.cf'), original.subarray(0, 100));

		const listed = await runCli([...configDirArgs(sandbox), 'rollback', '--list']);
		assert.equal(listed.exitCode, 0, listed.stderr);
		assert.match(listed.stdout, /^2026-11-23T23:10:34Z {2}main\.cf only, \d+ bytes$/m);
		assert.match(listed.stdout, new RegExp(`Not complete, never listed or restored:\\n\\s+${setPath.replaceAll('.', '\\.')}: the copy of .*main\\.cf does not match its checksum`));
		const refused = await runCli([...configDirArgs(sandbox), 'rollback', setPath, '--yes', '--no-restart']);
		assert.equal(refused.exitCode, 2, refused.stdout + refused.stderr);
		assert.match(refused.stderr, /not restored, the backup is not complete/);

		// Without a name, the newest complete backup is the legacy file.
		const restored = await runCli([...configDirArgs(sandbox), 'rollback', '--yes', '--no-restart']);
		assert.equal(restored.exitCode, 0, restored.stdout + restored.stderr);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(legacy));
	});
});
