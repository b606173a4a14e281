import assert from 'node:assert/strict';
import {execa} from 'execa';
import {readFile, symlink} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {fixturesDir, projectRoot, runCli} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';

test('parameters with capitals that postconf -d knows are accepted (Debian\'s smtp_tls_CApath); unknown ones are refused', async t => {
	const sandbox = await useSandbox({mainCf: await readFile(path.join(fixturesDir, 'debian12-internet-site.main.cf'), 'utf8'), start: false}, t);
	const dir = sandbox.target.configDir;
	const accepted = await runCli(['--config-dir', dir, 'apply', '--set', 'myorigin=example.com', '--set', 'smtp_tls_CApath=/etc/ssl/certs', '--set', 'smtp_tls_CAfile=/etc/ssl/certs/ca-certificates.crt', '--yes', '--no-restart']);
	assert.equal(accepted.exitCode, 0, accepted.stderr);
	const text = await readFile(sandbox.mainCfPath, 'utf8');
	assert.match(text, /^smtp_tls_CApath = \/etc\/ssl\/certs$/m);
	assert.match(text, /^smtp_tls_CAfile = \/etc\/ssl\/certs\/ca-certificates\.crt$/m);

	const unknown = await runCli(['--config-dir', dir, 'apply', '--set', 'RELAYHOST=[smtp.example.com]', '--yes', '--no-restart']);
	assert.equal(unknown.exitCode, 2);
	assert.match(unknown.stderr, /RELAYHOST.*postconf -d has no such name.*did you mean relayhost\?/);
	assert.equal(await readFile(sandbox.mainCfPath, 'utf8'), text);
});

test('two --set of one name with different values: exit 2 naming the conflict, nothing touched', async t => {
	const sandbox = await useSandbox({start: false}, t);
	const before = await readFile(sandbox.mainCfPath);
	const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'relayhost=[a.example.com]:587', '--set', 'relayhost=[b.example.com]:587', '--yes', '--no-restart']);
	assert.equal(result.exitCode, 2);
	assert.match(result.stderr, /--set relayhost is given twice with different values \("\[a\.example\.com\]:587" and "\[b\.example\.com\]:587"\)/);
	assert.ok((await readFile(sandbox.mainCfPath)).equals(before));

	const same = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'mydestination=', '--set', 'mydestination=', '--dry-run']);
	assert.equal(same.exitCode, 0, same.stderr);
});

test('the printed "Undo with" command works as printed, with its --config-dir quoted', async t => {
	const sandbox = await useSandbox({start: false}, t);
	// Parentheses are shell syntax: unquoted, bash refuses the line. (Postfix's own scripts
	// cannot take a config dir with a space, so that is not what users have.)
	const awkward = path.join(sandbox.dir, 'conf(1)');
	await symlink(sandbox.target.configDir, awkward);
	const original = await readFile(sandbox.mainCfPath);
	const applied = await runCli(['--config-dir', awkward, 'apply', '--set', 'relayhost=[smtp.example.com]:587', '--yes', '--no-restart']);
	assert.equal(applied.exitCode, 0, applied.stderr);
	const printed = applied.stdout.match(/^Undo with: (.+)$/m)?.[1];
	assert.ok(printed, applied.stdout);
	assert.match(printed, / --config-dir '[^']*conf\(1\)' rollback /);

	// Run it through a shell exactly as a user pasting it would: the program as printed too.
	const restored = await execa('bash', ['-c', `${printed} --yes --no-restart`], {reject: false, cwd: projectRoot, env: {LANG: 'C', PATH: process.env['PATH'] ?? ''}});
	assert.equal(restored.exitCode, 0, `${printed}\n${restored.stdout}${restored.stderr}`);
	assert.ok((await readFile(sandbox.mainCfPath)).equals(original), 'the undo did not restore main.cf');
});

test('--sandbox says its backup goes with it instead of printing an undo that cannot work', async () => {
	const result = await runCli(['--sandbox', 'apply', '--set', 'mydestination=', '--yes', '--no-restart']);
	assert.equal(result.exitCode, 0, result.stderr);
	assert.doesNotMatch(result.stdout, /Undo with/);
	assert.match(result.stdout, /Nothing to undo: the sandbox instance and its backup are removed/);
});
