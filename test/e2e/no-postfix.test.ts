import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {cliPath} from '../helpers/cli.js';
import {openTerminal} from '../helpers/tmux.js';

// A machine without Postfix, for real: a private mount namespace in which an empty folder
// hides /usr/sbin, where postconf and postfix live. Needs root and unshare (CI has both).
const empty = mkdtempSync(path.join(os.tmpdir(), 'postfix-wizard-no-sbin-'));
after(() => rmSync(empty, {recursive: true, force: true}));
const hide = `mount --bind ${empty} /usr/sbin`;
const canHide = process.getuid?.() === 0 && spawnSync('unshare', ['--mount', 'sh', '-c', hide], {stdio: 'ignore'}).status === 0;

function withoutPostfix(args: readonly string[]): string[] {
	// "$@" passes the arguments through untouched: no value is ever parsed by the shell.
	return ['unshare', '--mount', 'sh', '-c', `${hide} && exec "$@"`, 'sh', process.execPath, cliPath, ...args];
}

describe('without Postfix', {skip: canHide ? false : 'needs root and unshare --mount'}, () => {
	test('every command says so, how to install it, and exits 1', () => {
		for (const args of [['apply', '--set', 'relayhost=[smtp.example.com]:587', '--dry-run'], ['verify'], ['rollback', '--list']]) {
			const [file, ...rest] = withoutPostfix(args);
			const result = spawnSync(file!, rest, {encoding: 'utf8', env: {...process.env, LANG: 'C'}});
			assert.equal(result.status, 1, `${args[0]}: ${result.stderr}`);
			assert.match(result.stderr, /Postfix is not installed/);
			assert.match(result.stderr, /apt-get install postfix/);
			assert.match(result.stderr, /dnf install postfix/);
		}
	});

	test('the wizard offers to install it and installs nothing without consent', async t => {
		const terminal = await openTerminal(withoutPostfix(['--lang', 'en']));
		t.after(async () => terminal.close());
		const screen = await terminal.waitFor('Postfix is not installed.');
		assert.match(screen, /Install it now with `apt-get install/);
		assert.match(screen, /y install Postfix/);
		await terminal.send('C-c');
		await terminal.waitFor('Quitting: nothing was changed.');
	});
});
