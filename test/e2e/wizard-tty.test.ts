import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runProgramOrThrow} from '../../source/postfix/run.js';
import {cliPath} from '../helpers/cli.js';
import {openTerminal} from '../helpers/tmux.js';
import {linesRow, pagedScreen, rejoinedLine} from '../helpers/paged-screen.js';
import {backupCopy, backupSetsIn} from '../helpers/backups.js';

/** The reference: Postfix's own editor, one parameter per call, in the wizard's order. */
async function postconfReference(original: Buffer, settings: ReadonlyArray<readonly [string, string]>): Promise<Buffer> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-reference-'));
	try {
		await writeFile(path.join(dir, 'main.cf'), original);
		for (const [name, value] of settings) {
			await runProgramOrThrow('postconf', ['-c', dir, '-e', `${name}=${value}`]);
		}

		return await readFile(path.join(dir, 'main.cf'));
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/** In an empty field: a value the step refuses (Enter stays), then Ctrl-U and one it takes. */
async function refusedThenMended(terminal: Awaited<ReturnType<typeof openTerminal>>, answer: {readonly step: number; readonly bad: string; readonly why: string; readonly good: string}): Promise<void> {
	await terminal.type(answer.bad);
	await terminal.waitFor(answer.why);
	await terminal.send('Enter');
	assert.match(await terminal.screen(), new RegExp(`Step ${answer.step}/8`), `${answer.bad}: Enter must be refused while invalid`);
	await terminal.send('C-u');
	await terminal.type(answer.good);
}

describe('the wizard in a real terminal, against a sandbox', () => {
	test('type the values, review the diff, apply, and the test mail reaches the sink', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en']);
		t.after(async () => terminal.close());

		let screen = await terminal.waitFor('Enter begin', 30_000);
		const dir = /everything happens in (\/\S+?);/.exec(screen)?.[1];
		assert.ok(dir, `no sandbox path on the preflight screen:\n${screen}`);
		const relay = /SMTP sink at\s+(\[127\.0\.0\.1\]:\d+)/.exec(screen)?.[1];
		assert.ok(relay);
		const mainCf = path.join(dir, 'etc', 'main.cf');
		const original = await readFile(mainCf);
		await terminal.send('Enter');

		screen = await terminal.waitFor('Step 1/8 · relayhost');
		assert.match(screen, new RegExp(`relayhost = ${relay.replaceAll(/[[\].]/g, '\\$&')}`));
		await terminal.send('Enter');

		// The sandbox relay wants a login over STARTTLS: its generated credentials are filled in, the password masked.
		screen = await terminal.waitFor('Step 2/8 · Login and encryption');
		assert.match(screen, /Username\s+sandbox-\w+/);
		assert.match(screen, /Password\s+\*{8,}/);
		assert.match(screen, /STARTTLS required before the login/);
		for (const field of ['Username', 'Password', 'Certificate']) {
			await terminal.send('Enter');
			await terminal.waitFor(`❯ ${field}`);
		}

		await terminal.send('Enter');
		await terminal.waitFor('Step 3/8 · myorigin');
		await terminal.send('C-u');
		await terminal.type('example.org');
		await terminal.waitFor('myorigin = example.org');
		await terminal.send('Enter');

		// Root's mail to a person elsewhere; root@<myorigin> is refused as typed.
		await terminal.waitFor('Step 4/8 · Who reads this machine\'s mail');
		await refusedThenMended(terminal, {step: 4, bad: 'root@example.org', why: 'root\'s own address here', good: 'ops@example.net'});
		await terminal.waitFor('root\'s mail to = ops@example.net');
		await terminal.send('Enter');
		// The sandbox relay takes any sender: the step is there, and optional.
		screen = await terminal.waitFor('Step 5/8 · Send as (optional)');
		await terminal.type('alerts@example.org');
		await terminal.waitFor('send as = alerts@example.org');
		await terminal.send('Enter');

		await terminal.waitFor('Step 6/8 · inet_interfaces');
		await terminal.send('Enter');
		await terminal.waitFor('Step 7/8 · mynetworks');
		await terminal.send('C-u');
		await refusedThenMended(terminal, {step: 7, bad: '127.0.0.0/8 10.0.0.0/33', why: 'must be a number from 0 to 32', good: '127.0.0.0/8 [::1]/128'});
		await terminal.send('Enter');
		await terminal.waitFor('Step 8/8 · mydestination');
		await terminal.send('Enter');

		screen = await terminal.waitFor('y apply', 30_000);
		assert.match(screen, /^\+inet_interfaces = loopback-only/m);
		assert.match(screen, /^-inet_interfaces = all/m);
		assert.match(screen, /^\+smtp_sasl_auth_enable = yes$/m);
		assert.match(screen, /^\+\[127\.0\.0\.1\]:\d+ sandbox-\w+:\*{8}$/m, 'sasl_passwd is shown with the password masked');
		// The diff is longer than the screen now: page down to the question and the relay's lines.
		for (let page = 0; page < 8 && !(await terminal.screen()).includes('Apply these changes?'); page++) {
			await terminal.send('NPage');
		}

		await terminal.waitFor('Apply these changes?', 10_000);
		// The relay is knocked at beside the preparation, with the login: its lines follow.
		screen = await terminal.waitFor(/Relay 127\.0\.0\.1:\d+ answers|logged in as sandbox-/, 10_000);
		assert.ok((await readFile(mainCf)).equals(original), 'nothing may change before y');
		const reviewed = screen;
		await terminal.send('y');

		screen = await terminal.waitFor('Applied.', 60_000);
		assert.match(screen, /✔ Back up main\.cf/);
		const backups = await backupSetsIn(path.join(dir, 'etc'));
		assert.equal(backups.length, 1);
		assert.ok((await backupCopy(path.join(dir, 'etc'), backups[0]!, 'main.cf')).equals(original), 'the backup is the original');
		assert.ok(reviewed.includes(`postfix-wizard.backup/${backups[0]!}`), `the review named another backup than the one written: ${reviewed}`);
		const expected = await postconfReference(original, [
			['relayhost', relay],
			['myorigin', 'example.org'],
			['inet_interfaces', 'loopback-only'],
			['mynetworks', '127.0.0.0/8 [::1]/128'],
			['mydestination', ''],
			['smtp_sasl_auth_enable', 'yes'],
			['smtp_sasl_password_maps', `hash:${path.join(dir, 'etc', 'sasl_passwd')}`],
			['smtp_sasl_security_options', 'noanonymous'],
			['smtp_sasl_tls_security_options', 'noanonymous'],
			['smtp_tls_security_level', 'encrypt'],
			['virtual_alias_maps', `hash:${path.join(dir, 'etc', 'virtual')}`],
			['sender_canonical_maps', `regexp:${path.join(dir, 'etc', 'sender_canonical')}`],
		]);
		assert.match(await readFile(path.join(dir, 'etc', 'virtual'), 'utf8'), /^root +ops@example\.net$/m);
		assert.match(await readFile(path.join(dir, 'etc', 'sender_canonical'), 'utf8'), / alerts@example\.org$/m);
		const saslPasswd = await stat(path.join(dir, 'etc', 'sasl_passwd'));
		assert.equal(saslPasswd.mode & 0o777, 0o600, 'sasl_passwd is readable by root only');
		assert.equal((await stat(path.join(dir, 'etc', 'sasl_passwd.db'))).mode & 0o777, 0o600);
		assert.ok((await readFile(mainCf)).equals(expected), 'main.cf is what postconf -e gives');
		await terminal.send('Enter');

		await terminal.waitFor('Recipient: ops@example.org');
		await terminal.send('Enter');
		screen = await terminal.waitFor('Sent: the relay accepted the message', 40_000);
		assert.match(screen, /queue ID: [0-9A-F]+/);
		// The same test to root, as cron sends it: mapped to the address, sent as the verified sender.
		screen = await terminal.waitFor('root → ops@example.net', 40_000);
		assert.match(screen, /✔ sent: root → ops@example\.net, from alerts@example\.org/);
		await terminal.send('Enter');

		screen = await terminal.waitFor('Summary');
		assert.match(screen, /The same test to root, as cron sends it: ✔ sent: root → ops@example\.net, from\s+alerts@example\.org/);
		assert.match(screen, /The sandbox relay received: "postfix-wizard test from[^\n]*alerts@example\.org → ops@example\.net/);
		assert.match(screen, /apply --set/);
		await terminal.send('Enter');
		assert.equal(await terminal.exitStatus(15_000), 0, 'the test mail left: exit 0');
		assert.equal(existsSync(dir), false, 'the sandbox is removed on exit');
	});

	test('keys that arrive together (typed ahead, a paste, a slow link) all land, in order', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en'], {width: 100, height: 50});
		t.after(async () => terminal.close());
		const screen = await terminal.waitFor('Enter begin', 30_000);
		const dir = /everything happens in (\/\S+?);/.exec(screen)?.[1];
		assert.ok(dir, screen);
		const ctrl = (letter: string) => String.fromCodePoint(letter.codePointAt(0)! - 96);
		// One write: begin, keep relayhost, walk the login step (the sandbox relay's login is
		// filled in: provider, username, password, certificate), then on myorigin Ctrl-U and a misspelt name mended
		// with Ctrl-A, Right, Ctrl-E, Ctrl-W and Backspace, Home/End and Delete; then Enter
		// through root's mail, send-as and the three remaining steps. Each key must reach the screen it was meant for.
		await terminal.burst([
			'\r', '\r',
			'\r', '\r', '\r', '\r',
			ctrl('u'), 'lb.example.co', ctrl('a'), '\u001B[C', 'a', ctrl('e'), 'm  junk', ctrl('w'), '\u007F\u007F',
			'\u001B[H', 'x', '\u001B[H', '\u001B[3~', '\u001B[F', 'x', '\u007F', ctrl('k'),
			'\r', '\r', '\r', '\r', '\r', '\r',
		].join(''));
		const review = await terminal.waitFor('y apply', 30_000);
		assert.match(review, /^\+myorigin = lab\.example\.com$/m);
		await terminal.send('C-c');
		assert.equal(await terminal.exitStatus(15_000), 130, 'Ctrl-C: 128 + SIGINT');
		assert.equal(existsSync(dir), false, 'the sandbox is removed on Ctrl-C');
	});

	test('at 80×24 the review wraps long lines and pages every row under its title; at 60×15 the title and keys stay', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en'], {width: 80, height: 24});
		t.after(async () => terminal.close());
		let screen = await terminal.waitFor('Enter begin', 30_000);
		const dir = /everything happens in\s+(\/\S+?);/.exec(screen)?.[1];
		assert.ok(dir, screen);
		const mydestination = (await readFile(path.join(dir, 'etc', 'main.cf'), 'utf8')).split('\n').find(line => line.startsWith('mydestination ='));
		assert.ok(mydestination && `-${mydestination}`.length > 80, 'the sandbox main.cf has a mydestination wider than the terminal');
		// Begin, relayhost, the sandbox's login (four fields), then Enter through every other step.
		await terminal.burst('\r\r\r\r\r\r\r\r\r\r\r\r');
		screen = await terminal.waitFor('y apply', 30_000);

		// Page down to the end, keeping each row by its number ("lines a–b of n").
		const rows = new Map<number, string>();
		for (let turn = 0; ; turn++) {
			const page = pagedScreen(await terminal.waitFor(linesRow));
			assert.match(page.title, /^postfix-wizard · Review the change/, `the title is not on the first row:\n${page.rows.join('\n')}`);
			assert.match(page.keys, /Ctrl-C quit/);
			page.view.forEach((row, index) => rows.set(page.from + index, row));
			if (page.to === page.total) {
				assert.deepEqual(Array.from({length: page.total}, (_, index) => index + 1).filter(number => !rows.has(number)), [], 'rows PgDn skipped');
				break;
			}

			assert.ok(turn < 20, 'the review never reached its end');
			await terminal.send('NPage');
			await terminal.waitFor(new RegExp(`^lines (?!${page.from}–)\\d+–\\d+ of \\d+$`, 'm'));
		}

		const all = [...rows.keys()].sort((a, b) => a - b).map(number => rows.get(number)!);
		assert.equal(rejoinedLine(all, '-mydestination'), `-${mydestination}`);
		assert.equal(rejoinedLine(all, '+smtp_sasl_password_maps'), `+smtp_sasl_password_maps = hash:${path.join(dir, 'etc', 'sasl_passwd')}`);
		assert.ok(all.includes('Apply these changes?'));

		await terminal.resize(60, 15);
		screen = await terminal.waitFor(/^lines \d+–\d+ of \d+$/m);
		await terminal.waitFor(/Ctrl-C quit/);
		screen = await terminal.screen();
		assert.match(screen.split('\n')[0]!, /^postfix-wizard · Review the change/, `after the resize the title is not on the first row:\n${screen}`);
		assert.match(screen, /y apply/);
		await terminal.send('C-c');
		assert.equal(await terminal.exitStatus(15_000), 130, 'Ctrl-C: 128 + SIGINT');
	});

	test('中文界面, and Ctrl-C before applying leaves with nothing changed', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'zh']);
		t.after(async () => terminal.close());
		let screen = await terminal.waitFor('Enter 开始', 30_000);
		assert.match(screen, /检查环境/);
		const dir = /所有操作都在 (\/\S+?) 中进行/.exec(screen)?.[1];
		assert.ok(dir, screen);
		await terminal.send('Enter');
		screen = await terminal.waitFor('第 1/8 步 · relayhost');
		assert.match(screen, /智能主机/);
		assert.match(screen, /Esc 返回/);
		await terminal.send('C-c');
		assert.equal(await terminal.exitStatus(15_000), 130, 'Ctrl-C: 128 + SIGINT');
		assert.equal(existsSync(dir), false, 'the sandbox is removed on Ctrl-C');
	});

	test('without a terminal it says so, points to apply, and exits 2', async () => {
		const {runCli} = await import('../helpers/cli.js');
		const result = await runCli([]);
		assert.equal(result.exitCode, 2);
		assert.match(result.stderr, /needs an interactive terminal/);
		assert.match(result.stderr, /postfix-wizard apply/);
	});
});
