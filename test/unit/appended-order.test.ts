import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {orderAppended as orderBytes} from '../../source/plan/appended-order.js';

const orderAppended = (text: string, names: readonly string[]) => orderBytes(Buffer.from(text, 'latin1'), names).toString('latin1');

describe('orderAppended', () => {
	const body = '# comment\nmyhostname = a.example\n';

	test('puts the appended block in the order asked, touching nothing above it', () => {
		const fromPostconf = `${body}mydestination = \nrelayhost = [x.example]\nmyorigin = example.com\n`;
		assert.equal(
			orderAppended(fromPostconf, ['relayhost', 'myorigin', 'mydestination']),
			`${body}relayhost = [x.example]\nmyorigin = example.com\nmydestination = \n`,
		);
	});

	test('leaves the text alone when the tail is not exactly the appended names', () => {
		const unexpected = `${body}relayhost = [x.example]\n    folded continuation\n`;
		assert.equal(orderAppended(unexpected, ['relayhost', 'myorigin']), unexpected);
		const single = `${body}relayhost = [x.example]\n`;
		assert.equal(orderAppended(single, ['relayhost']), single);
	});

	test('keeps a missing final newline missing', () => {
		assert.equal(orderAppended('b = 2\na = 1', ['a', 'b']), 'a = 1\nb = 2');
	});

	test('a file that is only the appended block', () => {
		assert.equal(orderAppended('b = 2\na = 1\n', ['a', 'b']), 'a = 1\nb = 2\n');
	});
});
