import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdtemp, readFile, readdir, rm, truncate, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {backupRoot} from '../../source/apply/backup-set.js';
import {readExplicit} from '../../source/postfix/postconf.js';
import {targetFor} from '../../source/postfix/target.js';
import {cliPath, runCli} from '../helpers/cli.js';
import {peakMemoryMiB, writeLargeMainCf} from '../helpers/memory.js';
import {useSandbox} from '../helpers/sandbox.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// DESIGN's budgets: 70 MiB peak on ordinary files; a large main.cf adds under twice its size.
describe('bounded memory', () => {
	test('apply on a 100,000-line long-grown main.cf stays under twice its size above the same run on an ordinary one, and writes it exactly', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const dir = sandbox.target.configDir;
		const apply = [process.execPath, cliPath, '--config-dir', dir, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--set', 'mydestination=', '--set', 'inet_interfaces=loopback-only', '--set', 'myorigin=example.com', '--set', 'smtp_helo_timeout=120s', '--yes', '--no-restart'];
		const original = await readFile(sandbox.mainCfPath, 'utf8');
		await writeLargeMainCf(sandbox.mainCfPath, original, 0);
		const baseline = await peakMemoryMiB(apply);
		assert.ok(baseline <= 70, `apply on an ordinary main.cf peaked at ${baseline.toFixed(1)} MiB (budget 70 MiB)`);

		// A peak varies by a few MiB from run to run with the garbage collector's timing (and more
		// under load): the median of three runs is what the budget is held to, each on the same file.
		const peaks: number[] = [];
		let size = 0;
		let before = Buffer.alloc(0);
		for (let run = 0; run < 3; run++) {
			size = await writeLargeMainCf(sandbox.mainCfPath, original, 100_000);
			before = await readFile(sandbox.mainCfPath);
			peaks.push(await peakMemoryMiB(apply));
		}

		const large = [...peaks].sort((a, b) => a - b)[1]!;
		const budget = 2 * size / 1_048_576;
		assert.ok(large - baseline <= budget, `apply on a ${(size / 1_048_576).toFixed(1)} MiB main.cf peaked at ${peaks.map(peak => peak.toFixed(1)).join(', ')} MiB (median ${large.toFixed(1)}), ${(large - baseline).toFixed(1)} MiB above the ordinary run's ${baseline.toFixed(1)} MiB (budget ${budget.toFixed(1)} MiB)`);

		// Streamed, not approximated: the backup is the file byte for byte, and only the settings changed.
		const after = await readFile(sandbox.mainCfPath, 'utf8');
		assert.match(after, /^relayhost = \[smtp\.example\.com\]:587$/m);
		assert.match(after, /^inet_interfaces = loopback-only$/m);
		// Appended at the end in the order asked for: the staged file's tail was reordered in place.
		assert.ok(after.endsWith('\nmyorigin = example.com\nsmtp_helo_timeout = 120s\n'), after.slice(-200));
		const untouched = (text: string) => text.split('\n').filter(line => !/^(relayhost|mydestination|inet_interfaces|inet_protocols|maillog_file|myorigin|smtp_helo_timeout) =/.test(line));
		assert.deepEqual(untouched(after), untouched(before.toString('utf8')));
		const sets = (await readdir(backupRoot(dir))).sort();
		const newest = path.join(backupRoot(dir), sets.at(-1)!, 'main.cf');
		assert.equal(sha256(await readFile(newest)), sha256(before));
	});

	test('postconf\'s floods of warnings are counted, not kept; other warnings are kept whole', async t => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-floods-'));
		t.after(async () => rm(dir, {recursive: true, force: true}));
		const lines = ['relayhost = [a.example]:587'];
		for (let index = 0; index < 3000; index++) {
			lines.push(`site_${index} = value ${'x'.repeat(index % 200)}`, `relayhost = [b${index}.example]:587`);
		}

		await writeFile(path.join(dir, 'main.cf'), `${lines.join('\n')}\n`);
		const {values, warnings} = await readExplicit(targetFor(dir), {}, ['relayhost']);
		assert.equal(values.get('relayhost'), '[b2999.example]:587');
		assert.equal(warnings.filter(line => line.includes('unused parameter: site_')).length, 5);
		assert.ok(warnings.includes('… and 2995 more parameters Postfix does not use (unused parameter)'), warnings.join('\n'));
		assert.equal(warnings.filter(line => line.includes('overriding earlier entry: relayhost=')).length, 5);
		// postconf reads main.cf more than once and warns each time.
		assert.ok(warnings.some(line => /^… and \d{4,} more parameters set again further down \(overriding earlier entry\)$/.test(line)), warnings.join('\n'));
		// What is not a flood is kept as Postfix said it.
		assert.ok(warnings.some(line => /master\.cf: No such file or directory$/.test(line)), warnings.join('\n'));
	});

	test('a profile over 1 MiB is refused with a sentence, before it is read, in bounded memory', async t => {
		const sandbox = await useSandbox({start: false}, t);
		const profile = path.join(sandbox.dir, 'huge.yml');
		await writeFile(profile, 'postfix_conf:\n  relayhost: "[smtp.example.com]:587"\n');
		// 50 MB, as found by the hostile test; sparse, so the test writes next to nothing.
		await truncate(profile, 50 * 1024 * 1024);
		const before = await readFile(sandbox.mainCfPath);
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--profile', profile, '--yes']);
		assert.equal(result.exitCode, 2);
		assert.match(result.stderr, /52428800 bytes; a profile may hold at most 1 MiB/);
		assert.doesNotMatch(result.stderr, /at .*\.js:/);
		assert.ok((await readFile(sandbox.mainCfPath)).equals(before));
		const peak = await peakMemoryMiB([process.execPath, cliPath, '--config-dir', sandbox.target.configDir, 'apply', '--profile', profile, '--yes'], {}, {exitCode: 2});
		assert.ok(peak <= 70, `refusing a 50 MB profile peaked at ${peak.toFixed(1)} MiB (budget 70 MiB)`);
	});
});
