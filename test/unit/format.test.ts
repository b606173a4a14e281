import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {describe, test} from 'node:test';
import {equivalentApplyCommand, shellQuote} from '../../source/commands/format.js';

/** What a POSIX shell makes of a quoted word: the word, unchanged, as one argument. */
function throughShell(word: string): string {
	return spawnSync('sh', ['-c', `printf '%s' ${word}`], {encoding: 'utf8'}).stdout;
}

describe('the equivalent command line', () => {
	test('quotes what a shell would expand or split, and nothing else', () => {
		assert.equal(shellQuote('inet_interfaces=loopback-only'), 'inet_interfaces=loopback-only');
		for (const value of ['relayhost=[smtp.example.com]:587', 'myorigin=$mydomain', 'mynetworks=127.0.0.0/8 [::1]/128', "it's", 'a*b', 'a?b', '']) {
			assert.notEqual(shellQuote(value), value, value);
			assert.equal(throughShell(shellQuote(value)), value, value);
		}
	});

	test('gives every setting, then --yes', () => {
		const line = equivalentApplyCommand('postfix-wizard', new Map([['relayhost', '[127.0.0.1]:2525'], ['mydestination', '']]), '/tmp/pf dir');
		assert.equal(line, "postfix-wizard --config-dir '/tmp/pf dir' apply --set 'relayhost=[127.0.0.1]:2525' --set mydestination= --yes");
	});
});
