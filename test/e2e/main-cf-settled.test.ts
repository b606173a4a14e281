import assert from 'node:assert/strict';
import {copyFile, mkdtemp, rm, stat, utimes, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {untilMainCfSettled} from '../../source/postfix/settled.js';
import {targetFor} from '../../source/postfix/target.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-settled-'));
after(async () => rm(dir, {recursive: true, force: true}));
const target = targetFor(dir);
const mainCf = path.join(dir, 'main.cf');
await copyFile('/usr/share/postfix/main.cf.dist', mainCf);

/** Whether a Postfix program reading main.cf now waits for it to cool down (its -vv says so). */
async function postfixWaits(): Promise<boolean> {
	const {execa} = await import('execa');
	const result = await execa('postconf', ['-vv', '-c', dir, '-h', 'mail_version'], {env: {LANG: 'C'}});
	return /pausing to let .*main\.cf cool down/.test(result.stderr);
}

describe('waiting for a fresh main.cf to settle, instead of letting Postfix poll', () => {
	test('a Postfix program started right after it reads main.cf at once: no 300 ms rounds', async () => {
		await writeFile(mainCf, '# written just now\nmyorigin = example.com\n', {flag: 'a'});
		const {mtimeMs} = await stat(mainCf);
		await untilMainCfSettled(target);
		const waitedUntil = Date.now();
		assert.ok(waitedUntil >= (Math.floor(mtimeMs / 1000) + 2) * 1000, 'returned before Postfix would read main.cf');
		assert.ok(waitedUntil < (Math.floor(mtimeMs / 1000) + 2) * 1000 + 300, `waited ${waitedUntil - mtimeMs} ms, past Postfix's own first round`);
		assert.equal(await postfixWaits(), false, 'postconf still waited for main.cf to cool down');
	});

	test('right after a write without it, Postfix waits in rounds (what the wait replaces)', async () => {
		await writeFile(mainCf, '# written again\n', {flag: 'a'});
		assert.equal(await postfixWaits(), true, 'postconf read a main.cf written this second at once');
	});

	test('returns at once for a settled main.cf, a missing one, and when interrupted', async () => {
		const past = new Date(Date.now() - 60_000);
		await utimes(mainCf, past, past);
		let started = Date.now();
		await untilMainCfSettled(target);
		assert.ok(Date.now() - started < 50);

		started = Date.now();
		await untilMainCfSettled(targetFor(path.join(dir, 'nowhere')));
		assert.ok(Date.now() - started < 50);

		await writeFile(mainCf, '# and again\n', {flag: 'a'});
		started = Date.now();
		await untilMainCfSettled(target, {signal: AbortSignal.abort()});
		assert.ok(Date.now() - started < 50);
	});
});
