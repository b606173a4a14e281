import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {byteLineSplitter} from '../../source/postfix/line-splitter.js';

describe('byteLineSplitter', () => {
	function collect() {
		const lines: Array<{text: string; inChunk: boolean}> = [];
		let chunk: Buffer | undefined;
		const split = byteLineSplitter((bytes, start, end) => {
			lines.push({text: bytes.toString('utf8', start, end), inChunk: bytes === chunk});
		});
		return {lines, write: (bytes: Buffer) => split.write(chunk = bytes), end: () => split.end()};
	}

	test('gives whole lines as ranges of the chunk itself, copying only a line cut between chunks', () => {
		const {lines, write, end} = collect();
		write(Buffer.from('one\ntwo\r\nthr'));
		write(Buffer.from('ee\nfour'));
		assert.deepEqual(lines, [{text: 'one', inChunk: true}, {text: 'two', inChunk: true}, {text: 'three', inChunk: false}]);
		end();
		assert.deepEqual(lines.at(-1), {text: 'four', inChunk: false}, 'the last line, without its newline, when the stream ends');
	});

	test('a \\r before a \\n in the next chunk, an empty line, and an end with nothing left', () => {
		const {lines, write, end} = collect();
		write(Buffer.from('a\r'));
		write(Buffer.from('\n\nb\n'));
		end();
		assert.deepEqual(lines.map(line => line.text), ['a', '', 'b']);
	});

	test('keeps nothing of a chunk past the call: a reused buffer does not change a line cut in it', () => {
		const {lines, write} = collect();
		const buffer = Buffer.from('hel');
		write(buffer);
		buffer.write('XXX');
		write(Buffer.from('lo\n'));
		assert.deepEqual(lines.map(line => line.text), ['hello']);
	});
});
