import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {TextField} from '../../source/ui/TextField/TextField.js';
import {useKeys} from '../../source/ui/input/use-keys.js';
import {waitFor} from './helpers.js';
import {settled} from '../helpers/settled.js';

const ctrl = (letter: string) => String.fromCodePoint(letter.codePointAt(0)! - 96);
const keys = {
	left: '\u001B[D', right: '\u001B[C', home: '\u001B[H', end: '\u001B[F', delete: '\u001B[3~',
	backspace: '\u007F', altBackspace: '\u001B\u007F', enter: '\r', pasteStart: '\u001B[200~', pasteEnd: '\u001B[201~',
} as const;

/** A field as a screen holds it: the value in state, every change and submit recorded. */
function Harness({initial, masked, onValue, onSubmit}: {initial: string; masked?: boolean; onValue: (value: string) => void; onSubmit: (value: string) => void}) {
	const [value, setValue] = useState(initial);
	return (
		<Box>
			<Text>[</Text>
			<TextField value={value} masked={masked} onChange={next => {
				setValue(next);
				onValue(next);
			}} onSubmit={onSubmit} />
			<Text>]</Text>
		</Box>
	);
}

function field(initial: string, masked = false) {
	let value = initial;
	const submitted: string[] = [];
	const app = render(<Harness initial={initial} masked={masked} onValue={next => {
		value = next;
	}} onSubmit={next => submitted.push(next)} />);
	return {...app, value: () => value, submitted};
}

/** Ink subscribes after the first frame; then each write is one burst, with no wait between keys. */
async function ready(app: ReturnType<typeof field>) {
	await waitFor(app.lastFrame, '[');
}

describe('the text field, key by key', () => {
	const cases: Array<[string, string, string[], string]> = [
		['typing inserts at the cursor', 'example', ['.org'], 'example.org'],
		['Ctrl-E moves to the end instead of typing e', 'example.com', [ctrl('a'), ctrl('e'), 'x'], 'example.comx'],
		['Ctrl-A moves to the start instead of typing a', 'example.com', [ctrl('a'), 'www.'], 'www.example.com'],
		['Home and End', 'b', [keys.home, 'a', keys.end, 'c'], 'abc'],
		['Left and Right', 'ac', [keys.left, 'b', keys.right, 'd'], 'abcd'],
		['Ctrl-B and Ctrl-F', 'ac', [ctrl('b'), 'b', ctrl('f'), 'd'], 'abcd'],
		['Backspace erases before the cursor', 'abcd', [keys.left, keys.backspace], 'abd'],
		['Ctrl-H is a backspace', 'abc', [ctrl('h')], 'ab'],
		['Delete erases under the cursor', 'abcd', [keys.home, keys.delete], 'bcd'],
		['Ctrl-D erases under the cursor', 'abcd', [keys.home, ctrl('d')], 'bcd'],
		['Ctrl-U erases back to the start', 'old.example.com', [ctrl('u'), 'new.example.com'], 'new.example.com'],
		['Ctrl-U keeps what follows the cursor', 'abc def', [keys.left, keys.left, keys.left, ctrl('u')], 'def'],
		['Ctrl-K erases to the end', 'abc def', [keys.home, keys.right, keys.right, keys.right, ctrl('k')], 'abc'],
		['Ctrl-W erases the word before, up to a blank', '127.0.0.0/8 10.0.0.0/8', [ctrl('w')], '127.0.0.0/8 '],
		['Alt-Backspace erases back to punctuation', 'smtp.example.com', [keys.altBackspace], 'smtp.example.'],
		['Alt-B and Alt-F move by word', 'a.bc', ['\u001Bb', 'X', '\u001Bf', 'Y'], 'a.XbcY'],
		['other control keys type nothing', 'a', [ctrl('g'), ctrl('t'), '\t'], 'a'],
		['a bracketed paste loses its line endings', '', [keys.pasteStart, 'smtp.example.org\r\n', keys.pasteEnd], 'smtp.example.org'],
	];
	for (const [name, initial, sequence, expected] of cases) {
		test(name, async () => {
			const app = field(initial);
			await ready(app);
			for (const data of sequence) {
				app.stdin.write(data);
			}

			assert.equal(await settled(app.value, expected), expected);
			await waitFor(app.lastFrame, `[${expected}`);
			assert.deepEqual(app.submitted, []);
			app.unmount();
		});
	}

	test('Enter submits the value every key before it made', async () => {
		const app = field('lab.example.com');
		await ready(app);
		app.stdin.write(`${ctrl('u')}lb.example.co${ctrl('a')}${keys.right}a${ctrl('e')}m${keys.enter}`);
		await settled(() => String(app.submitted.length), '1');
		assert.deepEqual(app.submitted, ['lab.example.com']);
		app.unmount();
	});

	test('the cursor is drawn where it stands', async () => {
		const app = field('abc');
		await ready(app);
		app.stdin.write(keys.left);
		await waitFor(app.lastFrame, '[ab');
		app.unmount();
	});
});

/** Two screens with a field each, one after the other: Enter moves on and clears the value. */
async function twoFields() {
	const answers: string[] = [];
	function TwoFields() {
		const [step, setStep] = useState(0);
		const [value, setValue] = useState('');
		return step < 2
			? <Box><Text>step {step}: </Text><TextField key={step} value={value} onChange={setValue} onSubmit={submitted => {
				answers.push(submitted);
				setValue('');
				setStep(step + 1);
			}} /></Box>
			: <Text>done</Text>;
	}

	const app = render(<TwoFields />);
	await waitFor(app.lastFrame, 'step 0');
	return {app, answers};
}

describe('the text field, in a burst', () => {
	test('Ctrl-U then typing, in one chunk, leaves exactly the typed text (was lab.example.comlb.example.co)', async () => {
		const app = field('lab.example.com');
		await ready(app);
		app.stdin.write(`${ctrl('u')}lab.example.com`);
		assert.equal(await settled(app.value, 'lab.example.com'), 'lab.example.com');
		app.unmount();
	});

	test('many chunks before any frame: every key in order', async () => {
		const app = field('');
		await ready(app);
		const text = 'mail.relay.example.org';
		for (const character of text) {
			app.stdin.write(character);
		}

		app.stdin.write(`${keys.backspace}${keys.backspace}${keys.backspace}net`);
		assert.equal(await settled(app.value, 'mail.relay.example.net'), 'mail.relay.example.net');
		app.unmount();
	});

	test('typed ahead over a change of screen: the rest of the burst reaches the next screen', async () => {
		const {app, answers} = await twoFields();
		app.stdin.write('first\rsecond\r');
		await waitFor(app.lastFrame, 'done');
		assert.deepEqual(answers, ['first', 'second']);
		app.unmount();
	});

	test('typed ahead over a change of screen in separate chunks, before the screen changed: each answer to its own screen', async () => {
		const {app, answers} = await twoFields();
		app.stdin.write('first\r');
		app.stdin.write('second\r');
		await waitFor(app.lastFrame, 'done');
		assert.deepEqual(answers, ['first', 'second']);
		app.unmount();
	});

	test('a screen key repeated in separate chunks acts once per key (PgDn PgDn PgDn)', async () => {
		let moved = 0;
		function Pager() {
			const [offset, setOffset] = useState(0);
			useKeys((_input, key) => {
				if (key.pageDown) {
					setOffset(offset + 1);
					moved = offset + 1;
				}
			});
			return <Text>offset {offset}</Text>;
		}

		const app = render(<Pager />);
		await waitFor(app.lastFrame, 'offset 0');
		for (let press = 0; press < 3; press++) {
			app.stdin.write('\u001B[6~');
		}

		await waitFor(app.lastFrame, 'offset 3', 3000);
		assert.equal(moved, 3);
		app.unmount();
	});

	test('a key that changes nothing does not hold up the next one (was 500 ms each: the wait for a frame that never came)', async () => {
		// Up in a field is a key the screen may take; here nothing takes it, so nothing is drawn.
		const app = field('');
		await ready(app);
		let took = 0;
		let typed = '';
		for (const character of 'abc') {
			// Each pair after the frame of the one before, so no frame is still to come when Up is handed over.
			const started = Date.now();
			app.stdin.write('\u001B[A');
			app.stdin.write(character);
			typed += character;
			await waitFor(app.lastFrame, `[${typed}`);
			took += Date.now() - started;
		}

		// Three characters held up 500 ms each took 1.5 s at the least; three frames take a fraction of that, even under load.
		assert.ok(took < 1000, `three characters, each after a key that changes nothing, took ${took} ms`);
		assert.equal(app.value(), 'abc');
		app.unmount();
	});

	test('a screen key that changes nothing (Up on the first page) does not hold up the next screen key', async () => {
		function Pager() {
			const [offset, setOffset] = useState(0);
			useKeys((_input, key) => {
				if (key.pageDown) {
					setOffset(value => value + 1);
				} else if (key.upArrow) {
					setOffset(value => Math.max(0, value - 1));
				}
			});
			return <Text>offset {offset}</Text>;
		}

		const app = render(<Pager />);
		await waitFor(app.lastFrame, 'offset 0');
		const started = Date.now();
		for (let press = 0; press < 5; press++) {
			app.stdin.write('\u001B[A');
		}

		for (let press = 0; press < 3; press++) {
			app.stdin.write('\u001B[6~');
		}

		await waitFor(app.lastFrame, 'offset 3');
		const took = Date.now() - started;
		assert.ok(took < 1500, `three PgDn after five Up that change nothing took ${took} ms`);
		app.unmount();
	});

	test('a screen key typed ahead of the screen that takes it is not lost', async () => {
		const seen: string[] = [];
		function Screens() {
			const [screen, setScreen] = useState<'field' | 'question'>('field');
			const [value, setValue] = useState('');
			return screen === 'field'
				? <Text>[<TextField value={value} onChange={setValue} onSubmit={() => setScreen('question')} />]</Text>
				: <Question onAnswer={answer => seen.push(`${value}:${answer}`)} />;
		}

		function Question({onAnswer}: {onAnswer: (answer: string) => void}) {
			useKeys(input => onAnswer(input));
			return <Text>y/n?</Text>;
		}

		const app = render(<Screens />);
		await waitFor(app.lastFrame, '[');
		app.stdin.write('abc\ry');
		await settled(() => String(seen.length), '1');
		assert.deepEqual(seen, ['abc:y']);
		app.unmount();
	});
});

describe('the text field, masked', () => {
	test('shows one * per character and never the text, with the same keys', async () => {
		const app = field('', true);
		await ready(app);
		app.stdin.write(`s3cret-pass${ctrl('w')}hunter2${ctrl('a')}${keys.delete}H${ctrl('e')}`);
		assert.equal(await settled(app.value, 'Hunter2'), 'Hunter2');
		const frame = await waitFor(app.lastFrame, '[*******');
		assert.doesNotMatch(frame, /unter|s3cret/);
		app.stdin.write(keys.enter);
		await settled(() => String(app.submitted.length), '1');
		assert.deepEqual(app.submitted, ['Hunter2']);
		app.unmount();
	});
});
