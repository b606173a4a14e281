import assert from 'node:assert/strict';
import {test} from 'node:test';
import {hasSystemLog} from '../../source/postfix/log.js';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {type Sandbox} from '../../source/sandbox/instance.js';
import {runCli} from '../helpers/cli.js';
import {useSandbox} from '../helpers/sandbox.js';

/**
 * A host where Postfix logs nowhere (Debian 12 without rsyslog, a container without journald)
 * is made from a sandbox without its maillog_file, on a machine that has no syslog or journal.
 */
const skip = hasSystemLog() ? 'this machine has a syslog file or a journal: a Postfix without maillog_file logs there' : false;

async function loggingNowhere(t: Parameters<typeof useSandbox>[1], sinkMode?: 'accept' | 'defer'): Promise<Sandbox> {
	const sandbox = await useSandbox({sinkMode}, t);
	const c = ['-c', sandbox.target.configDir];
	await runProgramOrThrow('postconf', [...c, '-e', `relayhost=${sandbox.sink.relayhost}`, 'inet_interfaces=loopback-only', 'mydestination=']);
	await runProgramOrThrow('postconf', [...c, '-X', 'maillog_file']);
	await runProgramOrThrow('postfix', [...c, 'reload']);
	return sandbox;
}

test('the change offers Postfix\'s own log where it logs nowhere: in the plan and the diff', {skip}, async t => {
	const sandbox = await loggingNowhere(t);
	const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'myorigin=example.org', '--dry-run']);
	assert.equal(result.exitCode, 0, result.stderr);
	assert.match(result.stdout, /^\+maillog_file = \/var\/log\/postfix\.log$/m);
	assert.match(result.stderr, /maillog_file: Postfix logs nowhere on this host .*: the change also sets maillog_file = \/var\/log\/postfix\.log/);
	const zh = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'myorigin=example.org', '--dry-run', '--lang', 'zh']);
	assert.match(zh.stderr, /本机上 Postfix 的日志无处可写/);
	// Asked for explicitly, the user's maillog_file wins.
	const own = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', `maillog_file=${sandbox.dir}/log/own.log`, '--dry-run']);
	assert.doesNotMatch(own.stdout, /postfix\.log/);
});

test('a delivered test mail is never "queued": it left the queue, and the output says the log is missing', {skip}, async t => {
	const sandbox = await loggingNowhere(t);
	const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'ops@example.org', '--timeout', '60', '--json']);
	const report = JSON.parse(result.stdout) as {delivery: {status: string; reply: string}; checks: Array<{id: string; status: string; detail: string}>};
	assert.equal(report.delivery.status, 'left-queue', result.stdout);
	assert.match(report.delivery.reply, /no log to follow/);
	const delivery = report.checks.find(check => check.id === 'delivery')!;
	assert.equal(delivery.status, 'warn');
	assert.match(delivery.detail, /^left the queue\b.*no mail log.*maillog_file = \/var\/log\/postfix\.log/);
	assert.equal(sandbox.sink.messages.length, 1, 'the sink proves it reached the relay');
});

// Pickup gives a maildrop message a new queue ID: watching the maildrop ID took a deferral
// for a message that had left the queue. The message is now found by its Message-ID.
test('without a log, a deferral still shows, from the queue\'s own reason', {skip}, async t => {
	const sandbox = await loggingNowhere(t, 'defer');
	const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'ops@example.org', '--timeout', '60', '--json']);
	const report = JSON.parse(result.stdout) as {delivery: {status: string; reply: string; queueId: string}};
	assert.equal(result.exitCode, 1, result.stdout);
	assert.equal(report.delivery.status, 'deferred', result.stdout);
	assert.match(report.delivery.reply, /451 4\.3\.0/);
	const queued = await runProgramOrThrow('postqueue', ['-c', sandbox.target.configDir, '-j']);
	assert.match(queued.stdout, new RegExp(`"queue_id": "${report.delivery.queueId}"`), 'the reported queue ID is the one Postfix still holds');
});

test('apply --test-mail without a log: a deferred test mail exits 3 and says deferred, never that it left', {skip}, async t => {
	const sandbox = await loggingNowhere(t, 'defer');
	// Without the postlog service the tool cannot offer Postfix's own log: the queue is all there is.
	await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-MX', 'postlog/unix-dgram']);
	for (const lang of ['en', 'zh']) {
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'myorigin=example.org', '--yes', '--test-mail', 'ops@example.org', '--timeout', '60', '--lang', lang]);
		assert.equal(result.exitCode, 3, `${result.stdout}\n${result.stderr}`);
		const output = result.stdout + result.stderr;
		assert.match(output, lang === 'en' ? /Deferred: the relay did not take the message now/ : /已延迟：中继暂时没有接收/);
		assert.match(output, /451 4\.3\.0/);
		assert.doesNotMatch(output, /Left the queue|已离开队列/);
		assert.doesNotMatch(output, /at .*\.js:/);
	}
});
