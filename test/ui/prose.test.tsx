import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {Prose} from '../../source/ui/Prose/Prose.js';
import {breakUnits} from '../../source/ui/Prose/break-units.js';

/** Display width: CJK and full-width characters take two columns. */
function width(line: string): number {
	return [...line].reduce((sum, character) => sum + (/[\u2E80-\u9FFF\uFF00-\uFFEF]/u.test(character) ? 2 : 1), 0);
}

describe('prose that wraps as its language does', () => {
	test('a line may break after each CJK character and after each word, never before closing punctuation', () => {
		assert.deepEqual(breakUnits('把 Postfix 变成空客户端：本机'), ['把 ', 'Postfix ', '变', '成', '空', '客', '户', '端：', '本', '机']);
		assert.deepEqual(breakUnits('发往（example.com）的'), ['发', '往', '（example.com）', '的']);
		assert.deepEqual(breakUnits('  解决：第 1 步'), ['  解', '决：', '第 ', '1 ', '步']);
	});

	test('Chinese with English words fills each line instead of jumping to the next after every word', () => {
		const text = '本向导一步步把 Postfix 变成空客户端：本机的邮件都交给一个中继发送，且不接收来自网络的邮件。步骤包括：中继及其登录、邮件的发件域、谁来阅读 root 的邮件。';
		const app = render(<Box width={40}><Prose>{text}</Prose></Box>);
		const lines = (app.lastFrame() ?? '').split('\n');
		assert.equal(lines.join('').replaceAll(' ', ''), text.replaceAll(' ', ''));
		for (const line of lines.slice(0, -1)) {
			assert.ok(width(line) >= 36 && width(line) <= 40, `a short or long line: "${line}" (${width(line)})`);
			assert.doesNotMatch(line, /^[\s，。：、]/u, `a line starts with a blank or closing punctuation: "${line}"`);
		}

		app.unmount();
	});

	test('English lines never start with the blank that fell on the last column', () => {
		const app = render(<Box width={20}><Prose>{'the relay and its login over TLS'}</Prose></Box>);
		assert.deepEqual(app.lastFrame()?.split('\n').map(line => line.trimEnd()), ['the relay and its', 'login over TLS']);
		// Ink put the blank after `its` at the start of the next line when `its` ended on the last column.
		const exact = render(<Box width={17}><Prose>{'the relay and its login'}</Prose></Box>);
		assert.deepEqual(exact.lastFrame()?.split('\n').map(line => line.trimEnd()), ['the relay and', 'its login']);
		app.unmount();
		exact.unmount();
	});
});
