import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {runCli} from '../helpers/cli.js';

interface Report {
	readonly status: string;
	readonly relay?: {readonly login: boolean; readonly relayhost: string; readonly username?: string; readonly passwordFrom?: string; readonly encryption?: {readonly level: string}};
	readonly diff: string;
	readonly testMail?: {readonly status: string; readonly reply?: string};
}

/** `apply --sandbox`, headless, against the sandbox relay: with its login (the default) and without (--provider none). */
describe('apply --sandbox', () => {
	test('the sandbox relay wants STARTTLS and a login: its generated login is used, and the test mail proves delivery with it', async () => {
		const result = await runCli(['--sandbox', 'apply', '--set', 'mydestination=', '--yes', '--json', '--test-mail', 'ops@example.org', '--timeout', '40']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as Report;
		assert.equal(report.status, 'applied');
		assert.equal(report.relay?.login, true);
		assert.match(report.relay?.username ?? '', /^sandbox-\w+$/);
		assert.equal(report.relay?.passwordFrom, 'file', 'the password travels as a user\'s does, through a 0600 file');
		assert.equal(report.relay?.encryption?.level, 'encrypt');
		assert.match(report.diff, /^\+smtp_sasl_auth_enable = yes$/m);
		assert.match(report.diff, /^\+\[127\.0\.0\.1\]:\d+ sandbox-\w+:\*{8}$/m);
		assert.equal(report.testMail?.status, 'sent');
		// The sink refuses mail without a login (530); its 250 names the user that logged in.
		assert.match(report.testMail?.reply ?? '', /Queued by postfix-wizard sandbox sink for sandbox-\w+/);
	});

	test('without --json it says where the password is, never the password', async () => {
		const result = await runCli(['--sandbox', 'apply', '--set', 'mydestination=', '--yes', '--test-mail', 'ops@example.org', '--timeout', '40']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /The sandbox relay wants STARTTLS and a login: user sandbox-\w+, password in \/\S+\/relay-password \(mode 0600\)\./);
		assert.match(result.stdout, /Sent: the relay accepted the message/);
	});

	test('--provider none keeps the no-login path: the sandbox relay takes mail without a login', async () => {
		const result = await runCli(['--sandbox', 'apply', '--provider', 'none', '--set', 'mydestination=', '--yes', '--json', '--test-mail', 'ops@example.org', '--timeout', '40']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as Report;
		assert.equal(report.relay?.login, false);
		assert.match(report.relay?.relayhost ?? '', /^\[127\.0\.0\.1\]:\d+$/);
		assert.doesNotMatch(report.diff, /smtp_sasl/);
		assert.equal(report.testMail?.status, 'sent');
		assert.doesNotMatch(report.testMail?.reply ?? '', / for /);
	});
});
