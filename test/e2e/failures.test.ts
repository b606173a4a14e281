import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {copyFile, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile} from 'node:fs/promises';
import {type Socket, createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {type CliResult, cliPath, runCli, stackTrace} from '../helpers/cli.js';
import {type ProcessInfo, descendantsOf, isStillRunning} from '../helpers/processes.js';
import {useSandbox} from '../helpers/sandbox.js';

// The shipped bundle (dist/cli.js) in the failure cases of issue 9: each ends with a
// sentence and DESIGN.md's exit code. A line like `at …js:12` anywhere is a failure.

function assertSentence(result: CliResult, code: number, label: string): void {
	const output = `${result.stdout}\n${result.stderr}`;
	assert.equal(result.exitCode, code, `${label}: exit ${result.exitCode}\n${output}`);
	assert.doesNotMatch(output, stackTrace, `${label}: a stack trace\n${output}`);
	assert.ok(output.trim().length > 0, `${label}: said nothing`);
	assert.ok(output.length < 4000, `${label}: ${output.length} characters is no sentence`);
}

const scratch = await mkdtemp(path.join(os.tmpdir(), 'pfw-failures-'));
after(async () => rm(scratch, {recursive: true, force: true}));

/** A Postfix configuration directory that no instance runs from: enough for refusals and previews. */
async function configDir(name: string, files: {mainCf?: boolean; masterCf?: boolean} = {mainCf: true, masterCf: true}): Promise<string> {
	const dir = path.join(scratch, name);
	await mkdir(dir);
	if (files.mainCf) {
		await copyFile('/usr/share/postfix/main.cf.dist', path.join(dir, 'main.cf'));
	}

	if (files.masterCf) {
		await copyFile('/usr/share/postfix/master.cf.dist', path.join(dir, 'master.cf'));
	}

	return dir;
}

async function snapshot(dir: string): Promise<Record<string, string>> {
	const names = (await readdir(dir)).sort();
	return Object.fromEntries(await Promise.all(names.map(async name => [name, (await readFile(path.join(dir, name))).toString('base64')] as const)));
}

const settle = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Starts the bundle; `until` is polled on its descendants, then `signal` is sent to it alone. */
async function interrupted(args: readonly string[], signal: NodeJS.Signals, until: (descendants: ProcessInfo[]) => boolean, meanwhile?: () => Promise<void>): Promise<CliResult & {seen: ProcessInfo[]}> {
	const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C'}});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
	const seen = new Map<number, ProcessInfo>();
	const look = () => {
		for (const info of descendantsOf(child.pid!)) {
			seen.set(info.pid, info);
		}

		return [...seen.values()];
	};

	for (const deadline = Date.now() + 20_000; !until(look());) {
		assert.ok(Date.now() < deadline && child.exitCode === null, `the moment to interrupt never came: ${stdout}${stderr}`);
		await meanwhile?.();
		await settle(10);
	}

	look();
	child.kill(signal);
	const code = await exited;
	return {exitCode: code ?? -1, stdout, stderr, seen: [...seen.values()]};
}

const running = (name: string) => (descendants: ProcessInfo[]) => descendants.some(info => info.command.includes(name));

describe('every failure is a sentence with its exit code, never a stack trace', () => {
	test('bad input and usage: exit 2, nothing touched, in both languages and in --json', async () => {
		const dir = await configDir('usage');
		const before = await snapshot(dir);
		const settings = ['--set', 'relayhost=[smtp.example.com]:587'];
		const cases: Array<readonly string[]> = [
			['frobnicate'],
			['--bogus'],
			['--lang', 'xx'],
			['--config-dir', dir, 'apply'],
			['--config-dir', dir, 'apply', '--set', 'novalue'],
			['--config-dir', dir, 'apply', ...settings, '--timeout', 'soon'],
			['--config-dir', dir, 'apply', ...settings, '--backup', 'sometimes'],
			['--config-dir', dir, 'apply', ...settings, '--test-mail', 'not an address'],
			['--config-dir', dir, 'apply', '--profile', path.join(scratch, 'missing.yml')],
			['--config-dir', dir, 'apply', '--set', 'relayhost=[smtp.example.com', '--yes'],
			['--config-dir', dir, 'apply', ...settings],
			['--config-dir', dir, 'verify', '--to', 'not an address'],
			['--config-dir', dir, 'rollback'],
			['--sandbox', '--config-dir', dir, 'verify'],
		];
		for (const args of cases) {
			for (const lang of ['en', 'zh']) {
				assertSentence(await runCli(['--lang', lang, ...args]), 2, `${lang} ${args.join(' ')}`);
			}
		}

		const json = await runCli(['--config-dir', dir, 'apply', ...settings, '--timeout', 'soon', '--json']);
		assertSentence(json, 2, 'apply --json');
		const report = JSON.parse(json.stdout) as Record<string, unknown>;
		assert.equal(report['status'], 'usage');
		assert.equal(report['exitCode'], 2);
		assert.match(String(report['error']), /--timeout "soon"/);
		assert.equal(json.stderr, '');
		assert.deepEqual(await snapshot(dir), before, 'a refusal touched the configuration');
	});

	test('an unknown command is named as such', async () => {
		const result = await runCli(['frobnicate']);
		assert.match(result.stderr, /Unknown command "frobnicate": the commands are apply, verify, .*rollback, and no command starts the wizard\./);
		assert.doesNotMatch(result.stderr, /too many arguments/);
		assert.match((await runCli(['--lang', 'zh', 'frobnicate'])).stderr, /未知命令“frobnicate”/);
	});

	test('--config-dir that is empty, missing, a file, or no Postfix configuration: exit 2, nothing created', async () => {
		const stray = path.join(scratch, 'stray');
		await mkdir(stray);
		await writeFile(path.join(stray, 'notes.txt'), 'not Postfix\n');
		const file = path.join(stray, 'notes.txt');
		for (const value of ['', path.join(scratch, 'absent'), file, stray]) {
			for (const args of [['apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes'], ['verify'], ['rollback', '--list']]) {
				const result = await runCli(['--config-dir', value, ...args]);
				assertSentence(result, 2, `--config-dir "${value}" ${args[0]}`);
				assert.match(result.stderr, /--config-dir/);
			}
		}

		assert.deepEqual(await readdir(stray), ['notes.txt'], 'something was created in a directory that is no Postfix configuration');
		assert.deepEqual((await readdir(scratch)).includes('absent'), false);
	});

	test('verify without main.cf (a fresh Debian install keeps only master.cf): a failed check, exit 1', async () => {
		const dir = await configDir('no-main-cf', {masterCf: true});
		const result = await runCli(['--config-dir', dir, 'verify']);
		assertSentence(result, 1, 'verify without main.cf');
		const json = await runCli(['--config-dir', dir, 'verify', '--json']);
		assertSentence(json, 1, 'verify --json without main.cf');
		// A failed check in the report (or, before fresh servers are handled, a failed step).
		const report = JSON.parse(json.stdout) as {ok?: boolean; status?: string};
		assert.ok(report.ok === false || report.status === 'failed', json.stdout);
	});

	test('main.cf unreadable (a directory in its place): exit 1 with a sentence, from apply and verify', async () => {
		const dir = await configDir('main-cf-is-dir', {masterCf: true});
		await mkdir(path.join(dir, 'main.cf'));
		assertSentence(await runCli(['--config-dir', dir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart']), 1, 'apply');
		assertSentence(await runCli(['--config-dir', dir, 'verify']), 1, 'verify');
	});

	const canChattr = process.getuid?.() === 0 && spawnSync('chattr', ['--help'], {stdio: 'ignore'}).error === undefined;
	test('an immutable main.cf (EPERM): exit 1, a sentence, main.cf as it was', {skip: canChattr ? false : 'needs root and chattr'}, async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		if (spawnSync('chattr', ['+i', sandbox.mainCfPath]).status !== 0) {
			t.skip('this file system has no immutable flag');
			return;
		}

		try {
			const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart']);
			assertSentence(result, 1, 'apply on an immutable main.cf');
			assert.ok((await readFile(sandbox.mainCfPath)).equals(original));
			const json = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart', '--json']);
			assertSentence(json, 1, 'apply --json on an immutable main.cf');
			assert.equal((JSON.parse(json.stdout) as {exitCode: number}).exitCode, 1);
		} finally {
			// Before the sandbox is removed, which an immutable file would refuse.
			spawnSync('chattr', ['-i', sandbox.mainCfPath]);
		}
	});

	for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
		test(`${signal} during the preview (postconf running): "Interrupted", exit ${code}, main.cf untouched`, async () => {
			const dir = await configDir(`preview-${signal}`);
			const before = await snapshot(dir);
			// postconf waits while main.cf is younger than ~2 s: keep it young until postconf runs.
			const mainCf = path.join(dir, 'main.cf');
			const keepYoung = async () => utimes(mainCf, new Date(), new Date());
			const result = await interrupted(['--config-dir', dir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--dry-run'], signal, running('postconf'), keepYoung);
			assertSentence(result, code, `${signal} during the preview`);
			assert.match(result.stderr, new RegExp(`Interrupted \\(${signal}\\)\\. main\\.cf was not changed\\.`));
			assert.deepEqual(await snapshot(dir), before);
			assert.deepEqual(result.seen.filter(info => isStillRunning(info)), [], 'a program outlived the tool');
		});
	}

	test('SIGTERM during postfix check ends it and all it started, then rolls back (exit 143)', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const original = await readFile(sandbox.mainCfPath);
		const result = await interrupted(
			['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart'],
			'SIGTERM',
			descendants => descendants.some(info => / check$/.test(info.command)),
		);
		assertSentence(result, 143, 'SIGTERM during postfix check');
		assert.ok(result.seen.length > 0);
		assert.deepEqual(result.seen.filter(info => isStillRunning(info)), [], 'a program outlived the tool');
		assert.match(result.stderr, /restored byte for byte/);
		// Nothing may edit main.cf after the tool has left: look again a little later.
		await settle(1500);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(original), 'main.cf must be as before');
	});
});

describe('a reader that closes the output early', () => {
	/** Runs the bundle with its stdout and stderr read by nobody: both pipes are closed at once. */
	async function unread(args: readonly string[]): Promise<number | null> {
		const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C'}});
		child.stdout.destroy();
		child.stderr.destroy();
		return new Promise(resolve => child.on('close', code => resolve(code)));
	}

	test('--help piped into a reader that stops (| head) exits 0 instead of reporting a bug', async () => {
		const child = spawn(process.execPath, [cliPath, '--help'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, LANG: 'C'}});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.stdout.once('data', () => child.stdout.destroy());
		const code = await new Promise(resolve => child.on('close', resolve));
		assert.equal(stderr, '');
		assert.equal(code, 0);
	});

	test('apply with nobody reading its output still applies, whole, and says so by its exit code', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const code = await unread(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--set', 'myorigin=example.com', '--yes', '--no-restart']);
		assert.equal(code, 0);
		const mainCf = await readFile(sandbox.mainCfPath, 'utf8');
		assert.match(mainCf, /^relayhost = \[smtp\.example\.com\]:587$/m);
		assert.match(mainCf, /^myorigin = example\.com$/m);
		const backups = await readdir(path.join(sandbox.target.configDir, 'postfix-wizard.backup'));
		assert.ok(backups.some(name => !name.startsWith('.')), `no complete backup set: ${backups.join(', ')}`);
	});
});

describe('every network wait has a deadline', () => {
	for (const relay of ['accepts and never answers', 'greets, then never answers EHLO'] as const) {
		test(`verify --timeout 1 against a relay that ${relay} prints its result and exits`, async t => {
			const sockets = new Set<Socket>();
			const server = createServer(socket => {
				sockets.add(socket);
				if (relay.startsWith('greets')) {
					socket.write('220 silent.example ESMTP\r\n');
				}
			});
			await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
			t.after(() => {
				for (const socket of sockets) {
					socket.destroy();
				}

				server.close();
			});
			const port = (server.address() as {port: number}).port;
			const sandbox = await useSandbox({start: false}, t);
			await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', `relayhost=[127.0.0.1]:${port}`]);
			const started = Date.now();
			const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--timeout', '1']);
			const elapsed = Date.now() - started;
			assertSentence(result, 1, `verify against a relay that ${relay}`);
			assert.match(result.stdout, /Relay reachable: .*(no answer|no greeting) within 1 s/);
			assert.ok(sockets.size > 0, 'the relay was never contacted');
			// postfix check alone takes 2–3 s here; the relay may add its 1 s, and nothing may wait for it to hang up.
			assert.ok(elapsed < 12_000, `verify took ${elapsed} ms`);
		});
	}
});
