import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {type SmtpSink, startSink} from '../../source/sandbox/sink.js';
import {type RelayProbe, type RelaySecurity, formatTranscript, probeRelay} from '../../source/verify/relay-probe.js';
import {SmtpTalk} from '../../source/verify/smtp-talk.js';
import {Secret} from '../../source/relay/secret.js';

let sink: SmtpSink;
let scratch: string;
const encrypt: RelaySecurity = {level: 'encrypt', wrappermode: false, loginConfigured: true};

function status(probe: RelayProbe): Record<string, string> {
	return Object.fromEntries(probe.lines.map(line => [line.id, line.status]));
}

function detail(probe: RelayProbe, id: string): string {
	return probe.lines.find(line => line.id === id)?.detail.en ?? '';
}

/** The password must appear nowhere: not in the lines (both languages), the transcript or the JSON. */
function assertNoSecret(probe: RelayProbe, secret: string): void {
	assert.ok(secret.length >= 8);
	const base64 = (text: string) => Buffer.from(text).toString('base64');
	for (const text of [JSON.stringify(probe), formatTranscript(probe.transcript).join('\n')]) {
		assert.ok(!text.includes(secret), 'the password leaked');
		assert.ok(!text.includes(base64(`\0${sink.login!.username}\0${secret}`)), 'the AUTH PLAIN blob leaked');
		assert.ok(!text.includes(base64(secret)), 'the AUTH LOGIN password leaked');
	}
}

describe('the relay probe against the sandbox relay (STARTTLS, implicit TLS, AUTH)', () => {
	before(async () => {
		sink = await startSink({security: 'login'});
		scratch = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-probe-test-'));
	});
	after(async () => {
		await sink.close();
		await rm(scratch, {recursive: true, force: true});
	});

	test('STARTTLS + login: every phase ✔, the transcript by phase with AUTH redacted, no mail sent', async () => {
		const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: encrypt, login: sink.login});
		assert.deepEqual(status(probe), {'relay': 'pass', 'relay-tls': 'pass', 'relay-certificate': 'pass', 'relay-auth': 'pass', 'relay-login': 'pass'}, JSON.stringify(probe.lines));
		assert.equal(probe.ok, true);
		assert.equal(probe.login, 'ok');
		assert.equal(probe.tls?.mode, 'starttls');
		assert.deepEqual(probe.authMechanisms, ['PLAIN', 'LOGIN']);
		assert.match(detail(probe, 'relay-certificate'), /self-signed.*SHA-256 [\dA-F:]{95}; not checked at level encrypt/);
		assert.match(detail(probe, 'relay-login'), new RegExp(`logged in as ${sink.login!.username} \\(AUTH PLAIN, 235 .*\\); no mail was sent`));
		const phases = [...new Set(probe.transcript.map(line => line.phase))];
		assert.deepEqual(phases, ['connect', 'greeting', 'ehlo', 'starttls', 'tls', 'auth', 'quit']);
		assert.ok(probe.transcript.some(line => line.from === 'C' && line.text === 'AUTH PLAIN ********'));
		assert.ok(!probe.transcript.some(line => /^(?:MAIL|RCPT|DATA)/.test(line.text)), 'the probe never sends mail');
		assert.equal(sink.messages.length, 0);
		assertNoSecret(probe, sink.login!.password.reveal());
	});

	test('implicit TLS (wrappermode) + login ✔; in Chinese too', async () => {
		const probe = await probeRelay(sink.implicitTls!.relayhost, {timeoutMs: 3000, security: {...encrypt, wrappermode: true}, login: sink.login});
		assert.equal(probe.ok, true, JSON.stringify(probe.lines));
		assert.equal(probe.tls?.mode, 'implicit');
		assert.match(detail(probe, 'relay-tls'), /TLS from the first byte/);
		assert.match(probe.lines.find(line => line.id === 'relay-tls')!.detail.zh, /从第一个字节起使用 TLS/);
		assert.equal(probe.transcript.find(line => line.from === 'S')?.phase, 'greeting');
		assert.equal(probe.transcript.findIndex(line => line.phase === 'tls') < probe.transcript.findIndex(line => line.phase === 'greeting'), true);
	});

	test('a wrong password: ✖ with the 535 reply and what it means; the password is nowhere', async () => {
		const wrong = 'Wr0ngPassw0rdXYZ';
		const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: encrypt, login: {username: sink.login!.username, password: new Secret(wrong)}});
		assert.equal(probe.login, 'refused');
		assert.equal(status(probe)['relay-login'], 'fail');
		assert.match(detail(probe, 'relay-login'), /535 5\.7\.8 .*The relay refused the user name or password/);
		assert.match(probe.lines.find(line => line.id === 'relay-login')!.detail.zh, /^中继拒绝了 sandbox-\w+ 的登录：535 5\.7\.8/);
		assertNoSecret(probe, wrong);
	});

	test('the sandbox relay: no mail without a login (530), AUTH LOGIN refused with 535, secrets redacted in the transcript', async () => {
		const loginOnly = await startSink({security: 'login'});
		try {
			const talk = await SmtpTalk.connect('127.0.0.1', loginOnly.port, 3000);
			try {
				await talk.reply('greeting', 3000);
				talk.send('ehlo', 'EHLO probe.test');
				await talk.reply('ehlo', 3000);
				talk.send('starttls', 'STARTTLS');
				assert.equal((await talk.reply('starttls', 3000)).code, 220);
				await talk.startTls({rejectUnauthorized: false}, 3000);
				talk.send('ehlo', 'EHLO probe.test');
				await talk.reply('ehlo', 3000);
				talk.send('auth', 'MAIL FROM:<root@example.org>');
				const refused = await talk.reply('auth', 3000);
				assert.equal(refused.text, '530 5.7.0 Authentication Required', 'no mail without a login');
				talk.send('auth', 'AUTH LOGIN');
				assert.equal((await talk.reply('auth', 3000)).code, 334);
				talk.send('auth', Buffer.from(loginOnly.login!.username).toString('base64'), '********');
				assert.equal((await talk.reply('auth', 3000)).code, 334);
				talk.send('auth', Buffer.from('not-it').toString('base64'), '********');
				assert.equal((await talk.reply('auth', 3000)).text, '535 5.7.8 Authentication credentials invalid');
				assert.ok(!JSON.stringify(talk.transcript).includes(Buffer.from('not-it').toString('base64')));
			} finally {
				talk.destroy();
			}
		} finally {
			await loginOnly.close();
		}
	});

	test('a relay that offers a login when none is configured is an error, not a ✔; no login is tried', async () => {
		const before = sink.authAttempts;
		const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: {level: 'may', wrappermode: false, loginConfigured: false}});
		assert.equal(status(probe)['relay-auth'], 'fail');
		assert.match(detail(probe, 'relay-auth'), /offers a login \(AUTH PLAIN LOGIN\) but none is configured.*530 Authentication Required/);
		assert.match(probe.lines.find(line => line.id === 'relay-auth')!.detail.zh, /^中继提供登录（AUTH PLAIN LOGIN），但没有配置登录/);
		assert.equal(probe.ok, false);
		assert.equal(probe.login, 'none');
		assert.equal(sink.authAttempts, before, 'no AUTH without credentials');
	});

	test('a login configured but no credentials given: the login is "not tried", not attempted', async () => {
		const before = sink.authAttempts;
		const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: encrypt});
		assert.equal(status(probe)['relay-login'], 'skip');
		assert.match(detail(probe, 'relay-login'), /verify --login/);
		assert.equal(sink.authAttempts, before);
	});

	test('wrappermode against a STARTTLS port: handshake failure, explained', async () => {
		const probe = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: {...encrypt, wrappermode: true}});
		assert.equal(status(probe)['relay-tls'], 'fail');
		assert.match(detail(probe, 'relay-tls'), /TLS handshake failure \(wrong version number\).*port and the mode do not match/);
		assert.equal(probe.reachable, false);
	});

	test('an implicit-TLS port spoken to in plain text: no greeting, wrappermode explained, within the deadline', async () => {
		const started = Date.now();
		const probe = await probeRelay(sink.implicitTls!.relayhost, {timeoutMs: 1000, security: encrypt});
		assert.ok(Date.now() - started < 3000);
		assert.equal(status(probe)['relay'], 'fail');
		assert.match(detail(probe, 'relay'), /no greeting within 1 s.*smtp_tls_wrappermode = yes/);
	});

	test('level verify: ✖ without a CA file, ✔ with one that holds the relay certificate, ✖ with a missing file', async () => {
		const verify: RelaySecurity = {level: 'verify', wrappermode: false, loginConfigured: true};
		const none = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: verify});
		assert.equal(status(none)['relay-certificate'], 'fail');
		assert.match(detail(none, 'relay-certificate'), /smtp_tls_CAfile is not set/);

		const caFile = path.join(scratch, 'ca.pem');
		await writeFile(caFile, sink.certificatePem!);
		const trusted = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: {...verify, caFile}});
		assert.equal(status(trusted)['relay-certificate'], 'pass', detail(trusted, 'relay-certificate'));
		assert.match(detail(trusted, 'relay-certificate'), /matches 127\.0\.0\.1.*; trusted$/);

		const other = await startSink({security: 'login'});
		try {
			const untrusted = await probeRelay(other.relayhost, {timeoutMs: 3000, security: {...verify, caFile}});
			assert.equal(status(untrusted)['relay-certificate'], 'fail');
			assert.match(detail(untrusted, 'relay-certificate'), /not signed by a CA in/);
		} finally {
			await other.close();
		}

		const missing = await probeRelay(sink.relayhost, {timeoutMs: 3000, security: {...verify, caFile: path.join(scratch, 'nope.pem')}});
		assert.match(detail(missing, 'relay-certificate'), /cannot be read \(ENOENT\)/);
	});

	test('the open sink: no STARTTLS is a warning without a login, a failure with one', async () => {
		const open = await startSink();
		try {
			const plain = await probeRelay(open.relayhost, {timeoutMs: 3000});
			assert.deepEqual(status(plain), {'relay': 'pass', 'relay-tls': 'warn', 'relay-auth': 'pass'});
			const withLogin = await probeRelay(open.relayhost, {timeoutMs: 3000, security: encrypt, login: {username: 'u', password: new Secret('p4ssword')}});
			assert.equal(status(withLogin)['relay-tls'], 'fail');
			assert.match(detail(withLogin, 'relay-tls'), /offers no STARTTLS: mail and the password cannot be encrypted/);
			assert.match(detail(withLogin, 'relay-login'), /never sent without TLS/);
			assert.ok(!withLogin.transcript.some(line => line.phase === 'auth'));
		} finally {
			await open.close();
		}
	});

	test('an abort ends the probe at once and leaves no socket', async () => {
		const {createServer} = await import('node:net');
		const silent = createServer(() => {});
		await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
		const {port} = silent.address() as {port: number};
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const started = Date.now();
		const probe = await probeRelay(`[127.0.0.1]:${port}`, {timeoutMs: 10_000, signal: controller.signal});
		assert.ok(Date.now() - started < 2000);
		assert.equal(probe.reachable, false);
		await new Promise(resolve => setTimeout(resolve, 100));
		const connections = await new Promise<number>(resolve => silent.getConnections((_error, count) => resolve(count)));
		assert.equal(connections, 0, 'the socket was destroyed');
		silent.close();
	});
});
