import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {createWizardEngine} from '../../source/commands/wizard-engine.js';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {readStartingPoint} from '../../source/postfix/starting-point.js';
import {hasSystemLog} from '../../source/postfix/log.js';
import {runCli} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';

/**
 * Debian's non-interactive install ("No configuration") leaves the config dir with
 * master.cf and no main.cf. A sandbox's config dir without its main.cf is that state;
 * the staged main.cf then points at Postfix's default queue, which `postfix check` only reads.
 */
async function freshConfigDir(t: Parameters<typeof useSandbox>[1]): Promise<string> {
	const sandbox = await useSandbox({start: false}, t);
	await rm(sandbox.mainCfPath);
	return sandbox.target.configDir;
}

const settings = ['relayhost=[smtp.example.com]:587', 'inet_interfaces=loopback-only', 'mydestination='];

test('apply on a config dir without main.cf starts from the distribution\'s main.cf, shown as a new file, passing postfix check', async t => {
	const dir = await freshConfigDir(t);
	const start = await readStartingPoint();
	const reference = await mkdtemp(path.join(os.tmpdir(), 'pfw-fresh-reference-'));
	t.after(async () => rm(reference, {recursive: true, force: true}));
	await writeFile(path.join(reference, 'main.cf'), start.content);
	// Where Postfix would log nowhere (no syslog, no journal: this very machine, maybe), the
	// change brings Postfix's own log with it (test/e2e/no-system-log.test.ts).
	const expected = hasSystemLog() ? settings : [...settings, 'maillog_file=/var/log/postfix.log'];
	for (const setting of expected) {
		await runProgramOrThrow('postconf', ['-c', reference, '-e', setting]);
	}

	const preview = await runCli(['--config-dir', dir, 'apply', ...settings.flatMap(setting => ['--set', setting]), '--dry-run']);
	assert.equal(preview.exitCode, 0, preview.stderr);
	assert.match(preview.stdout, /^--- \/dev\/null/m, 'a new file is shown as created');
	assert.match(preview.stdout, /^\+relayhost = \[smtp\.example\.com\]:587$/m);
	assert.equal(existsSync(path.join(dir, 'main.cf')), false, '--dry-run created main.cf');

	const applied = await runCli(['--config-dir', dir, 'apply', ...settings.flatMap(setting => ['--set', setting]), '--yes', '--no-restart']);
	assert.equal(applied.exitCode, 0, applied.stdout + applied.stderr);
	assert.match(applied.stdout, /✔ postfix check/);
	assert.doesNotMatch(applied.stdout + applied.stderr, /at .*\.js:/);
	assert.ok((await readFile(path.join(dir, 'main.cf'))).equals(await readFile(path.join(reference, 'main.cf'))), 'main.cf is not the starting point plus the settings');
	assert.deepEqual((await readdir(dir)).filter(name => name.startsWith('main.cf.')), [], 'there was nothing to back up');
});

test('verify without main.cf: a failed check with its fix, not a crash', async t => {
	const dir = await freshConfigDir(t);
	const result = await runCli(['--config-dir', dir, 'verify', '--json']);
	assert.equal(result.exitCode, 1, result.stderr);
	const report = JSON.parse(result.stdout) as {ok: boolean; checks: Array<{id: string; status: string; detail: string}>};
	assert.equal(report.ok, false);
	const first = report.checks[0]!;
	assert.equal(first.id, 'main-cf');
	assert.equal(first.status, 'fail');
	assert.match(first.detail, /does not exist/);
	assert.match(first.detail, new RegExp(`Fix: run postfix-wizard --config-dir ${dir}`));

	const plain = await runCli(['--config-dir', dir, 'verify', '--lang', 'zh']);
	assert.equal(plain.exitCode, 1);
	assert.match(plain.stdout, /✖ main\.cf 存在/);
	assert.doesNotMatch(plain.stdout + plain.stderr, /at .*\.js:|Error:/);
});

test('the wizard engine on a fresh server: preflight names the starting point, the review shows a new file', async t => {
	const dir = await freshConfigDir(t);
	const engine = createWizardEngine({configDir: dir, sandbox: false, lang: 'en', interrupt: new AbortController().signal});
	t.after(async () => engine.dispose());
	const preflight = await engine.preflight();
	assert.ok(preflight.installed);
	assert.equal(preflight.mainCfExists, false);
	assert.equal(preflight.running, false);
	const start = await readStartingPoint();
	assert.deepEqual(preflight.findings.find(finding => finding.kind === 'no-main-cf'), {kind: 'no-main-cf', configDir: dir, startingPoint: start.source});

	const prepared = await engine.prepare(new Map(settings.map(setting => setting.split('=') as [string, string])));
	assert.equal(prepared.plan.beforeExisted, false);
	assert.equal(prepared.plan.startingPoint, start.source);
	assert.match(prepared.plan.diff, /^--- \/dev\/null/m);
	// A main.cf this small is staged in memory (only a large one stays on disk).
	assert.ok(Buffer.isBuffer(prepared.plan.after) && prepared.plan.after.subarray(0, start.content.length).equals(start.content), 'the new file starts with the distribution\'s');
});
