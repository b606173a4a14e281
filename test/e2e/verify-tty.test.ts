import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {cliPath} from '../helpers/cli.js';
import {openTerminal} from '../helpers/tmux.js';

/** The exit status of the program in the pane. */
async function statusOf(terminal: Awaited<ReturnType<typeof openTerminal>>): Promise<number> {
	return terminal.exitStatus(120_000);
}

describe('verify on a terminal: the checklist is drawn at once and fills in', () => {
	test('--sandbox: every stage pending while the sandbox starts, then each filled in; exit 0', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en', 'verify', '--to', 'someone@example.com'], {width: 120, height: 40});
		t.after(async () => terminal.close());
		// Before the sandbox (seconds) is up: the whole list, the running stage saying what it does.
		let screen = await terminal.waitFor('Sandbox: starting a throwaway Postfix', 20_000);
		assert.match(screen, /○ Test mail: pending/);
		assert.match(screen, /○ Null-client settings: pending/);
		assert.match(screen, /○ Relay: pending/);
		assert.match(screen, /q or Ctrl-C stops/);
		assert.doesNotMatch(screen, /✔ relayhost/, 'drawn before anything was read');
		screen = await terminal.waitFor('All checks pass.', 60_000);
		assert.match(screen, /✔ Sandbox: a throwaway Postfix in \/tmp\//);
		assert.match(screen, /✔ Test mail delivered to the relay: sent, queue ID [\dA-F]+/);
		assert.doesNotMatch(screen, /pending|q or Ctrl-C stops/, 'nothing left pending on the last frame');
		assert.equal(await statusOf(terminal), 0);
	});

	test('q while the sandbox starts says what it waited for and what was not checked; exit 1', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en', 'verify'], {width: 120, height: 40});
		t.after(async () => terminal.close());
		await terminal.waitFor('Sandbox: starting a throwaway Postfix', 20_000);
		await terminal.send('q');
		const screen = await terminal.waitFor('Not checked:', 20_000);
		assert.match(screen, /Stopped \(q\) while starting a throwaway Postfix and its loopback relay/);
		assert.match(screen, /Not checked: Sandbox, Null-client settings, Root's mail, Postfix's own check and service, Relay login setup, Relay\./);
		assert.equal(await statusOf(terminal), 1);
	});

	test('Ctrl-C while postfix check runs: the checks so far stay, the stop names the wait; exit 130', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'en', 'verify'], {width: 120, height: 40});
		t.after(async () => terminal.close());
		await terminal.waitFor('running postfix check', 60_000);
		await terminal.send('C-c');
		const screen = await terminal.waitFor('Not checked:', 20_000);
		assert.match(screen, /✔ relayhost: \[127\.0\.0\.1\]:\d+/);
		assert.match(screen, /Stopped \(Ctrl-C\) while running postfix check/);
		assert.match(screen, /Not checked: Postfix's own check and service, Relay login setup, Relay\./);
		assert.equal(await statusOf(terminal), 130);
	});

	test('中文: the pending list and the stop are in Chinese', async t => {
		const terminal = await openTerminal([process.execPath, cliPath, '--sandbox', '--lang', 'zh', 'verify'], {width: 120, height: 40});
		t.after(async () => terminal.close());
		let screen = await terminal.waitFor('沙盒：正在启动一次性 Postfix', 20_000);
		assert.match(screen, /○ 中继：等待中/);
		assert.match(screen, /按 q 或 Ctrl-C 停止/);
		await terminal.send('q');
		screen = await terminal.waitFor('未检查：', 20_000);
		assert.match(screen, /已停止（q），当时正在启动一次性 Postfix/);
		assert.equal(await statusOf(terminal), 1);
	});
});
