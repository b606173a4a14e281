import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type MachineFacts, classifyMachine, findProblems, isUpToDate, proposeValues} from '../../source/plan/classify.js';

const nullClient = new Map([
	['relayhost', '[smtp.example.com]:587'],
	['myorigin', 'example.com'],
	['inet_interfaces', 'loopback-only'],
	['mynetworks', '127.0.0.0/8 [::1]/128'],
	['mydestination', ''],
]);

const internetSite = new Map([
	['relayhost', ''],
	['myorigin', '$myhostname'],
	['inet_interfaces', 'all'],
	['mynetworks', '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128'],
	['mydestination', '$myhostname, localhost'],
]);

function facts(current: ReadonlyMap<string, string>, more: Partial<MachineFacts> = {}): MachineFacts {
	return {
		current,
		proposals: proposeValues(current, new Set(current.keys()), {mydomain: 'example.com'}),
		mainCfExists: true,
		configDir: '/srv/mail/postfix',
		running: true,
		manager: 'systemd',
		isRoot: true,
		sandbox: false,
		...more,
	};
}

describe('classifyMachine', () => {
	test('in the terms of Debian\'s installer', () => {
		assert.equal(classifyMachine(nullClient, 5), 'null-client');
		assert.equal(classifyMachine(internetSite, 5), 'internet-site');
		assert.equal(classifyMachine(new Map([...nullClient, ['mydestination', '$myhostname']]), 5), 'satellite');
		assert.equal(classifyMachine(new Map([...nullClient, ['inet_interfaces', 'all']]), 5), 'satellite');
		assert.equal(classifyMachine(new Map([...nullClient, ['inet_interfaces', '127.0.0.1, [::1]']]), 5), 'null-client');
		assert.equal(classifyMachine(internetSite, 0), 'unconfigured');
	});
});

describe('proposeValues', () => {
	test('keeps a value main.cf sets when it is valid and without risk', () => {
		const proposals = proposeValues(nullClient, new Set(nullClient.keys()), {mydomain: 'other.example'});
		assert.deepEqual(Object.fromEntries(proposals), Object.fromEntries(nullClient));
	});

	test('replaces risky or default values with the recommendation for this machine', () => {
		const proposals = proposeValues(internetSite, new Set(['relayhost', 'inet_interfaces', 'mynetworks', 'mydestination']), {mydomain: 'example.org'});
		assert.equal(proposals.get('relayhost'), '[smtp.example.org]:587');
		assert.equal(proposals.get('myorigin'), 'example.org', 'a default is not kept: it was never chosen');
		assert.equal(proposals.get('inet_interfaces'), 'loopback-only');
		assert.equal(proposals.get('mynetworks'), '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128', 'loopback only: kept as it is');
		assert.equal(proposals.get('mydestination'), '');
		const wide = proposeValues(new Map([['mynetworks', '127.0.0.0/8 10.0.0.0/8']]), new Set(['mynetworks']), {});
		assert.equal(wide.get('mynetworks'), '127.0.0.0/8 [::1]/128');
	});

	test('in --sandbox the relay is the sink, even over a working relayhost', () => {
		const proposals = proposeValues(nullClient, new Set(nullClient.keys()), {relayhost: '[127.0.0.1]:2525'});
		assert.equal(proposals.get('relayhost'), '[127.0.0.1]:2525');
	});

	test('isUpToDate: every proposal already in force, spaces aside', () => {
		assert.equal(isUpToDate(nullClient, nullClient), true);
		assert.equal(isUpToDate(new Map([...nullClient, ['mydestination', ' ']]), nullClient), true);
		assert.equal(isUpToDate(internetSite, nullClient), false);
	});
});

describe('findProblems', () => {
	test('a null client run by root under a running Postfix has none', () => {
		assert.deepEqual(findProblems(facts(nullClient)), []);
	});

	test('the machine first, then each risky setting with the value proposed instead', () => {
		const found = findProblems(facts(internetSite, {isRoot: false, running: false, mainCfExists: false, startingPoint: '/usr/share/postfix/main.cf.debian'}));
		assert.deepEqual(found.slice(0, 3), [{kind: 'not-root'}, {kind: 'no-main-cf', configDir: '/srv/mail/postfix', startingPoint: '/usr/share/postfix/main.cf.debian'}, {kind: 'not-running', manager: 'systemd'}]);
		const settings = found.filter(finding => finding.kind === 'setting');
		assert.deepEqual(settings.map(finding => [finding.parameter, finding.proposal]), [
			['relayhost', '[smtp.example.com]:587'],
			['inet_interfaces', 'loopback-only'],
			['mydestination', ''],
		]);
		assert.match(settings[0]!.problem.en, /direct delivery/);
		assert.ok(settings.every(finding => finding.problem.zh.length > 0));
	});

	test('root does not matter in --sandbox', () => {
		assert.deepEqual(findProblems(facts(nullClient, {isRoot: false, sandbox: true})), []);
	});
});
