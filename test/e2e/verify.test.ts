import assert from 'node:assert/strict';
import {stat} from 'node:fs/promises';
import {after, before, describe, test} from 'node:test';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {configureSandboxNullClient} from '../../source/sandbox/null-client.js';
import {followTestMail} from '../../source/verify/test-mail.js';
import {runCli} from '../helpers/cli.js';
import {type Sandbox, createSandbox} from '../../source/sandbox/instance.js';

let sandbox: Sandbox;

async function relayTo(relayhost: string): Promise<void> {
	await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', `relayhost=${relayhost}`]);
	await runProgramOrThrow('postfix', ['-c', sandbox.target.configDir, 'reload']);
	// An earlier failure makes Postfix skip the destination for a while; start each case afresh.
	await runProgramOrThrow('postsuper', ['-c', sandbox.target.configDir, '-d', 'ALL']);
}

async function closedPort(): Promise<number> {
	const {createServer} = await import('node:net');
	return new Promise(resolve => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
		});
	});
}

describe('a test mail followed through a real Postfix', () => {
	before(async () => {
		sandbox = await createSandbox();
		await configureSandboxNullClient(sandbox);
	});
	after(async () => sandbox.dispose());

	test('accepting relay: sent, with the queue ID, reported within 0.5 s of the log line', async () => {
		await relayTo(sandbox.sink.relayhost);
		sandbox.sink.mode = 'accept';
		const events: string[] = [];
		const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 20_000, onEvent: event => events.push(event.type)});
		const reportedAt = Date.now();
		assert.equal(report.status, 'sent');
		assert.match(report.queueId ?? '', /^[0-9A-F]{6,}$/);
		assert.match(report.reply ?? '', /^250 /);
		assert.equal(report.dsn, '2.0.0');
		assert.match(report.relay ?? '', /127\.0\.0\.1\[127\.0\.0\.1\]:\d+/);
		assert.ok(events.includes('queued') && events.includes('final'));
		const received = await sandbox.sink.waitForMessage(report.messageId, 5000);
		assert.match(received.subject ?? '', /postfix-wizard test from/);
		assert.match(received.text, /sent .*\d{4}/);
		const loggedAt = (await stat(sandbox.maillogPath)).mtimeMs;
		assert.ok(reportedAt - loggedAt < 500, `reported ${reportedAt - loggedAt} ms after the log line`);
	});

	test('rejecting relay: bounced, with the relay\'s own reply and the explanation', async () => {
		await relayTo(sandbox.sink.relayhost);
		sandbox.sink.mode = 'reject';
		const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 20_000});
		assert.equal(report.status, 'bounced');
		assert.match(report.reply ?? '', /550 5\.7\.1 Relay access denied/);
		assert.equal(report.explanation?.id, 'auth-required');
	});

	test('deferring relay: deferred, with the reason', async () => {
		await relayTo(sandbox.sink.relayhost);
		sandbox.sink.mode = 'defer';
		const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 20_000});
		assert.equal(report.status, 'deferred');
		assert.match(report.reply ?? '', /451 4\.3\.0 Try again later/);
		assert.match(report.dsn ?? '', /^4\./);
		assert.equal(report.explanation?.id, 'relay-deferred', 'a temporary reply is not an unknown recipient');
	});

	test('closed port: connection refused, explained', async () => {
		await relayTo(`[127.0.0.1]:${await closedPort()}`);
		const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 20_000});
		assert.equal(report.status, 'deferred');
		assert.match(report.reply ?? '', /Connection refused/);
		assert.equal(report.explanation?.id, 'connection-refused');
		assert.match(report.explanation?.fix.en ?? '', /relayhost = \[host\]:port/);
	});

	test('a message Postfix cannot finish within the timeout is reported as still queued, with its reason', async () => {
		await relayTo(sandbox.sink.relayhost);
		sandbox.sink.mode = 'accept';
		await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', 'defer_transports=smtp']);
		await runProgramOrThrow('postfix', ['-c', sandbox.target.configDir, 'reload']);
		try {
			const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 2000});
			assert.ok(report.status === 'queued' || report.status === 'deferred', report.status);
			assert.ok(report.queueId);
			assert.match(report.reply ?? '', /deferred transport|defer/i);
		} finally {
			await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-X', 'defer_transports']);
			await runProgramOrThrow('postfix', ['-c', sandbox.target.configDir, 'reload']);
		}
	});

	test('verify --json: a documented object; exit 0 when all pass, 1 when the relay rejects', async () => {
		await relayTo(sandbox.sink.relayhost);
		sandbox.sink.mode = 'accept';
		const pass = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'ops@example.com', '--json', '--timeout', '20']);
		assert.equal(pass.exitCode, 0, pass.stdout + pass.stderr);
		const report = JSON.parse(pass.stdout) as {ok: boolean; checks: Array<{id: string; status: string; detail: string}>; delivery: {status: string; queueId: string}; relay: {reachable: boolean}};
		assert.equal(report.ok, true);
		assert.deepEqual(report.checks.map(check => check.id), ['relayhost', 'myorigin', 'inet_interfaces', 'mynetworks', 'mydestination', 'root-mail', 'check', 'service', 'listening', 'relay', 'relay-tls', 'relay-auth', 'delivery']);
		// The open sink offers no STARTTLS: a warning (mail goes unencrypted), not a failure, without a login.
		assert.ok(report.checks.every(check => check.status === (check.id === 'relay-tls' ? 'warn' : 'pass')), JSON.stringify(report.checks));
		assert.equal(report.delivery.status, 'sent');
		assert.equal(report.relay.reachable, true);

		sandbox.sink.mode = 'reject';
		const fail = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'ops@example.com', '--timeout', '20']);
		assert.equal(fail.exitCode, 1);
		assert.match(fail.stdout, /✖ Test mail delivered to the relay: bounced.*550 5\.7\.1 Relay access denied/);
	});

	test('verify flags a configuration that is not a null client', async () => {
		await runProgramOrThrow('postconf', ['-c', sandbox.target.configDir, '-e', 'relayhost=', 'mynetworks=0.0.0.0/0', 'mydestination=$myhostname']);
		const result = await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--json']);
		assert.equal(result.exitCode, 1);
		const report = JSON.parse(result.stdout) as {checks: Array<{id: string; status: string; detail: string}>};
		const status = Object.fromEntries(report.checks.map(check => [check.id, check.status]));
		assert.equal(status['relayhost'], 'fail');
		assert.equal(status['mynetworks'], 'fail');
		assert.equal(status['mydestination'], 'warn');
		assert.equal(status['relay'], 'fail');
	});

	test('bad usage exits 2 before touching anything', async () => {
		assert.equal((await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--to', 'not an address'])).exitCode, 2);
		assert.equal((await runCli(['--config-dir', sandbox.target.configDir, 'verify', '--timeout', 'soon'])).exitCode, 2);
	});
});

describe('the relay preflight', () => {
	test('lists what a listening relay offers, and says why a closed port fails', async () => {
		const {probeRelay} = await import('../../source/verify/relay-probe.js');
		const {startSink} = await import('../../source/sandbox/sink.js');
		const sink = await startSink();
		try {
			const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000});
			assert.equal(probe.reachable, true, probe.error);
			assert.equal(probe.host, '127.0.0.1');
			assert.equal(probe.port, sink.port);
			assert.match(probe.greeting ?? '', /^220 /);
		} finally {
			await sink.close();
		}

		const port = await closedPort();
		const refused = await probeRelay(`[127.0.0.1]:${port}`, {timeoutMs: 3000});
		assert.equal(refused.reachable, false);
		assert.equal(refused.error, `127.0.0.1:${port}: connection refused`);

		const empty = await probeRelay('', {timeoutMs: 3000});
		assert.equal(empty.reachable, false);
		assert.match(empty.error ?? '', /relayhost is empty/);
	});
});
