import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import stringWidth from 'string-width';
import {continuationMark, diffRows, visibleLine} from '../../source/ui/Review/diff-rows.js';

/** The rows of one line put back together: what a reader gets by reading on past each ↳. */
function rejoined(rows: ReturnType<typeof diffRows>): string {
	return rows.map(row => row.text).join('');
}

describe('the diff as terminal rows', () => {
	test('a 150-character line at 80 columns: every character, in order, in rows no wider than the terminal', () => {
		const line = `-mynetworks = ${Array.from({length: 10}, (_, index) => `10.${index}.0.0/16`).join(' ')} [::1]/128`.padEnd(150, 'x');
		assert.equal(line.length, 150);
		const rows = diffRows([line], 80);
		assert.equal(rows.length, 2);
		assert.equal(rejoined(rows), line);
		assert.deepEqual(rows.map(row => row.continued), [false, true]);
		assert.ok(rows.every(row => row.line === line), 'each row knows its line (and so its colour)');
		assert.equal(stringWidth(rows[0]!.text), 80);
		// The continuation row leaves one column for the mark.
		assert.ok(stringWidth(continuationMark + rows[1]!.text) <= 80);
	});

	test('a line exactly as wide as the terminal stays one row; short lines are untouched', () => {
		const rows = diffRows(['+'.padEnd(60, 'a'), ' b', ''], 60);
		assert.deepEqual(rows.map(row => [row.text.length, row.continued]), [[60, false], [2, false], [0, false]]);
	});

	test('a break at a blank keeps it, at the start of the next row (a row\'s last blank never shows)', () => {
		const rows = diffRows(['+mynetworks = 127.0.0.0/8 10.0.0.0/16'], 25);
		assert.deepEqual(rows.map(row => row.text), ['+mynetworks = 127.0.0.0/8', ' 10.0.0.0/16']);
		assert.equal(rejoined(rows), '+mynetworks = 127.0.0.0/8 10.0.0.0/16');
		assert.ok(rows.every(row => row.text === row.text.trimEnd()));
	});

	test('double-width characters are never split across the edge', () => {
		const line = `+# ${'中文注释'.repeat(20)}`;
		const rows = diffRows([line], 41);
		assert.equal(rejoined(rows), line);
		for (const row of rows) {
			assert.ok(stringWidth((row.continued ? continuationMark : '') + row.text) <= 41, `row too wide: ${row.text}`);
		}
	});

	test('tabs become the blanks a terminal shows; other control bytes are shown, never sent', () => {
		assert.equal(visibleLine('--- /etc/postfix/main.cf\tcurrent'), '--- /etc/postfix/main.cf        current');
		assert.equal(visibleLine('a\tb'), 'a       b');
		assert.equal(visibleLine(' relayhost = x\r'), ' relayhost = x^M');
		assert.equal(visibleLine('+x\u001B[2Jy'), '+x^[[2Jy');
		// Wrapped by the width the terminal gives it, not by the raw string's length.
		const rows = diffRows([`+++ ${'/very/long/path'.repeat(4)}\tproposed (new file, mode 0600)`], 80);
		assert.ok(rows.every(row => !row.text.includes('\t')));
		assert.ok(rows.length === 2);
	});
});
