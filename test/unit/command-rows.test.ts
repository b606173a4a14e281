import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {equivalentApplyCommand} from '../../source/commands/format.js';
import {commandRows, shellWords} from '../../source/ui/Summary/command-rows.js';

/** What a shell reads from the rows: a backslash at a row's end joins the next row. */
function asTheShellReads(rows: readonly string[]): string[] {
	return shellWords(rows.map(row => row.replace(/ \\$/, '')).join(' '));
}

describe('a command in rows a shell joins', () => {
	const command = equivalentApplyCommand('./dist/cli.js', new Map([
		['relayhost', '[127.0.0.1]:41123'],
		['myorigin', 'example.org'],
		['inet_interfaces', 'loopback-only'],
		['mynetworks', '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128'],
		['mydestination', ''],
	]), '/srv/postfix conf');

	test('the words of a quoted command: blanks inside quotes stay in the word', () => {
		assert.deepEqual(shellWords('a --set \'mynetworks=127.0.0.0/8 [::1]/128\' --x \'it\'\\\'\'s\''), ['a', '--set', '\'mynetworks=127.0.0.0/8 [::1]/128\'', '--x', '\'it\'\\\'\'s\'']);
	});

	test('short enough: one row, as it is', () => {
		assert.deepEqual(commandRows('postfix-wizard verify --to root', 80), ['postfix-wizard verify --to root']);
	});

	for (const width of [78, 64, 40]) {
		test(`at ${width} columns: rows no wider, ending in \\ but the last, the same words in the same order`, () => {
			const rows = commandRows(command, width);
			assert.ok(rows.length > 1);
			for (const row of rows) {
				// Wider only when one word alone is (the screen then cuts that row and says so).
				assert.ok(row.length <= width || shellWords(row.replace(/ \\$/, '')).length === 1, `${row.length} > ${width}: ${row}`);
			}

			assert.ok(rows.slice(0, -1).every(row => row.endsWith(' \\')));
			assert.ok(!rows.at(-1)!.endsWith('\\'));
			assert.ok(rows.slice(1).every(row => row.startsWith('  ')), 'the rows after the first are indented');
			assert.deepEqual(asTheShellReads(rows), shellWords(command));
			assert.ok(rows.some(row => row.includes('\'mynetworks=127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\'')), 'a quoted word is never split');
		});
	}

	test('an option stays with its value on one row where they fit', () => {
		const rows = commandRows(command, 70);
		assert.ok(rows.every(row => !/(?:^|\s)--set \\$/.test(row)), rows.join('\n'));
		assert.ok(rows.some(row => row.includes('--config-dir \'/srv/postfix conf\'')));
	});

	test('a word wider than a row keeps a row of its own, whole (the screen cuts it and says so)', () => {
		const rows = commandRows('postfix-wizard rollback /etc/postfix/postfix-wizard.backup/2026-11-24T10:00:00Z', 30);
		assert.deepEqual(rows, ['postfix-wizard rollback \\', '  /etc/postfix/postfix-wizard.backup/2026-11-24T10:00:00Z']);
	});
});
