import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {addressProblem, isLocalOnlyDomain, mailboxProblem} from '../../source/settings/address.js';
import {validateSetting} from '../../source/settings/catalogue.js';
import {originDomainProblem, resolveOrigin, rootSenderLine} from '../../source/settings/origin.js';
import {checkRecipient} from '../../source/verify/recipient.js';

const facts = {
	parameters: new Map([['mydomain', 'example.org'], ['myhostname', 'web01'], ['config_directory', '/etc/postfix']]),
	files: new Map<string, string | undefined>([['/etc/mailname', 'mail.example.net'], ['/etc/postfix/mailname', 'localhost'], ['/etc/missing', undefined]]),
};

describe('what myorigin resolves to', () => {
	test('a domain as written, $mydomain expanded, a file\'s first line', () => {
		assert.deepEqual(resolveOrigin('example.com', facts), {ok: true, domain: 'example.com'});
		assert.deepEqual(resolveOrigin('$mydomain', facts), {ok: true, domain: 'example.org'});
		assert.deepEqual(resolveOrigin('mail.${mydomain}', facts), {ok: true, domain: 'mail.example.org'});
		assert.deepEqual(resolveOrigin('/etc/mailname', facts), {ok: true, domain: 'mail.example.net'});
		assert.deepEqual(resolveOrigin('$config_directory/mailname', facts), {ok: true, domain: 'localhost'});
		assert.deepEqual(resolveOrigin('$nothing', facts), {ok: false, reason: 'unknown-parameter', what: '$nothing'});
		assert.deepEqual(resolveOrigin('/etc/missing', facts), {ok: false, reason: 'unreadable-file', what: '/etc/missing'});
	});

	test('an address, a single label, localhost and localdomain are refused with the reason', () => {
		assert.match(originDomainProblem('root@example.com')!.rule.en, /a domain, not an address/);
		assert.match(originDomainProblem('web01')!.rule.en, /single label/);
		assert.match(originDomainProblem('localhost')!.rule.en, /every machine calls itself/);
		assert.match(originDomainProblem('localdomain')!.rule.zh, /每台机器/);
		assert.match(originDomainProblem('web01.localdomain')!.rule.en, /every machine/);
		assert.equal(originDomainProblem('example.org'), undefined);
		assert.equal(rootSenderLine('example.org').en, 'cron mail from root will be sent as root@example.org');
	});

	test('the myorigin setting judges the resolved value when the facts are known', () => {
		const rule = (value: string, withFacts = true) => {
			const result = validateSetting('myorigin', value, withFacts ? facts : undefined);
			return result.ok ? undefined : result.error.rule.en;
		};

		assert.match(rule('root@example.com')!, /a domain, not an address/);
		assert.match(rule('localhost')!, /every machine/);
		assert.match(rule('web01', false)!, /single label/);
		assert.match(rule('$myhostname')!, /\$myhostname is web01/);
		assert.equal(rule('$myhostname', false), undefined, 'nothing to judge without the facts');
		assert.match(rule('$config_directory/mailname')!, /localhost/);
		assert.match(rule('/etc/missing')!, /does not exist/);
		assert.equal(rule('/etc/mailname'), undefined);
		assert.equal(rule('$mydomain'), undefined);
	});
});

describe('one address check', () => {
	test('plain addresses pass; malformed ones, options and map-breaking characters do not', () => {
		for (const good of ['ops@example.com', 'a.b+tag@sub.example.co.uk', 'x@localhost']) {
			assert.equal(addressProblem(good), undefined, good);
		}

		for (const bad of ['', 'ops', '@example.com', 'ops@', '-f@example.com', 'a b@example.com', 'a,b@example.com', 'a$b@example.com', 'ops@exa mple.com', 'ops@example.com.', 'ops@-x.com', '.a@example.com', 'a..b@example.com', 'a@b@c']) {
			assert.ok(addressProblem(bad), bad);
		}
	});

	test('a mailbox elsewhere needs a real mail domain', () => {
		assert.equal(mailboxProblem('ops@example.com'), undefined);
		assert.ok(mailboxProblem('root@localhost'));
		assert.ok(mailboxProblem('root@web01'));
		assert.ok(isLocalOnlyDomain('localhost.localdomain'));
		assert.ok(!isLocalOnlyDomain('notlocalhost.example'));
	});

	test('test mail recipients: an address, or a local name such as root', () => {
		assert.equal(checkRecipient(' root '), 'root');
		assert.equal(checkRecipient('ops@example.com'), 'ops@example.com');
		assert.throws(() => checkRecipient('-froot'));
		assert.throws(() => checkRecipient('a b'));
	});
});

describe('a myorigin in force that resolves badly', () => {
	test('is a finding with a proposal, not a dead end', async () => {
		const {findProblems, proposeValues} = await import('../../source/plan/classify.js');
		const current = new Map([['relayhost', '[smtp.example.org]:587'], ['myorigin', '$myhostname'], ['inet_interfaces', 'loopback-only'], ['mynetworks', '127.0.0.0/8 [::1]/128'], ['mydestination', '']]);
		const proposals = proposeValues(current, new Set(['myorigin']), {mydomain: 'example.org', originFacts: facts});
		assert.equal(proposals.get('myorigin'), 'example.org');
		const findings = findProblems({current, proposals, mainCfExists: true, configDir: '/etc/postfix', running: true, manager: 'systemd', isRoot: true, sandbox: false, originFacts: facts});
		const finding = findings.find(found => found.kind === 'setting');
		assert.ok(finding?.kind === 'setting');
		assert.equal(finding.parameter, 'myorigin');
		assert.equal(finding.proposal, 'example.org');
		assert.match(finding.problem.en, /single label/);
	});
});
