import assert from 'node:assert/strict';
import {chmod, mkdtemp, open, rm, utimes} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {execa} from 'execa';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {findProgram} from '../../source/postfix/locate.js';
import {type Sandbox, createSandbox, readSandboxLog} from '../../source/sandbox/instance.js';
import {configureSandboxNullClient} from '../../source/sandbox/null-client.js';
import {followTestMail} from '../../source/verify/test-mail.js';
import {readExpanded} from '../../source/postfix/postconf.js';
import {auditLogin, loginParameters} from '../../source/verify/login-checks.js';
import {cliPath, projectRoot, runCli} from '../helpers/cli.js';

/**
 * Real Postfix with the real Cyrus plugin against the sandbox relay that wants TLS and a
 * login. Postfix is configured by hand here (postconf -e + postmap on the instance), the
 * way an admin would, so these tests are about the relay, the probe and verify.
 */
let sandbox: Sandbox;
let mapType: string;
const outputs: string[] = [];

const configDir = () => sandbox.target.configDir;
const mapFile = () => path.join(configDir(), 'sasl_passwd');
const password = () => sandbox.sink.login!.password.reveal();

/** sasl_passwd created 0600 before the secret goes in, then postmap, as the product must do it. */
async function writeCredentials(key: string, secret: string): Promise<void> {
	await rm(mapFile(), {force: true});
	const handle = await open(mapFile(), 'wx', 0o600);
	try {
		await handle.writeFile(`${key} ${sandbox.sink.login!.username}:${secret}\n`);
	} finally {
		await handle.close();
	}

	await runProgramOrThrow('postmap', ['-c', configDir(), `${mapType}:${mapFile()}`]);
}

async function postconf(...settings: string[]): Promise<void> {
	await runProgramOrThrow('postconf', ['-c', configDir(), '-e', ...settings]);
}

/** Apply what changed and forget earlier failures (Postfix skips a failing relay for a while). */
async function reload(): Promise<void> {
	await runProgramOrThrow('postfix', ['-c', configDir(), 'reload']);
	await runProgramOrThrow('postsuper', ['-c', configDir(), '-d', 'ALL']);
}

async function cli(args: string[]) {
	const result = await runCli(['--config-dir', configDir(), ...args]);
	outputs.push(result.stdout, result.stderr);
	return result;
}

type Report = {ok: boolean; checks: Array<{id: string; status: string; detail: string}>; relay: {transcript: unknown[]}; delivery: {status: string} | null};

/** The login checks alone (no postfix check, no probe): what verify adds when a login is on. */
async function loginChecks(): Promise<Report> {
	const values = (await readExpanded(sandbox.target, loginParameters)).values;
	const audit = await auditLogin(sandbox.target, values);
	return {ok: audit.checks.every(check => check.status !== 'fail'), checks: audit.checks.map(check => ({id: check.id, status: check.status, detail: check.detail.en})), relay: {transcript: []}, delivery: null};
}

function statuses(report: Report): Record<string, string> {
	return Object.fromEntries(report.checks.map(check => [check.id, check.status]));
}

describe('relay login over TLS with a real Postfix and the real Cyrus plugin', () => {
	before(async () => {
		sandbox = await createSandbox({relaySecurity: 'login'});
		await configureSandboxNullClient(sandbox);
		mapType = (await runProgramOrThrow('postconf', ['-c', configDir(), '-h', 'default_database_type'])).stdout.trim();
		await postconf(
			'smtp_sasl_auth_enable=yes',
			`smtp_sasl_password_maps=${mapType}:${mapFile()}`,
			'smtp_sasl_security_options=noanonymous',
			'smtp_sasl_tls_security_options=noanonymous',
			'smtp_tls_security_level=encrypt',
		);
		await writeCredentials(sandbox.sink.relayhost, password());
		await reload();
	});

	after(async () => {
		try {
			// Whatever happened, the password is in no output and not in Postfix's log.
			const log = await readSandboxLog(sandbox);
			for (const text of [...outputs, log]) {
				assert.ok(!text.includes(password()), 'the relay password appeared in an output or the log');
			}
		} finally {
			await sandbox.dispose();
		}
	});

	test('STARTTLS + AUTH: delivered (status=sent), and verify passes every login check', async () => {
		const result = await cli(['verify', '--to', 'ops@example.com', '--json', '--timeout', '30']);
		const report = JSON.parse(result.stdout) as Report;
		const status = statuses(report);
		assert.equal(report.delivery?.status, 'sent', result.stdout);
		for (const id of ['login-map', 'login-entry', 'login-permissions', 'login-plugin', 'login-tls', 'login-options', 'relay', 'relay-tls', 'relay-certificate', 'relay-auth']) {
			assert.equal(status[id], 'pass', `${id}: ${JSON.stringify(report.checks.find(check => check.id === id))}`);
		}

		assert.equal(status['relay-login'], 'skip', 'verify logs in only with --login');
		assert.equal(report.ok, true);
		assert.equal(sandbox.sink.messages.at(-1)?.envelopeTo[0], 'ops@example.com');
		assert.match(await readSandboxLog(sandbox), /status=sent/);
	});

	test('verify --login logs in with the map\'s credentials, then QUITs: no mail', async () => {
		const before = sandbox.sink.messages.length;
		const attempts = sandbox.sink.authAttempts;
		const result = await cli(['verify', '--login', '--json']);
		const report = JSON.parse(result.stdout) as Report;
		assert.equal(statuses(report)['relay-login'], 'pass', result.stdout);
		assert.match(report.checks.find(check => check.id === 'relay-login')!.detail, new RegExp(`logged in as ${sandbox.sink.login!.username}`));
		assert.equal(sandbox.sink.authAttempts, attempts + 1);
		assert.equal(sandbox.sink.messages.length, before);
		assert.equal(result.exitCode, 0);
	});

	test('implicit TLS (465-style, smtp_tls_wrappermode = yes): delivered', async () => {
		const relayhost = sandbox.sink.implicitTls!.relayhost;
		try {
			await postconf(`relayhost=${relayhost}`, 'smtp_tls_wrappermode=yes');
			await writeCredentials(relayhost, password());
			await reload();
			const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 30_000});
			assert.equal(report.status, 'sent', report.logLine);
			const verify = await cli(['verify', '--login', '--json']);
			const checks = statuses(JSON.parse(verify.stdout) as Report);
			assert.equal(checks['relay-tls'], 'pass');
			assert.equal(checks['relay-login'], 'pass');
		} finally {
			await postconf(`relayhost=${sandbox.sink.relayhost}`, 'smtp_tls_wrappermode=no');
			await writeCredentials(sandbox.sink.relayhost, password());
			await reload();
		}
	});

	test('a wrong password: deferred, explained as 535; verify --login says so; no password printed', async () => {
		try {
			await writeCredentials(sandbox.sink.relayhost, 'NotTheRightOne42');
			await reload();
			const report = await followTestMail(sandbox.target, {to: 'ops@example.com', timeoutMs: 30_000});
			assert.equal(report.status, 'deferred', report.logLine);
			assert.match(report.reply ?? '', /535 5\.7\.8/);
			assert.equal(report.explanation?.id, 'sasl-credentials');

			const result = await cli(['verify', '--login']);
			assert.equal(result.exitCode, 1);
			assert.match(result.stdout, /✖ Login: the relay refused the login of sandbox-\w+: 535 5\.7\.8/);
			assert.match(result.stdout, /AUTH PLAIN \*{8}/, 'the transcript is shown when the relay part failed');
			assert.ok(!result.stdout.includes('NotTheRightOne42'));
		} finally {
			await writeCredentials(sandbox.sink.relayhost, password());
			await reload();
		}
	});

	test('a map readable by others, a stale map, a wrong key: each a ✖ with the fix; the role\'s 0640 is fine', async () => {
		try {
			await chmod(mapFile(), 0o644);
			let checks = statuses(await loginChecks());
			assert.equal(checks['login-permissions'], 'fail');

			await chmod(mapFile(), 0o640);
			checks = statuses(await loginChecks());
			assert.equal(checks['login-permissions'], 'pass', 'the system role\'s 0640 root is accepted');

			await chmod(mapFile(), 0o600);
			const later = new Date(Date.now() + 5000);
			await utimes(mapFile(), later, later);
			let report = await loginChecks();
			assert.equal(statuses(report)['login-map'], 'fail');
			assert.match(report.checks.find(check => check.id === 'login-map')!.detail, /changed after postmap.*run postmap/);

			await writeCredentials('[smtp.elsewhere.example]:587', password());
			report = await loginChecks();
			assert.equal(statuses(report)['login-entry'], 'fail');
			assert.match(report.checks.find(check => check.id === 'login-entry')!.detail, /no entry for 127\.0\.0\.1 or \[127\.0\.0\.1\]:\d+/);
		} finally {
			await writeCredentials(sandbox.sink.relayhost, password());
		}
	});

	test('the SASL plugins hidden (a private mount namespace): verify says so, with the package', async t => {
		if (!findProgram('unshare') || process.getuid?.() !== 0) {
			t.skip('needs root and unshare(1) for a private mount namespace');
			return;
		}

		const empty = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-no-sasl-'));
		try {
			const result = await execa(findProgram('unshare')!, [
				'-m', '--', process.execPath, '--import', 'tsx', path.join(projectRoot, 'test', 'helpers', 'hide-sasl-plugins.ts'), empty,
				'--', process.execPath, cliPath, '--config-dir', configDir(), 'verify', '--json',
			], {reject: false, cwd: projectRoot, env: {LANG: 'C'}, stdin: 'ignore', timeout: 60_000});
			outputs.push(String(result.stdout), String(result.stderr));
			const report = JSON.parse(String(result.stdout)) as Report;
			const plugin = report.checks.find(check => check.id === 'login-plugin');
			assert.equal(plugin?.status, 'fail', String(result.stdout) + String(result.stderr));
			assert.match(plugin.detail, /PLAIN and LOGIN plugins are not installed.*install libsasl2-modules \(apt-get install libsasl2-modules\)/);
			assert.equal(result.exitCode, 1);
			// Outside the namespace nothing changed.
			assert.equal(statuses(await loginChecks())['login-plugin'], 'pass');
		} finally {
			await rm(empty, {recursive: true, force: true});
		}
	});

	test('run by another user: the entry is "run as root", not a false ✖, and nothing secret is read', async t => {
		if (!findProgram('setpriv') || process.getuid?.() !== 0) {
			t.skip('needs root and setpriv(1) to run as nobody');
			return;
		}

		const result = await execa(findProgram('setpriv')!, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, '--config-dir', configDir(), 'verify', '--json'], {reject: false, env: {LANG: 'C'}, stdin: 'ignore', timeout: 60_000});
		outputs.push(String(result.stdout), String(result.stderr));
		const entry = (JSON.parse(String(result.stdout)) as Report).checks.find(check => check.id === 'login-entry');
		assert.equal(entry?.status, 'skip', String(result.stdout));
		assert.match(entry.detail, /readable by root only: run verify as root/);
	});

	test('a login over a level that allows plain text is refused by verify', async () => {
		try {
			await postconf('smtp_tls_security_level=may');
			const report = await loginChecks();
			assert.equal(statuses(report)['login-tls'], 'fail');
			assert.match(report.checks.find(check => check.id === 'login-tls')!.detail, /smtp_tls_security_level = may lets the password go out unencrypted/);
		} finally {
			await postconf('smtp_tls_security_level=encrypt');
		}
	});
});

