import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {stripVTControlCharacters} from 'node:util';
import {cliPath} from '../helpers/cli.js';
import {runOnPty} from '../helpers/pty.js';

const beginSync = '\u001B[?2026h';
const endSync = '\u001B[?2026l';

/** The synchronized updates the wizard wrote, in order, without the cursor's hide and show. */
function updates(output: Buffer): string[] {
	return output.toString('utf8').replaceAll('\r\n', '\n').split(beginSync).slice(1)
		.map(update => update.split(endSync)[0]!.replaceAll('\u001B[?25l', ''));
}

async function firstScreens(options: {lang: 'en' | 'zh'; sandbox: boolean; columns: number; rows: number}): Promise<string[]> {
	const {CI: _ci, ...env} = process.env;
	const {output} = await runOnPty([process.execPath, cliPath, ...options.sandbox ? ['--sandbox'] : [], '--lang', options.lang], {
		rows: options.rows,
		columns: options.columns,
		env: {
			...env,
			TERM: 'xterm-256color',
			// The real first screen, then leave before reading anything (bench/first-frame.ts uses it too).
			POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1',
		},
	});
	return updates(output);
}

describe('the first paint, before Ink has loaded, is Ink\'s own first frame', () => {
	for (const lang of ['en', 'zh'] as const) {
		for (const sandbox of [false, true]) {
			for (const [columns, rows] of [[120, 40], [80, 24], [60, 15]] as const) {
				test(`${lang}${sandbox ? ', --sandbox' : ''}, ${columns}x${rows}`, async () => {
					const screens = await firstScreens({lang, sandbox, columns, rows});
					const [paint, erase, ink] = screens;
					if (lang === 'en' && sandbox && columns === 60) {
						// "Starting a throwaway Postfix instance and its loopback relay…" wraps at 60
						// columns: a layout the paint leaves to Ink, which then draws first.
						assert.equal(screens.length, 1, 'no paint: Ink\'s frame only');
						assert.match(paint!, /Starting a throwaway Postfix/);
						return;
					}

					assert.equal(screens.length, 3, 'the paint, its erasure, Ink\'s frame');
					// With colours or without (NO_COLOR, a terminal without them): whatever Ink does.
					assert.match(stripVTControlCharacters(paint!), lang === 'en' ? /^postfix-wizard · Preflight/ : /^postfix-wizard · 检查环境/);
					assert.equal(paint!.split('\n').length - 1, rows - 1, 'as tall as the frame: the terminal less one row');
					assert.equal(erase, `\u001B[${rows - 1}A\r\u001B[J`, 'back to the top of the paint, cleared below');
					assert.equal(paint, ink, 'byte for byte');
				});
			}
		}
	}

	test('no paint where Ink does not draw as it goes (CI)', async () => {
		const {output} = await runOnPty([process.execPath, cliPath, '--lang', 'en'], {columns: 80, rows: 24, env: {...process.env, CI: 'true', POSTFIX_WIZARD_EXIT_AFTER_FIRST_FRAME: '1'}});
		assert.ok(updates(output).length <= 1, output.toString('utf8'));
	});
});
