import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {runCli, stackTrace} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';

// Debian's main.cf says myorigin = /etc/mailname; without that file every Postfix program
// that reads main.cf stops (postmap among them). That is a known failure with a fix, not a bug.
describe('main.cf names a missing /etc/mailname (a real Postfix)', async () => {
	const sandbox = await useSandbox();
	const mailname = path.join(sandbox.dir, 'mailname');
	const cli = async (args: readonly string[]) => runCli(['--config-dir', sandbox.target.configDir, 'apply', ...args]);
	await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', `myorigin=${mailname}`]);

	test('a map the change builds: a sentence naming postmap, the missing file, main.cf untouched, and what to do', async () => {
		const before = await readFile(sandbox.mainCfPath);
		const result = await cli(['--root-to', 'ops@example.org', '--yes']);
		assert.equal(result.exitCode, 1, result.stderr);
		assert.doesNotMatch(result.stderr, /Unexpected|a bug|POSTFIX_WIZARD_DEBUG/);
		assert.doesNotMatch(result.stdout + result.stderr, stackTrace);
		assert.match(result.stderr, new RegExp(`postmap could not build the hash map of ${sandbox.target.configDir}/virtual: main\\.cf names the file ${mailname} .*which does not exist.*main\\.cf was not changed\\.`));
		assert.match(result.stderr, new RegExp(`^Create ${mailname} with this machine's mail domain.*apply --set myorigin=example\\.com\\), then run again\\.$`, 'm'));
		assert.deepEqual(await readFile(sandbox.mainCfPath), before, 'main.cf as it was');
		assert.ok(!existsSync(path.join(sandbox.target.configDir, 'virtual')), 'nothing written beside it');

		const zh = await cli(['--root-to', 'ops@example.org', '--yes', '--lang', 'zh']);
		assert.equal(zh.exitCode, 1);
		assert.match(zh.stderr, /postmap 无法生成 .* 的 hash 映射表：main\.cf 引用了文件 .*但该文件不存在.*。main\.cf 未被更改。/);
		assert.match(zh.stderr, /请创建 .*，第一行写本机的邮件域名/);
		assert.doesNotMatch(zh.stderr, /Unexpected|[a-z]+ [a-z]+ [a-z]+ the/);

		const json = await cli(['--root-to', 'ops@example.org', '--yes', '--json']);
		const report = JSON.parse(json.stdout) as {status: string; error: string; hint: string; mainCf: string; exitCode: number};
		assert.deepEqual([report.status, report.mainCf, report.exitCode], ['failed', 'untouched', 1]);
		assert.match(report.hint, /^Create /);
	});

	test('verify fails the myorigin check, naming the file and the fix (not a ✔ on the value alone)', async () => {
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--json']);
		assert.equal(result.exitCode, 1, result.stdout);
		const report = JSON.parse(result.stdout) as {checks: Array<{id: string; status: string; detail: string}>};
		const origin = report.checks.find(check => check.id === 'myorigin');
		assert.equal(origin?.status, 'fail', result.stdout);
		assert.match(origin.detail, new RegExp(`${mailname} cannot be read.*apply --set myorigin=example\\.com`));
	});

	test('the same change that sets myorigin to a domain goes through: postmap reads the staged main.cf', async () => {
		const result = await cli(['--root-to', 'ops@example.org', '--set', 'myorigin=example.org', '--yes']);
		assert.equal(result.exitCode, 0, result.stderr);
		assert.ok(existsSync(path.join(sandbox.target.configDir, 'virtual.db')));
		// The steps name the set they write, not main.cf alone.
		assert.match(result.stdout, /^✔ Write main\.cf, virtual and virtual\.db: /m);
		assert.match(await readFile(sandbox.mainCfPath, 'utf8'), /^myorigin = example\.org$/m);
	});
});
