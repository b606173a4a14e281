import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {orderAppended} from '../../source/plan/appended-order.js';

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
});
