import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {execa} from 'execa';
import {findProgram} from '../../source/postfix/locate.js';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {type Sandbox, createSandbox, readSandboxLog} from '../../source/sandbox/instance.js';
import {cliPath, projectRoot} from '../helpers/cli.js';

/**
 * `apply` with a relay login, end to end: real Postfix, the real Cyrus plugin, the sandbox
 * relay that wants TLS and a login. The relay's generated password is the distinctive
 * secret searched for in every output, the --json reports, the diffs, the backup listing,
 * Postfix's log and every process's command line while the runs go on.
 */
let sandbox: Sandbox;
let scratch: string;
let passwordFile: string;
const outputs: string[] = [];
const cmdlineHits: string[] = [];
let watching: NodeJS.Timeout | undefined;

const configDir = () => sandbox.target.configDir;
const mainCf = () => path.join(configDir(), 'main.cf');
const saslPasswd = () => path.join(configDir(), 'sasl_passwd');
const password = () => sandbox.sink.login!.password.reveal();
const user = () => sandbox.sink.login!.username;

interface Result {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
}

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
	const result = await execa(process.execPath, [cliPath, '--config-dir', configDir(), ...args], {reject: false, env: {LANG: 'C', ...env}, stdin: 'ignore', timeout: 120_000});
	const out = {exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr)};
	outputs.push(out.stdout, out.stderr);
	return out;
}

/** Every process's argument list, read while the runs go on: the secret must be in none. */
let scans = 0;

async function scanCommandLines(): Promise<void> {
	scans++;
	const secret = password();
	for (const pid of await readdir('/proc').catch(() => [])) {
		if (!/^\d+$/.test(pid)) {
			continue;
		}

		const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
		if (cmdline.includes(secret)) {
			cmdlineHits.push(cmdline.replaceAll('\0', ' ').replaceAll(secret, '<SECRET>'));
		}
	}
}

async function reset(): Promise<void> {
	await runProgramOrThrow('postsuper', ['-c', configDir(), '-d', 'ALL']).catch(() => undefined);
}

function loginArgs(): string[] {
	return ['--relay-user', user(), '--relay-password-file', passwordFile];
}

describe('apply with a relay login (real Postfix, Cyrus, the sandbox relay)', () => {
	before(async () => {
		sandbox = await createSandbox({relaySecurity: 'login'});
		scratch = await mkdtemp(path.join(os.tmpdir(), 'pfw-apply-login-'));
		passwordFile = path.join(scratch, 'relay-password');
		await writeFile(passwordFile, `${password()}\n`, {mode: 0o600});
		watching = setInterval(() => void scanCommandLines(), 15);
	});

	after(async () => {
		clearInterval(watching);
		try {
			const log = await readSandboxLog(sandbox);
			for (const text of [...outputs, log]) {
				assert.ok(!text.includes(password()), `the relay password appeared in an output or the log:\n${text.replaceAll(password(), '<SECRET>').slice(0, 2000)}`);
			}

			assert.deepEqual(cmdlineHits, [], 'the relay password appeared in a process\'s argument list');
			assert.ok(scans > 10, 'the process list was watched during the runs');
		} finally {
			await sandbox.dispose();
			await rm(scratch, {recursive: true, force: true});
		}
	});

	test('the SASL plugins hidden (a private mount namespace): refused with the package, nothing touched, exit 1', async t => {
		if (!findProgram('unshare') || process.getuid?.() !== 0) {
			t.skip('needs root and unshare(1) for a private mount namespace');
			return;
		}

		const before = await readFile(mainCf());
		const empty = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-no-sasl-'));
		try {
			const result = await execa(findProgram('unshare')!, [
				'-m', '--', process.execPath, '--import', 'tsx', path.join(projectRoot, 'test', 'helpers', 'hide-sasl-plugins.ts'), empty,
				'--', process.execPath, cliPath, '--config-dir', configDir(), 'apply', '--set', `relayhost=${sandbox.sink.relayhost}`, ...loginArgs(), '--yes',
			], {reject: false, cwd: projectRoot, env: {LANG: 'C'}, stdin: 'ignore', timeout: 60_000});
			outputs.push(String(result.stdout), String(result.stderr));
			assert.equal(result.exitCode, 1, String(result.stderr));
			assert.match(String(result.stderr), /PLAIN\/LOGIN client plugins, which are not installed: install libsasl2-modules \(apt-get install libsasl2-modules\).*Nothing was touched/s);
			assert.ok((await readFile(mainCf())).equals(before), 'main.cf is untouched');
			assert.equal(existsSync(saslPasswd()), false);
			assert.equal(existsSync(path.join(configDir(), 'postfix-wizard.backup')), false, 'no backup written');
		} finally {
			await rm(empty, {recursive: true, force: true});
		}
	});

	test('refused before anything is touched: no TLS with a login, a login inside main.cf', async () => {
		const before = await readFile(mainCf());
		const weak = await cli(['apply', '--set', `relayhost=${sandbox.sink.relayhost}`, '--set', 'smtp_tls_security_level=may', ...loginArgs(), '--yes']);
		assert.equal(weak.exitCode, 2);
		assert.match(weak.stderr, /smtp_tls_security_level/);
		// This test's own command line carries a password on purpose: not the relay's (that one is watched for).
		const pasted = 'pasted-url-secret-41d';
		const inline = await cli(['apply', '--set', `relayhost=${user()}:${pasted}@[127.0.0.1]:25`, '--yes', '--json']);
		assert.equal(inline.exitCode, 2);
		assert.match(inline.stdout + inline.stderr, /\*{8}@\[127\.0\.0\.1\]:25/);
		assert.ok(!(inline.stdout + inline.stderr).includes(pasted), 'the refusal does not echo the pasted password');
		const argument = await cli(['apply', '--relay-user', user(), '--yes']);
		assert.equal(argument.exitCode, 2);
		assert.match(argument.stderr, /never an argument/);
		assert.ok((await readFile(mainCf())).equals(before));
		assert.equal(existsSync(saslPasswd()), false);
	});

	let firstBackup: string;
	let original: Buffer;

	test('STARTTLS + AUTH: sasl_passwd 0600 keyed by the relayhost, the diff masked, the test mail delivered', async () => {
		original = await readFile(mainCf());
		const dry = await cli(['apply', '--set', `relayhost=${sandbox.sink.relayhost}`, ...loginArgs(), '--dry-run']);
		assert.equal(dry.exitCode, 0, dry.stderr);
		assert.match(dry.stdout, new RegExp(`^\\+${sandbox.sink.relayhost.replaceAll(/[[\].]/g, '\\$&')} ${user()}:\\*{8}$`, 'm'));
		assert.match(dry.stdout, /^\+smtp_sasl_password_maps = (hash|lmdb):/m);
		assert.equal(existsSync(saslPasswd()), false, 'a dry run writes nothing');

		const result = await cli(['apply', '--set', `relayhost=${sandbox.sink.relayhost}`, ...loginArgs(), '--yes', '--json', '--test-mail', 'ops@example.org', '--timeout', '40']);
		const report = JSON.parse(result.stdout) as {status: string; backup: string; relay: {username: string; passwordFrom: string}; testMail: {status: string}};
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		assert.equal(report.status, 'applied');
		assert.equal(report.testMail.status, 'sent');
		assert.deepEqual([report.relay.username, report.relay.passwordFrom], [user(), 'file']);
		firstBackup = report.backup;
		assert.equal(sandbox.sink.messages.at(-1)?.envelopeTo[0], 'ops@example.org');

		for (const file of [saslPasswd(), `${saslPasswd()}.db`]) {
			const info = await stat(file);
			assert.equal(info.mode & 0o777, 0o600, `${file} mode`);
			assert.equal(info.uid, 0);
		}

		assert.equal(await readFile(saslPasswd(), 'utf8'), `${sandbox.sink.relayhost} ${user()}:${password()}\n`);
		const lookup = await runProgramOrThrow('postmap', ['-c', configDir(), '-q', sandbox.sink.relayhost, `hash:${saslPasswd()}`]);
		assert.equal(lookup.stdout.trim() === `${user()}:${password()}`, true, 'postmap -q finds the entry under the relayhost');
		const values = (await runProgramOrThrow('postconf', ['-c', configDir(), '-h', 'smtp_sasl_auth_enable', 'smtp_sasl_security_options', 'smtp_tls_security_level'])).stdout.split('\n');
		assert.deepEqual(values.slice(0, 3), ['yes', 'noanonymous', 'encrypt']);
		assert.ok(!(await readFile(mainCf(), 'utf8')).includes(password()), 'main.cf never holds the password');
		const listing = await cli(['rollback', '--list']);
		assert.match(listing.stdout, /sasl_passwd/);
	});

	test('implicit TLS (SMTPS, wrappermode), the password from the environment: delivered', async () => {
		const relayhost = sandbox.sink.implicitTls!.relayhost;
		const result = await cli(['apply', '--set', `relayhost=${relayhost}`, '--relay-user', user(), '--relay-tls-mode', 'implicit-tls', '--yes', '--test-mail', 'ops@example.org', '--timeout', '40'], {POSTFIX_WIZARD_RELAY_PASSWORD: password()});
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /^\+smtp_tls_wrappermode = yes$/m);
		assert.match(result.stdout, /Sent: the relay accepted the message/);
		// The STARTTLS relay's entry from the test before stays (another relay's login, kept as written).
		assert.equal(await readFile(saslPasswd(), 'utf8'), `${sandbox.sink.relayhost} ${user()}:${password()}\n${relayhost} ${user()}:${password()}\n`);
		assert.match(result.stderr, /keeps its 1 other entry \(\[127\.0\.0\.1\]:\d+\); only the entry for \[127\.0\.0\.1\]:\d+ is written/);
	});

	test('a wrong password: applied, the test mail deferred and explained, exit 3', async () => {
		await reset();
		const wrong = path.join(scratch, 'wrong-password');
		await writeFile(wrong, 'not-the-password\n', {mode: 0o600});
		const result = await cli(['apply', '--relay-user', user(), '--relay-password-file', wrong, '--yes', '--test-mail', 'ops@example.org', '--timeout', '25']);
		assert.match(result.stdout, /Deferred: the relay did not take the message now/);
		assert.match(result.stdout, /535 5\.7\.8/);
		assert.match(result.stdout, /refused the user name or password/);
		assert.equal(result.exitCode, 3, result.stdout + result.stderr);
		await reset();
	});

	test('no login: the settings and sasl_passwd go; rollback brings back every file byte for byte', async () => {
		const withLogin = await readFile(mainCf());
		const map = await readFile(saslPasswd());
		const result = await cli(['apply', '--provider', 'none', '--set', `relayhost=${sandbox.sink.relayhost}`, '--yes', '--json']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as {backup: string; diff: string};
		assert.match(report.diff, /^-smtp_sasl_auth_enable = yes$/m);
		const text = await readFile(mainCf(), 'utf8');
		assert.doesNotMatch(text, /smtp_sasl|smtp_tls_wrappermode/);
		assert.equal(existsSync(saslPasswd()), false);
		assert.equal(existsSync(`${saslPasswd()}.db`), false);

		const back = await cli(['rollback', '--yes', report.backup]);
		assert.equal(back.exitCode, 0, back.stdout + back.stderr);
		assert.ok((await readFile(mainCf())).equals(withLogin), 'main.cf as it was with the login');
		assert.ok((await readFile(saslPasswd())).equals(map), 'sasl_passwd restored byte for byte');
		assert.equal((await stat(saslPasswd())).mode & 0o777, 0o600);

		const first = await cli(['rollback', '--yes', firstBackup]);
		assert.equal(first.exitCode, 0, first.stdout + first.stderr);
		assert.ok((await readFile(mainCf())).equals(original), 'main.cf as before the first login');
		assert.equal(existsSync(saslPasswd()), false, 'a file that did not exist before is removed');
		assert.equal(existsSync(`${saslPasswd()}.db`), false);
	});
	test('entries for other keys in sasl_passwd: a login keeps them (shown masked), "no login" keeps the file with them', async () => {
		const hostName = sandbox.sink.host;
		const others = 'alerts@example.org alerts:other-secret-7f3\n[backup.example.net]:25 backup:other-secret-9c1\n';
		// A stale entry under the relay's host name: Postfix would look it up first, so the login must replace it.
		await writeFile(saslPasswd(), `# kept by hand\n${others}${hostName} old:stale-secret-2d4\n`, {mode: 0o600});
		await runProgramOrThrow('postmap', ['-c', configDir(), `hash:${saslPasswd()}`]);
		// Another map the administrator lists (another relay's logins): it stays listed, after ours.
		const relayPasswords = path.join(configDir(), 'relay_passwords');
		await writeFile(relayPasswords, '[mx.example.com]:587 mx:other-secret-4b8\n', {mode: 0o600});
		await runProgramOrThrow('postmap', ['-c', configDir(), `hash:${relayPasswords}`]);
		await runProgramOrThrow('postconf', ['-c', configDir(), '-e', `smtp_sasl_password_maps=hash:${relayPasswords}`]);
		const result = await cli(['apply', '--set', `relayhost=${sandbox.sink.relayhost}`, ...loginArgs(), '--yes', '--json', '--test-mail', 'ops@example.org', '--timeout', '40']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const report = JSON.parse(result.stdout) as {diff: string; warnings: string[]; testMail: {status: string}};
		assert.equal(report.testMail.status, 'sent', 'delivered with the new password, not the stale one');
		assert.match(report.diff, /^ alerts@example\.org alerts:\*{8}$/m);
		assert.match(report.diff, /^-127\.0\.0\.1 old:\*{8}$/m);
		assert.match(report.diff, new RegExp(`^\\+${sandbox.sink.relayhost.replaceAll(/[[\].]/g, '\\$&')} ${user()}:\\*{8}$`, 'm'));
		assert.ok(report.warnings.some(line => /keeps its 2 other entries/.test(line)), report.warnings.join('\n'));
		assert.equal(await readFile(saslPasswd(), 'utf8'), `# kept by hand\n${others}${sandbox.sink.relayhost} ${user()}:${password()}\n`);
		const kept = await runProgramOrThrow('postmap', ['-c', configDir(), '-q', 'alerts@example.org', `hash:${saslPasswd()}`]);
		assert.equal(kept.stdout.trim(), 'alerts:other-secret-7f3');
		const maps = async () => (await runProgramOrThrow('postconf', ['-c', configDir(), '-h', 'smtp_sasl_password_maps'])).stdout.trim();
		assert.equal(await maps(), `hash:${saslPasswd()}, hash:${relayPasswords}`);
		// Postfix, asked through the maps as listed: the new login, and the other relay's from the other map.
		const listed = await runProgramOrThrow('postmap', ['-c', configDir(), '-q', sandbox.sink.relayhost, `hash:${saslPasswd()}`]);
		assert.equal(listed.stdout.trim(), `${user()}:${password()}`);
		const other = await runProgramOrThrow('postmap', ['-c', configDir(), '-q', '[mx.example.com]:587', `hash:${relayPasswords}`]);
		assert.equal(other.stdout.trim(), 'mx:other-secret-4b8');

		const none = await cli(['apply', '--provider', 'none', '--set', `relayhost=${sandbox.sink.relayhost}`, '--yes']);
		assert.equal(none.exitCode, 0, none.stdout + none.stderr);
		assert.match(none.stderr, /sasl_passwd stays: it holds 2 entries for other keys \(alerts@example\.org, \[backup\.example\.net\]:25\)/);
		assert.equal(await readFile(saslPasswd(), 'utf8'), `# kept by hand\n${others}`);
		assert.equal((await stat(`${saslPasswd()}.db`)).mode & 0o777, 0o600);
		const gone = await execa('postmap', ['-c', configDir(), '-q', sandbox.sink.relayhost, `hash:${saslPasswd()}`], {reject: false});
		assert.equal(gone.exitCode, 1, 'our entry is gone from the rebuilt map');
		// No login: SASL is off, the maps that remain stay listed as written.
		assert.equal(await maps(), `hash:${saslPasswd()}, hash:${relayPasswords}`);
		assert.doesNotMatch(await readFile(mainCf(), 'utf8'), /smtp_sasl_auth_enable/);
		assert.equal(await readFile(relayPasswords, 'utf8'), '[mx.example.com]:587 mx:other-secret-4b8\n');
		for (const text of outputs) {
			assert.ok(!/other-secret|stale-secret/.test(text), 'no password of another entry is shown');
		}

		await rm(saslPasswd(), {force: true});
		await rm(`${saslPasswd()}.db`, {force: true});
		await rm(relayPasswords, {force: true});
		await rm(`${relayPasswords}.db`, {force: true});
		await runProgramOrThrow('postconf', ['-c', configDir(), '-X', 'smtp_sasl_password_maps']);
	});

	test('default_database_type changed in the same run: the map is built with the new type, postmap reading the staged main.cf', async () => {
		const result = await cli(['apply', '--set', `relayhost=${sandbox.sink.relayhost}`, '--set', 'default_database_type=btree', ...loginArgs(), '--yes', '--json']);
		assert.equal(result.exitCode, 0, result.stdout + result.stderr);
		const values = (await runProgramOrThrow('postconf', ['-c', configDir(), '-h', 'default_database_type', 'smtp_sasl_password_maps'])).stdout.split('\n');
		assert.deepEqual(values.slice(0, 2), ['btree', `btree:${saslPasswd()}`]);
		const asBtree = await runProgramOrThrow('postmap', ['-c', configDir(), '-q', sandbox.sink.relayhost, `btree:${saslPasswd()}`]);
		assert.equal(asBtree.stdout.trim(), `${user()}:${password()}`);
		const asHash = await execa('postmap', ['-c', configDir(), '-q', sandbox.sink.relayhost, `hash:${saslPasswd()}`], {reject: false});
		assert.notEqual(asHash.exitCode, 0, 'not a hash table');
		const verify = await cli(['verify', '--json']);
		const checks = (JSON.parse(verify.stdout) as {checks: Array<{id: string; status: string}>}).checks;
		assert.deepEqual(checks.filter(check => ['login-map', 'login-entry', 'login-permissions'].includes(check.id)).map(check => check.status), ['pass', 'pass', 'pass']);
	});
});
