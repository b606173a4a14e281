import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {copyFile, readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {prepareReview} from '../../source/apply/prepare.js';
import {applyStagedPlan} from '../../source/apply/transaction.js';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {submitMessage} from '../../source/postfix/sendmail.js';
import {type Sandbox, createSandbox} from '../../source/sandbox/instance.js';
import {sandboxAnswers} from '../../source/sandbox/null-client.js';
import type {ReceivedMessage} from '../../source/sandbox/sink.js';
import {runCli} from '../helpers/cli.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'rootmail');
const accounts = {passwd: path.join(fixtures, 'passwd'), loginDefs: path.join(fixtures, 'login.defs')};

/** What cron does: `sendmail -i root` with a From header carrying its display name. */
async function cronMail(sandbox: Sandbox, to: string, options: {from?: string; subject: string}): Promise<ReceivedMessage> {
	const messageId = `${options.subject.replaceAll(' ', '-')}.${Date.now()}@test`;
	const from = options.from ?? 'root';
	const content = [`From: Cron Daemon <${from}>`, `To: ${to}`, `Subject: ${options.subject}`, `Message-ID: <${messageId}>`, '', 'output of a cron job', ''].join('\n');
	await submitMessage(sandbox.target, {to, content, ...(options.from ? {from: options.from} : {})});
	return sandbox.sink.waitForMessage(messageId, 20_000);
}

async function cli(sandbox: Sandbox, args: readonly string[]) {
	const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--yes', ...args]);
	assert.equal(result.exitCode, 0, result.stdout + result.stderr);
	return result;
}

describe('root\'s mail and the sender, through a real Postfix and the sandbox relay', () => {
	let sandbox: Sandbox;
	let before0: string[];
	before(async () => {
		sandbox = await createSandbox();
		// The aliases fixture stands in for /etc/aliases; the reader needs only its source text.
		const aliases = path.join(sandbox.dir, 'aliases');
		await copyFile(path.join(fixtures, 'aliases'), aliases);
		const answers = new Map([...sandboxAnswers(sandbox), ['alias_maps', `hash:${aliases}`]]);
		const review = await prepareReview(sandbox.target, answers);
		const outcome = await applyStagedPlan(sandbox.target, review.plan);
		assert.equal(outcome.status, 'applied');
		before0 = await readdir(sandbox.target.configDir);
	});
	after(async () => sandbox?.dispose());

	test('the aliases fixture is imported: system accounts to the chosen address, external ones carried, roles left alone', async () => {
		const review = await prepareReview(sandbox.target, new Map(), {rootMail: {rootTo: 'admin@example.net'}, accounts});
		const map = review.rootMail?.changes.map;
		assert.ok(map);
		assert.deepEqual(map.entries.find(entry => entry.key === 'backup')?.values, ['admin@example.net', 'backup-team@ops.example.net']);
		assert.ok(map.leftAlone.some(left => left.name === 'info' && left.reason === 'role'));
		assert.deepEqual(map.notCarried.map(item => item.name), ['logcheck', 'sshd', 'list', 'operator']);
		assert.match(review.plan.diff, /virtual/);
		const outcome = await applyStagedPlan(sandbox.target, review.plan);
		assert.equal(outcome.status, 'applied');

		const daemon = await cronMail(sandbox, 'daemon', {subject: 'daemon mail'});
		assert.deepEqual(daemon.envelopeTo, ['admin@example.net']);
		const backup = await cronMail(sandbox, 'backup', {subject: 'backup mail'});
		assert.deepEqual([...backup.envelopeTo].sort(), ['admin@example.net', 'backup-team@ops.example.net']);
		const info = await cronMail(sandbox, 'info', {subject: 'info mail'});
		assert.deepEqual(info.envelopeTo, ['info@example.org'], 'a role address is not captured');
	});

	test('apply --root-to: `sendmail root`, as cron does, arrives addressed to the chosen address', async () => {
		const result = await cli(sandbox, ['--root-to', 'ops@example.net']);
		assert.match(result.stdout, /Mapped to ops@example\.net: root, postmaster, MAILER-DAEMON/);
		assert.match(result.stdout, /cron mail from root will be sent as root@example\.org/);
		const virtual = await readFile(path.join(sandbox.target.configDir, 'virtual'), 'utf8');
		assert.match(virtual, /^root +ops@example\.net$/m);
		const mail = await cronMail(sandbox, 'root', {subject: 'root mail'});
		assert.deepEqual(mail.envelopeTo, ['ops@example.net']);
		assert.equal(mail.envelopeFrom, 'root@example.org');
	});

	test('verify checks root\'s mail, and verify --to root follows it', async () => {
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'root', '--json', '--timeout', '20']);
		const report = JSON.parse(result.stdout) as {checks: Array<{id: string; status: string; detail: string}>; delivery: {status: string; recipient: string}};
		const root = report.checks.find(check => check.id === 'root-mail');
		assert.equal(root?.status, 'pass', JSON.stringify(root));
		assert.match(root.detail, /root → ops@example\.net/);
		assert.equal(report.delivery.status, 'sent');
		assert.equal(report.delivery.recipient, 'ops@example.net');
	});

	test('apply --send-as: envelope and header sender become the verified address, the display name stays; other domains are left alone', async () => {
		const result = await cli(sandbox, ['--send-as', 'alerts@example.com']);
		assert.match(result.stdout, /sent as alerts@example\.com/);
		const mail = await cronMail(sandbox, 'root', {subject: 'sent as'});
		assert.equal(mail.envelopeFrom, 'alerts@example.com');
		assert.match(mail.raw, /^From: Cron Daemon <alerts@example\.com>$/m);
		const other = await cronMail(sandbox, 'ops@example.net', {from: 'app@other.example', subject: 'other domain'});
		assert.equal(other.envelopeFrom, 'app@other.example');
		assert.match(other.raw, /^From: Cron Daemon <app@other\.example>$/m);

		const verify = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--json']);
		const checks = (JSON.parse(verify.stdout) as {checks: Array<{id: string; status: string; detail: string}>}).checks;
		assert.match(checks.find(check => check.id === 'sender')?.detail ?? '', /root@example\.org is sent as alerts@example\.com/);
	});

	test('--send-as-scope all rewrites every sender', async () => {
		await cli(sandbox, ['--send-as', 'alerts@example.com', '--send-as-scope', 'all']);
		const other = await cronMail(sandbox, 'ops@example.net', {from: 'app@other.example', subject: 'every sender'});
		assert.equal(other.envelopeFrom, 'alerts@example.com');
	});

	test('export → apply --profile: the same request as the flags, explained, and nothing to change', async () => {
		const playbook = path.join(sandbox.dir, 'null-client.yml');
		const exported = await runCli(['--config-dir', sandbox.target.configDir, 'export', '--ansible', '--out', playbook]);
		assert.equal(exported.exitCode, 0, exported.stdout + exported.stderr);
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--profile', playbook, '--yes', '--json']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as {status: string; rootMail?: string[]; warnings: string[]};
		assert.equal(report.status, 'unchanged', result.stdout);
		assert.ok(report.rootMail?.some(line => /^Mapped to ops@example\.net: root, postmaster, MAILER-DAEMON/.test(line)), result.stdout);
		assert.ok(report.rootMail?.includes('Every sender is sent as alerts@example.com (envelope and header; the display name is kept)'), result.stdout);
		assert.ok(!report.warnings.some(warning => /applied as the profile gives it/.test(warning)), result.stdout);
	});

	test('addresses that reach nobody are refused before anything is touched', async () => {
		for (const args of [['--root-to', 'root@localhost'], ['--send-as', 'example.com'], ['--send-as-scope', 'all'], ['--set', 'myorigin=root@example.com'], ['--root-to', 'root@example.org'], ['--root-to', 'postmaster@example.org', '--set', 'myorigin=example.org']]) {
			const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--yes', ...args]);
			assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
		}

		// root@<myorigin> is what the table would map to itself: refused at input, with the reason.
		const own = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--yes', '--root-to', 'root@example.org']);
		assert.match(own.stderr + own.stdout, /--root-to: .*root's own address here \(myorigin is example\.org\).*loop back/s);
	});

	test('rollback of the sets that created them removes the files that did not exist before', async () => {
		assert.ok(existsSync(path.join(sandbox.target.configDir, 'sender_canonical')));
		const list = await runCli(['--config-dir', sandbox.target.configDir, 'rollback', '--list']);
		assert.equal(list.exitCode, 0, list.stderr);
		// Newest first: each set is a stamp line naming its files, then its path.
		const lines = list.stdout.split('\n');
		const creating = lines.flatMap((line, index) => (/(virtual|sender_canonical) \(did not exist/.test(line) ? [lines[index + 1]!.trim()] : []));
		assert.equal(creating.length, 2, list.stdout);
		for (const set of creating) {
			const result = await runCli(['--config-dir', sandbox.target.configDir, 'rollback', '--yes', set]);
			assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		}

		const now = await readdir(sandbox.target.configDir);
		assert.deepEqual(now.filter(name => /^(virtual|sender_canonical)/.test(name)), []);
		assert.deepEqual(now.filter(name => !before0.includes(name) && !/^(main\.cf\.|\.postfix-wizard|backup)/.test(name)), []);
		await runProgramOrThrow('postfix', ['-c', sandbox.target.configDir, 'check']);
	});
});
