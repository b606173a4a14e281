import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {unifiedDiff, withFinalNewline} from '../../source/plan/diff.js';
import {planChanges, sameValue, serviceFor} from '../../source/plan/plan.js';
import type {CurrentConfig} from '../../source/plan/types.js';

function current(explicit: Record<string, string>, defaults: Record<string, string>): CurrentConfig {
	const values = new Map(Object.entries({...defaults, ...explicit}));
	return {values, explicit: new Map(Object.entries(explicit)), defaults: new Map(Object.entries(defaults)), warnings: []};
}

describe('planChanges', () => {
	const debian = current(
		{relayhost: '', inet_interfaces: 'all', mynetworks: '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128', mydestination: '$myhostname, localhost'},
		{myorigin: '$myhostname', relayhost: '', inet_interfaces: 'all', mynetworks: '127.0.0.0/8', mydestination: '$myhostname, localhost.$mydomain, localhost'},
	);

	test('keeps only values that differ, with where the old value came from', () => {
		const plan = planChanges(debian, new Map([
			['myorigin', 'example.com'],
			['relayhost', '[smtp.example.com]:587'],
			['inet_interfaces', 'all'],
			['mydestination', ''],
		]));
		assert.deepEqual(plan.changes, [
			{name: 'myorigin', from: '$myhostname', fromExplicit: false, to: 'example.com'},
			{name: 'relayhost', from: '', fromExplicit: true, to: '[smtp.example.com]:587'},
			{name: 'mydestination', from: '$myhostname, localhost', fromExplicit: true, to: ''},
		]);
		assert.equal(plan.service, 'reload');
	});

	test('commas and spaces are the same list separator, so no change', () => {
		const plan = planChanges(debian, new Map([['mynetworks', '127.0.0.0/8, [::ffff:127.0.0.0]/104,[::1]/128']]));
		assert.deepEqual(plan.changes, []);
		assert.equal(plan.service, 'none');
	});

	test('inet_interfaces needs a restart, and so does inet_protocols', () => {
		assert.equal(planChanges(debian, new Map([['inet_interfaces', 'loopback-only']])).service, 'restart');
		assert.equal(serviceFor([{name: 'inet_protocols', from: 'all', fromExplicit: false, to: 'ipv4'}]), 'restart');
		assert.equal(serviceFor([{name: 'relayhost', from: '', fromExplicit: false, to: '[a.example]'}]), 'reload');
	});

	test('removals take out only what main.cf sets, leaving the default in force', () => {
		const login = current({smtp_sasl_auth_enable: 'yes', relayhost: '[a.example]'}, {smtp_sasl_auth_enable: 'no', smtp_tls_wrappermode: 'no', relayhost: ''});
		const plan = planChanges(login, new Map([['relayhost', '[a.example]']]), ['smtp_sasl_auth_enable', 'smtp_tls_wrappermode']);
		assert.deepEqual(plan.changes, [{name: 'smtp_sasl_auth_enable', from: 'yes', fromExplicit: true, to: 'no', removed: true}]);
		assert.equal(plan.service, 'reload');
	});

	test('sameValue trims and ignores separators, but not content', () => {
		assert.ok(sameValue(' a,b ', 'a b'));
		assert.ok(!sameValue('a b', 'a c'));
		assert.ok(sameValue('', '  '));
	});
});

describe('unifiedDiff', () => {
	test('is empty for identical files and shows each changed line', () => {
		assert.equal(unifiedDiff('/etc/postfix/main.cf', 'a = 1\n', 'a = 1\n'), '');
		const diff = unifiedDiff('/etc/postfix/main.cf', 'a = 1\nrelayhost =\n', 'a = 1\nrelayhost = [x.example]\n');
		assert.match(diff, /^--- \/etc\/postfix\/main\.cf\tcurrent$/m);
		assert.match(diff, /^\+\+\+ \/etc\/postfix\/main\.cf\tproposed$/m);
		assert.match(diff, /^-relayhost =$/m);
		assert.match(diff, /^\+relayhost = \[x\.example\]$/m);
		assert.doesNotMatch(diff, /^Index:/m);
	});

	test('shows a missing final newline being added', () => {
		const diff = unifiedDiff('main.cf', 'a = 1', 'a = 1\nb = 2\n');
		assert.match(diff, /\\ No newline at end of file/);
	});
});

describe('withFinalNewline', () => {
	test('adds exactly one newline where one is missing', () => {
		assert.equal(withFinalNewline(Buffer.from('a = 1')).toString(), 'a = 1\n');
		assert.equal(withFinalNewline(Buffer.from('a = 1\n')).toString(), 'a = 1\n');
		assert.equal(withFinalNewline(Buffer.alloc(0)).toString(), '');
	});
});
