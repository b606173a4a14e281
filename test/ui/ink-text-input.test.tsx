// ink-text-input as patches/ink-text-input+6.0.0.patch mends it, on its own: no key router
// in front of it, Ink's raw input as any app gets it. These are the tests offered upstream
// with the patch (docs/upstream/ink-text-input.md).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {Box, Text} from 'ink';
import TextInput, {createKeystrokeReader, editLine} from 'ink-text-input';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {waitFor} from './helpers.js';
import {settled} from '../helpers/settled.js';

const ctrl = (letter: string) => String.fromCodePoint(letter.codePointAt(0)! - 96);
const keys = {left: '\u001B[D', right: '\u001B[C', home: '\u001B[H', end: '\u001B[F', delete: '\u001B[3~', backspace: '\u007F'} as const;

function field(initial: string, options: {mask?: string; clearOnSubmit?: boolean} = {}) {
	let value = initial;
	const submitted: string[] = [];
	function Harness() {
		const [current, setCurrent] = useState(initial);
		return (
			<Box>
				<Text>[</Text>
				<TextInput value={current} mask={options.mask} onChange={next => {
					value = next;
					setCurrent(next);
				}} onSubmit={next => {
					submitted.push(next);
					if (options.clearOnSubmit) {
						value = '';
						setCurrent('');
					}
				}} />
				<Text>]</Text>
			</Box>
		);
	}

	const app = render(<Harness />);
	return {...app, value: () => value, submitted};
}

describe('ink-text-input, mended: keys that arrive together', () => {
	test('Ctrl-U and the new text in one chunk leave the new text (unpatched: lab.example.comlb.example.co)', async () => {
		const app = field('lab.example.com');
		await waitFor(app.lastFrame, '[');
		app.stdin.write(`${ctrl('u')}lab.example.com`);
		assert.equal(await settled(app.value, 'lab.example.com'), 'lab.example.com');
		app.unmount();
	});

	test('chunks written one after another before any render: every key, in order', async () => {
		const app = field('');
		await waitFor(app.lastFrame, '[');
		for (const chunk of ['mail', '.', 'relay', keys.backspace, 'y', keys.left, keys.left, keys.delete, 'a', keys.end, '.org']) {
			app.stdin.write(chunk);
		}

		assert.equal(await settled(app.value, 'mail.relay.org'), 'mail.relay.org');
		app.unmount();
	});

	test('Enter submits the value every key before it left (unpatched: the value of the last render)', async () => {
		const app = field('');
		await waitFor(app.lastFrame, '[');
		app.stdin.write('abc\r');
		await settled(() => String(app.submitted.length), '1');
		assert.deepEqual(app.submitted, ['abc']);
		app.unmount();
	});

	test('keys after Enter wait for the render the submit causes: a field cleared on submit starts empty', async () => {
		const app = field('', {clearOnSubmit: true});
		await waitFor(app.lastFrame, '[');
		app.stdin.write('1234\r5678\r');
		await settled(() => String(app.submitted.length), '2');
		assert.deepEqual(app.submitted, ['1234', '5678']);
		app.unmount();
	});
});

describe('ink-text-input, mended: readline keys', () => {
	const cases: Array<[string, string, string[], string]> = [
		['Ctrl-A then text (unpatched: types a)', 'example.com', [ctrl('a'), 'www.'], 'www.example.com'],
		['Ctrl-E then text (unpatched: types e)', 'example.com', [ctrl('a'), ctrl('e'), 'x'], 'example.comx'],
		['Ctrl-W erases back to a blank', 'a.example.com b.example.com', [ctrl('w')], 'a.example.com '],
		['Ctrl-K erases to the end', 'example.com', [keys.home, keys.right, keys.right, ctrl('k')], 'ex'],
		['Ctrl-U erases to the start', 'abc def', [keys.left, keys.left, keys.left, ctrl('u')], 'def'],
		['Home and End', 'b', [keys.home, 'a', keys.end, 'c'], 'abc'],
		['Backspace erases before the cursor', 'abcd', [keys.left, keys.backspace], 'abd'],
		['Delete erases under the cursor (unpatched: a second Backspace)', 'abcd', [keys.left, keys.delete], 'abc'],
	];
	for (const [name, initial, sequence, expected] of cases) {
		test(name, async () => {
			const app = field(initial);
			await waitFor(app.lastFrame, '[');
			for (const data of sequence) {
				app.stdin.write(data);
			}

			assert.equal(await settled(app.value, expected), expected);
			app.unmount();
		});
	}
});

describe('ink-text-input, mended: a mask', () => {
	test('one mask character per character typed, the text never on screen', async () => {
		const app = field('', {mask: '*'});
		await waitFor(app.lastFrame, '[');
		app.stdin.write(`hunter2${ctrl('a')}${keys.delete}H\r`);
		await settled(() => String(app.submitted.length), '1');
		assert.deepEqual(app.submitted, ['Hunter2']);
		const frame = await waitFor(app.lastFrame, '[*******');
		assert.doesNotMatch(frame, /unter/);
		app.unmount();
	});
});

describe('ink-text-input, mended: its key reader and editor', () => {
	test('one chunk of mixed keys reads as the keys in order', () => {
		const read = createKeystrokeReader();
		const strokes = read(`${ctrl('u')}ab\u001B[3~\u007F\r`);
		assert.deepEqual(strokes.map(stroke => stroke.sequence), [ctrl('u'), 'a', 'b', '\u001B[3~', '\u007F', '\r']);
		assert.ok(strokes[0]!.key.ctrl && strokes[0]!.input === 'u');
		assert.ok(strokes[3]!.key.delete && !strokes[3]!.key.backspace);
		assert.ok(strokes[4]!.key.backspace && !strokes[4]!.key.delete);
		assert.ok(strokes[5]!.key.return);
	});

	test('a bracketed paste is one stroke, its line endings and control bytes gone', () => {
		const read = createKeystrokeReader();
		const strokes = [...read('\u001B[200~smtp.exa'), ...read('mple.org\r\n\u001B[201~'), ...read('\r')];
		assert.deepEqual(strokes.map(stroke => [stroke.input, stroke.key.paste, stroke.key.return]), [
			['smtp.exa', true, false], ['mple.org', true, false], ['', false, true],
		]);
	});

	test('editing counts characters, not UTF-16 units', () => {
		const edit = editLine({value: '邮件😀', cursor: 3}, {input: '', key: createKeystrokeReader()('\u007F')[0]!.key});
		assert.deepEqual(edit, {type: 'edit', value: '邮件', cursor: 2, inserted: 0});
	});
});

describe('the bundle', () => {
	test('carries the mended ink-text-input, not the published one', () => {
		const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
		const files = readdirSync(dist, {recursive: true, encoding: 'utf8'}).filter(file => file.endsWith('.js'));
		const code = files.map(file => readFileSync(path.join(dist, file), 'utf8')).join('\n');
		// The reader's bracketed-paste marker comes only from the patch; `cursorWidth` only from the unpatched field.
		assert.match(code, /\[200~/);
		assert.doesNotMatch(code, /cursorWidth/);
	});
});
