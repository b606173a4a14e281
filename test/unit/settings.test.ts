import assert from 'node:assert/strict';
import {isIPv6} from 'node:net';
import {describe, test} from 'node:test';
import {findSetting, formatValidationError, settings, validateSetting} from '../../source/settings/catalogue.js';
import {validateGenericValue, validateParameterName} from '../../source/settings/generic.js';
import {parseRelay} from '../../source/settings/relayhost.js';
import {
	hostnameProblem,
	ipv4NetworkProblem,
	ipv6NetworkProblem,
	isFileName,
	isIPv6Address,
	isLookupTable,
	isLoopbackAddress,
	isLoopbackNetwork,
	isParameterReference,
	isStrictIPv4,
	listItems,
	unsafeCharacters,
} from '../../source/settings/syntax.js';
import type {Validation} from '../../source/settings/types.js';

const longLabel = 'a'.repeat(64);
const label63 = 'a'.repeat(63);
const longName = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`; // 254 characters
const name253 = longName.slice(0, -1);
assert.equal(longName.length, 254);

/** Each bad value with the part the error must point at. */
const table: Record<string, {good: string[]; bad: Array<[value: string, part: string]>}> = {
	relayhost: {
		good: [
			'',
			'[smtp.example.com]',
			'[smtp.example.com]:587',
			'smtp.example.com',
			'smtp.example.com:2525',
			'[192.0.2.1]',
			'[192.0.2.1]:465',
			'192.0.2.1:25',
			'[ipv6:2001:db8::1]',
			'[IPv6:2001:db8::1]:587',
			'[2001:db8::1]:587',
			'[mail.example.com]:submission',
			'[a.example]:587, [b.example]:587',
			'[a.example]:587 [b.example]:2525',
			'relay-1.example.org',
			'[smtp.example.com]:65535',
			'[smtp.example.com]:1',
			` [smtp.example.com]:587\t`,
			`[${label63}.example.com]`,
			`[${name253}]`,
			'[127.0.0.1]:2525',
		],
		bad: [
			['[smtp.example.com', '[smtp.example.com'],
			['smtp.example.com]', 'smtp.example.com]'],
			['[[smtp.example.com]]', '[[smtp.example.com]]'],
			['[smtp.example.com]587', '[smtp.example.com]587'],
			['[]', '[]'],
			['[]:587', '[]:587'],
			['[smtp.example.com]:0', '0'],
			['[smtp.example.com]:65536', '65536'],
			['[smtp.example.com]:99999', '99999'],
			['[smtp.example.com]:abc$', 'abc$'],
			['[smtp.example.com]:587abc', '587abc'],
			['[smtp.example.com]:-1', '-1'],
			['[smtp.example.com]:0587', '0587'],
			['[smtp.example.com]:', ':'],
			['smtp.example.com:0', '0'],
			['[-bad.example.com]', '-bad'],
			['[bad-.example.com]', 'bad-'],
			['[bad..example.com]', 'bad..example.com'],
			['[bad_host.example.com]', 'bad_host'],
			[`[${longLabel}.example.com]`, longLabel],
			[`[${longName}]`, longName],
			['[256.1.1.1]', '256.1.1.1'],
			['[010.1.1.1]', '010.1.1.1'],
			['[1.2.3]', '1.2.3'],
			['2001:db8::1', '2001:db8::1'],
			['[ipv6:192.0.2.1]', 'ipv6:192.0.2.1'],
			['[ipv6:fe80::1%eth0]', 'ipv6:fe80::1%eth0'],
			['[smtp.example.com]:587, [bad-.example]', 'bad-'],
			['[smtp.example.com];reboot', ';'],
			['[smtp.example.com]\nmydestination = evil', '\\x0a'],
			['[smtp.example.com]\r', '\\x0d'],
			['[smtp.example.com]\u0000', '\\x00'],
			['[smtp.example.com]\u007F', '\\x7f'],
			['$(id)', '('],
			['`id`', '`'],
			['smtp.exa mple.com|x', '|'],
			['smtp.example.com && reboot', '&'],
			['smtp.example.com > /etc/passwd', '>'],
			['"smtp.example.com"', '"'],
			['smtp\\.example.com', '\\'],
		],
	},
	myorigin: {
		good: ['example.com', 'mail.example.co.uk', '$mydomain', '$myhostname', '${mydomain}', 'mail.$mydomain', '/etc/mailname', '$config_directory/mailname', 'xn--fiqs8s.example', 'a.b', 'EXAMPLE.COM', ' example.com ', `${label63}.com`, name253],
		bad: [
			['', ''],
			['   ', ''],
			['exa mple.com', 'exa mple.com'],
			['example.com, example.org', 'example.com, example.org'],
			['-example.com', '-example'],
			['example-.com', 'example-'],
			['example..com', 'example..com'],
			['.example.com', '.example.com'],
			['example.com.', 'example.com.'],
			[`${longLabel}.com`, longLabel],
			[longName, longName],
			['example.123', 'example.123'],
			['256.1.1.1', '256.1.1.1'],
			['ex_ample.com', 'ex_ample'],
			['exämple.com', 'exämple'],
			['$my-domain', '$my-domain'],
			['$', '$'],
			['/etc/../shadow', '/etc/../shadow'],
			['example.com;rm', ';'],
			['example.com\r', '\\x0d'],
			['example.com\n', '\\x0a'],
			['$my domain', '$my domain'],
			['`id`', '`'],
			['$(hostname)', '('],
			["example.com'", "'"],
		],
	},
	inet_interfaces: {
		good: ['loopback-only', 'all', 'localhost', 'LOOPBACK-ONLY', '127.0.0.1', '127.0.0.1, [::1]', '127.0.0.1 ::1', '192.0.2.10', 'mail.example.com', '127.0.0.1,192.0.2.1', ' loopback-only ', 'localhost, 192.0.2.1', '2001:db8::10', '[2001:db8::10]'],
		bad: [
			['', ''],
			[' , ', ','],
			['all, 127.0.0.1', 'all'],
			['loopback-only 127.0.0.1', 'loopback-only'],
			['127.0.0.256', '127.0.0.256'],
			['010.0.0.1', '010.0.0.1'],
			['-eth0', '-eth0'],
			['eth0-', 'eth0-'],
			['127.0.0.1;', ';'],
			['all\n', '\\x0a'],
			['loopback-only\u0007', '\\x07'],
			[`${longLabel}.example`, `${longLabel}.example`],
			[longName, longName],
			['127.0.0.1/8', '127.0.0.1/8'],
			['[zz::1]', '[zz::1]'],
			['fe80::1%eth0', 'fe80::1%eth0'],
			['127.0.0.1:25', '127.0.0.1:25'],
			['a&b', '&'],
			['$(reboot)', '('],
		],
	},
	mynetworks: {
		good: [
			'',
			'127.0.0.0/8 [::1]/128',
			'127.0.0.0/8, [::1]/128',
			'127.0.0.0/8,[::1]/128',
			'127.0.0.0/8\t[::1]/128',
			'127.0.0.1',
			'[::1]',
			'192.0.2.0/24',
			'0.0.0.0/0',
			'[::]/0',
			'[2001:db8::]/32',
			'[::ffff:127.0.0.0]/104',
			'/etc/postfix/network_table',
			'hash:/etc/postfix/network_table',
			'cidr:/etc/postfix/clients.cidr',
			'proxy:lmdb:/etc/postfix/clients',
			'lmdb:${config_directory}/clients',
			'inline:{ 192.0.2.1=ok, 192.0.2.2=ok }',
			'$config_directory/mynetworks',
			'$mynetworks_extra',
			'127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128',
			'trusted.example.com',
			'127.0.0.0/8 !127.0.0.2',
			'!/etc/postfix/untrusted 127.0.0.0/8',
			'10.0.0.0/8',
			'127.0.0.0/32',
		],
		bad: [
			['127.0.0.1/33', '127.0.0.1/33'],
			['127.0.0.0/-1', '127.0.0.0/-1'],
			['256.0.0.0/8', '256.0.0.0/8'],
			['127.0.0.0/8/8', '127.0.0.0/8/8'],
			['010.0.0.0/8', '010.0.0.0/8'],
			['127.0.0/8', '127.0.0/8'],
			['127.0.0.1/8', '127.0.0.1/8'],
			['192.168.1.1/24', '192.168.1.1/24'],
			['[::1]/129', '[::1]/129'],
			['[::1]/64', '[::1]/64'],
			['[::1', '[::1'],
			['::1]', '::1]'],
			['[zz::1]/64', '[zz::1]/64'],
			['[fe80::1%eth0]/128', '[fe80::1%eth0]/128'],
			['::1/128', '::1/128'],
			['2001:db8::/32', '2001:db8::/32'],
			['fd00::/8', 'fd00::/8'],
			['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
			['127.0.0.0/8;reboot', ';'],
			['127.0.0.0/8\n192.0.2.0/24', '\\x0a'],
			['127.0.0.0/8\u001B', '\\x1b'],
			['/etc/../shadow', '/etc/../shadow'],
			['127.0.0.0/x', '127.0.0.0/x'],
			['127.0.0.0/8 -bad.example', '-bad.example'],
			[`${longLabel}.example`, `${longLabel}.example`],
			['!', '!'],
			['!!127.0.0.1', '!!127.0.0.1'],
			['hash:', 'hash:'],
			['inline:{ 1=2', 'inline:{ 1=2'],
			['$(id)', '('],
			['`id`', '`'],
		],
	},
	mydestination: {
		good: ['', '   ', '$myhostname, localhost.$mydomain, localhost', 'example.com', 'localhost', '$mydestination_extra', 'hash:/etc/postfix/destinations', '/etc/postfix/destinations', 'mail.example.com example.com', '${myhostname}', 'a.example,b.example', `${label63}.example`, name253],
		bad: [
			['exa$mple.com', 'exa$mple.com'],
			['-bad.example', '-bad.example'],
			['bad-.example', 'bad-.example'],
			['bad..example', 'bad..example'],
			[`${longLabel}.example`, `${longLabel}.example`],
			[longName, longName],
			['example.com;', ';'],
			['example.com\u0000', '\\x00'],
			['example.com\nrelayhost = evil', '\\x0a'],
			['localhost.$', 'localhost.$'],
			['$my-hostname', '$my-hostname'],
			['under_score.example', 'under_score.example'],
			['example.999', 'example.999'],
			['/etc/../x', '/etc/../x'],
			['a|b', '|'],
			['"quoted"', '"'],
			['$(id)', '('],
		],
	},
};

function assertError(result: Validation, name: string, part: string, value: string): void {
	assert.equal(result.ok, false, `${name}=${JSON.stringify(value)} should be refused`);
	if (!result.ok) {
		assert.equal(result.error.parameter, name);
		assert.equal(result.error.part, part, `${name}=${JSON.stringify(value)}: part`);
		assert.ok(result.error.rule.en.length > 10, `${name}=${JSON.stringify(value)}: an English rule`);
		assert.match(result.error.rule.zh, /[\u4E00-\u9FFF]/, `${name}=${JSON.stringify(value)}: a Chinese rule`);
	}
}

function warningsOf(name: string, value: string): string {
	const result = validateSetting(name, value);
	assert.ok(result.ok, `${name}=${JSON.stringify(value)} should be valid`);
	if (!result.ok) {
		return '';
	}

	for (const warning of result.warnings) {
		assert.equal(warning.parameter, name);
		assert.match(warning.message.zh, /[\u4E00-\u9FFF]/, 'a Chinese warning');
	}

	return result.warnings.map(warning => warning.message.en).join('\n');
}

describe('the catalogue', () => {
	test('has the five null-client parameters in a fixed order, each explained in both languages', () => {
		assert.deepEqual(settings.map(setting => setting.name), ['relayhost', 'myorigin', 'inet_interfaces', 'mynetworks', 'mydestination']);
		for (const setting of settings) {
			assert.equal(findSetting(setting.name), setting);
			assert.ok(setting.explanation.en.length > 80, setting.name);
			assert.match(setting.explanation.zh, /[\u4E00-\u9FFF]/, setting.name);
			const sentences = setting.explanation.en.split(/(?<=\.)\s+(?=[A-Z`$[])/).length;
			assert.ok(sentences >= 2 && sentences <= 4, `${setting.name}: ${sentences} sentences`);
		}

		assert.equal(findSetting('relayhst'), undefined);
	});

	test('only inet_interfaces needs a full restart', () => {
		assert.deepEqual(settings.map(setting => [setting.name, setting.serviceAction]), [
			['relayhost', 'reload'],
			['myorigin', 'reload'],
			['inet_interfaces', 'restart'],
			['mynetworks', 'reload'],
			['mydestination', 'reload'],
		]);
	});

	test('the defaults are what postconf -d prints for Postfix 3.7', () => {
		assert.equal(findSetting('inet_interfaces')?.postfixDefault, 'all');
		assert.equal(findSetting('relayhost')?.postfixDefault, '');
		assert.equal(findSetting('myorigin')?.postfixDefault, '$myhostname');
		assert.equal(findSetting('mydestination')?.postfixDefault, '$myhostname, localhost.$mydomain, localhost');
		// Computed per machine by Postfix; the constant is the loopback part every machine shares.
		assert.equal(findSetting('mynetworks')?.postfixDefault, '127.0.0.1/32 [::1]/128');
		for (const setting of settings) {
			assert.ok(setting.validate(setting.postfixDefault).ok, `${setting.name}'s default is valid`);
		}
	});

	test('recommendations are valid and quiet, whatever the machine says', () => {
		const contexts = [{}, {mydomain: 'example.org'}, {mydomain: 'localdomain'}, {mydomain: 'bad domain'}, {relayhost: '[127.0.0.1]:2525'}];
		for (const setting of settings) {
			for (const context of contexts) {
				const value = setting.recommended(context);
				const result = setting.validate(value);
				assert.ok(result.ok, `${setting.name} recommends ${JSON.stringify(value)} for ${JSON.stringify(context)}`);
				if (result.ok && setting.name !== 'relayhost') {
					assert.deepEqual(result.warnings, [], `${setting.name}=${value}`);
				}
			}
		}
	});

	test('recommendations follow the machine', () => {
		const recommend = (name: string, context: object) => findSetting(name)?.recommended(context);
		assert.equal(recommend('myorigin', {mydomain: 'example.org'}), 'example.org');
		assert.equal(recommend('myorigin', {mydomain: 'localdomain'}), '$mydomain');
		assert.equal(recommend('myorigin', {mydomain: 'bad domain.org'}), '$mydomain');
		assert.equal(recommend('myorigin', {}), '$mydomain');
		assert.equal(recommend('relayhost', {relayhost: '[127.0.0.1]:2525'}), '[127.0.0.1]:2525');
		assert.equal(recommend('relayhost', {relayhost: '[127.0.0.1]:2525', mydomain: 'example.org'}), '[127.0.0.1]:2525');
		assert.equal(recommend('relayhost', {mydomain: 'example.org'}), '[smtp.example.org]:587');
		assert.equal(recommend('relayhost', {mydomain: 'localdomain'}), '[smtp.example.com]:587');
		assert.equal(recommend('relayhost', {}), '[smtp.example.com]:587');
		assert.equal(recommend('inet_interfaces', {}), 'loopback-only');
		assert.equal(recommend('mynetworks', {}), '127.0.0.0/8 [::1]/128');
		assert.equal(recommend('mydestination', {myhostname: 'web01.example.org'}), '');
	});
});

for (const [name, {good, bad}] of Object.entries(table)) {
	describe(name, () => {
		test('accepts valid values', () => {
			for (const value of good) {
				const result = validateSetting(name, value);
				assert.ok(result.ok, `${name}=${JSON.stringify(value)}: ${result.ok ? '' : `${result.error.part}: ${result.error.rule.en}`}`);
				// The setting's own validate() and the catalogue's entry point agree.
				assert.equal(findSetting(name)?.validate(value).ok, true);
			}
		});

		test('refuses invalid values, naming the offending part and the rule', () => {
			for (const [value, part] of bad) {
				assertError(validateSetting(name, value), name, part, value);
				assertError(findSetting(name)!.validate(value), name, part, value);
			}
		});
	});
}

describe('precise rules', () => {
	const rule = (name: string, value: string) => {
		const result = validateSetting(name, value);
		return result.ok ? '' : result.error.rule.en;
	};

	test('ports, brackets, addresses and prefixes say what is expected', () => {
		assert.equal(rule('relayhost', '[smtp.example.com]:65536'), 'port must be a number from 1 to 65535');
		assert.match(rule('relayhost', '[smtp.example.com]:0587'), /without leading zeros \(587\)/);
		assert.match(rule('relayhost', '[smtp.example.com'), /brackets must be balanced/);
		assert.match(rule('relayhost', '2001:db8::1'), /IPv6 relay goes in brackets/);
		assert.match(rule('mynetworks', '127.0.0.1/33'), /0 to 32/);
		assert.match(rule('mynetworks', '[::1]/129'), /0 to 128/);
		assert.match(rule('mynetworks', '192.168.1.1/24'), /write 192\.168\.1\.0\/24/);
		assert.match(rule('mynetworks', '[2001:db8::1]/32'), /write \[2001:db8::\]\/32/);
		assert.match(rule('mynetworks', '2001:db8::/32'), /in brackets: \[2001:db8::\]\/32/);
		assert.match(rule('myorigin', `${longLabel}.com`), /at most 63/);
		assert.match(rule('myorigin', longName), /at most 253/);
		assert.match(rule('inet_interfaces', 'all, 127.0.0.1'), /stands alone/);
		assert.match(rule('mydestination', 'a\nb'), /newlines/);
	});
});

describe('risk warnings', () => {
	test('inet_interfaces: listening beyond loopback', () => {
		assert.match(warningsOf('inet_interfaces', 'all'), /open relay/);
		assert.match(warningsOf('inet_interfaces', 'ALL'), /open relay/);
		assert.match(warningsOf('inet_interfaces', '192.0.2.10'), /192\.0\.2\.10 is reachable from the network/);
		assert.match(warningsOf('inet_interfaces', '127.0.0.1, mail.example.com'), /mail\.example\.com is reachable/);
		assert.match(warningsOf('inet_interfaces', '[2001:db8::1]'), /reachable from the network/);
		for (const quiet of ['loopback-only', 'localhost', '127.0.0.1', '127.0.0.1, ::1', '[::1]', 'localhost 127.0.0.1']) {
			assert.equal(warningsOf('inet_interfaces', quiet), '', quiet);
		}
	});

	test('mynetworks: anything wider than loopback is loud', () => {
		assert.match(warningsOf('mynetworks', '127.0.0.0/8 192.168.0.0/16'), /192\.168\.0\.0\/16 is wider than loopback.*open relay/);
		assert.match(warningsOf('mynetworks', '0.0.0.0/0'), /every address on the Internet.*open relay/);
		assert.match(warningsOf('mynetworks', '[::]/0'), /every address/);
		assert.match(warningsOf('mynetworks', '127.0.0.0/8 [2001:db8::]/32'), /\[2001:db8::\]\/32 is wider/);
		assert.match(warningsOf('mynetworks', '126.0.0.0/7'), /126\.0\.0\.0\/7 is wider/);
		assert.match(warningsOf('mynetworks', '[::]/127'), /wider/);
		assert.match(warningsOf('mynetworks', 'trusted.example.com'), /wider than loopback/);
		assert.match(warningsOf('mynetworks', 'hash:/etc/postfix/network_table'), /cannot check/);
		assert.match(warningsOf('mynetworks', '/etc/postfix/network_table'), /cannot check/);
		assert.match(warningsOf('mynetworks', ''), /Relay access denied/);
	});

	test('mynetworks: loopback and exclusions stay quiet', () => {
		for (const quiet of ['127.0.0.0/8 [::1]/128', '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128', '127.0.0.1', '[::1]', '[0:0:0:0:0:0:0:1]/128', '127.0.0.0/8 !127.0.0.2', '127.0.0.0/8 !192.0.2.0/24', 'localhost']) {
			assert.equal(warningsOf('mynetworks', quiet), '', quiet);
		}
	});

	test('relayhost: empty is direct delivery; no brackets means an MX lookup; loopback:25 loops', () => {
		assert.match(warningsOf('relayhost', ''), /direct delivery/);
		assert.match(warningsOf('relayhost', '   '), /direct delivery/);
		assert.match(warningsOf('relayhost', 'smtp.example.com'), /smtp\.example\.com has no brackets.*MX records.*\[smtp\.example\.com\]/);
		assert.match(warningsOf('relayhost', 'smtp.example.com:587'), /MX records/);
		assert.match(warningsOf('relayhost', '[127.0.0.1]'), /loop back/);
		assert.match(warningsOf('relayhost', '[localhost]:25'), /loop back/);
		assert.match(warningsOf('relayhost', '[ipv6:::1]:smtp'), /loop back/);
		for (const quiet of ['[smtp.example.com]:587', '[192.0.2.1]', '192.0.2.1:25', '[127.0.0.1]:2525', '[ipv6:2001:db8::1]:587', '[a.example]:587, [b.example]:587']) {
			assert.equal(warningsOf('relayhost', quiet), '', quiet);
		}
	});

	test('myorigin: a name without a dot is refused (cron mail would leave as root@name); real domains pass quietly', () => {
		for (const [value, reason] of [['localhost', /every machine calls itself/], ['web01', /single label/], ['root@example.com', /a domain, not an address/]] as const) {
			const result = validateSetting('myorigin', value);
			assert.ok(!result.ok && reason.test(result.error.rule.en), value);
		}

		for (const quiet of ['example.com', '$mydomain', '$myhostname', '/etc/mailname', 'mail.$mydomain']) {
			assert.equal(warningsOf('myorigin', quiet), '', quiet);
		}
	});

	test('mydestination: anything listed keeps mail on this machine', () => {
		assert.match(warningsOf('mydestination', '$myhostname, localhost'), /delivered on this machine/);
		assert.match(warningsOf('mydestination', 'localhost'), /delivered on this machine/);
		assert.equal(warningsOf('mydestination', ''), '');
		assert.equal(warningsOf('mydestination', ' '), '');
	});
});

describe('warnings quote the answers of the steps before', () => {
	const warned = (name: string, value: string, answers: Record<string, string>, lang: 'en' | 'zh' = 'en') => {
		const result = validateSetting(name, value, undefined, answers);
		assert.ok(result.ok, value);
		return result.warnings.map(warning => warning.message[lang]).join('\n');
	};

	test('mynetworks names the inet_interfaces answered: an open relay now, or not yet', () => {
		const open = warned('mynetworks', '127.0.0.0/8 10.0.0.0/8', {inet_interfaces: 'all'});
		assert.match(open, /10\.0\.0\.0\/8 is wider than loopback.*You set inet_interfaces = all, so the network can connect: this is an open relay as soon as it is applied/);
		assert.doesNotMatch(open, /Combined with/);
		assert.match(warned('mynetworks', '10.0.0.0/8', {inet_interfaces: '192.0.2.10'}), /inet_interfaces = 192\.0\.2\.10, so the network can connect/);
		assert.match(warned('mynetworks', '10.0.0.0/8', {inet_interfaces: 'loopback-only'}), /You set inet_interfaces = loopback-only, so nothing outside can connect for now/);
		assert.match(warned('mynetworks', '0.0.0.0/0', {inet_interfaces: 'all'}), /every address on the Internet.*You set inet_interfaces = all/);
		assert.match(warned('mynetworks', '10.0.0.0/8', {inet_interfaces: 'all'}, 'zh'), /你把 inet_interfaces 设为 all，网络上的机器可以连进来/);
		assert.equal(warned('mynetworks', '127.0.0.0/8', {inet_interfaces: 'all'}), '');
	});

	test('mydestination names the relay and the myorigin answered', () => {
		const text = warned('mydestination', 'example.com, localhost', {relayhost: '[smtp.example.com]:587', myorigin: 'example.com'});
		assert.match(text, /mail for example\.com, localhost is delivered on this machine instead of going to \[smtp\.example\.com\]:587, your relay/);
		assert.match(text, /That includes example\.com, your myorigin: .*cron's to root@example\.com/);
		assert.doesNotMatch(warned('mydestination', 'localhost', {relayhost: '[smtp.example.com]:587', myorigin: 'example.com'}), /your myorigin/);
		assert.match(warned('mydestination', '$myhostname', {relayhost: '', myorigin: '$myhostname'}), /instead of being sent on.*That includes \$myhostname, your myorigin/);
		assert.match(warned('mydestination', 'example.com', {relayhost: '[smtp.example.com]:587', myorigin: 'example.com'}, 'zh'), /而不是交给你的中继 \[smtp\.example\.com\]:587。其中包括你的 myorigin example\.com/);
	});

	test('only earlier answers are quoted: inet_interfaces comes before mynetworks, not after', () => {
		assert.match(warned('inet_interfaces', 'all', {mynetworks: '10.0.0.0/8'}), /with a mynetworks wider than loopback/);
		assert.match(warned('mynetworks', '10.0.0.0/8', {mydestination: 'x', relayhost: '[r.example]'}), /Combined with inet_interfaces = all/);
	});
});

describe('parameters outside the catalogue', () => {
	test('take any value without newlines, control characters or a leading #', () => {
		for (const [name, value] of [
			['smtp_tls_security_level', 'encrypt'],
			['local_transport', 'error:local delivery is disabled'],
			['smtp_sasl_password_maps', 'hash:/etc/postfix/sasl_passwd'],
			['smtp_tls_wrappermode', 'yes'],
			['header_checks', 'regexp:/etc/postfix/header_checks'],
			['smtpd_banner', '$myhostname ESMTP "quoted"; (with) | anything & more'],
			['smtp_sasl_security_options', 'noanonymous'],
			['alias_maps', ''],
			['notify_classes', 'resource,\tsoftware'],
			['message_size_limit', 'value with a # inside'],
			['2bounce_notice_recipient', 'postmaster'],
		]) {
			assert.deepEqual(validateSetting(name!, value!), {ok: true, warnings: []}, `${name}=${value}`);
			assert.ok(validateGenericValue(name!, value!).ok);
		}

		assertError(validateSetting('smtp_tls_security_level', 'encrypt\nrelayhost=x'), 'smtp_tls_security_level', '\\x0a', 'newline');
		assertError(validateSetting('smtp_tls_security_level', 'encrypt\r'), 'smtp_tls_security_level', '\\x0d', 'carriage return');
		assertError(validateSetting('smtp_tls_security_level', '\u0000'), 'smtp_tls_security_level', '\\x00', 'NUL');
		assertError(validateSetting('smtp_tls_security_level', 'a\u007Fb'), 'smtp_tls_security_level', '\\x7f', 'DEL');
		assertError(validateSetting('smtp_tls_security_level', '# off'), 'smtp_tls_security_level', '# off', 'comment');
		assertError(validateSetting('smtp_tls_security_level', '  #off'), 'smtp_tls_security_level', '#off', 'comment');
	});

	test('need a name in Postfix\'s syntax', () => {
		for (const name of ['Relay-Host', 'a b', '', 'relayhost ', 'relay.host', 'relayhost\n', '$relayhost', 'smtp-tls']) {
			assertError(validateSetting(name, 'x'), name, name, 'name');
			assert.equal(validateParameterName(name)?.part, name);
		}

		// Capitals are Postfix's own (Debian's stock main.cf sets smtp_tls_CApath); whether a name exists is postconf -d's to say.
		for (const name of ['relayhost', 'smtp_tls_security_level', 'lmtp_tls_mandatory_protocols', '2bounce_notice_recipient', 'smtp_sasl_password_maps', 'smtp_tls_CAfile', 'smtp_tls_CApath', 'RELAYHOST']) {
			assert.equal(validateParameterName(name), undefined, name);
		}
	});

	test('catalogue parameters get the generic rules too', () => {
		assertError(validateSetting('relayhost', '#[smtp.example.com]'), 'relayhost', '#[smtp.example.com]', 'comment');
		assertError(validateSetting('mydestination', '# nothing'), 'mydestination', '# nothing', 'comment');
	});
});

describe('shared syntax', () => {
	test('host names', () => {
		for (const good of ['a', 'example.com', 'EXAMPLE.com', 'a-b.c', 'xn--p1ai', '1password.com', 'example.com.', label63, name253]) {
			assert.equal(hostnameProblem(good), undefined, good);
		}

		for (const bad of ['', '.', '-a', 'a-', 'a..b', 'a_b', 'a b', longLabel, longName, '1.2.3.4.5', 'example.123', 'ex!ample']) {
			assert.ok(hostnameProblem(bad), bad);
		}
	});

	test('IPv4 addresses and networks', () => {
		for (const good of ['0.0.0.0', '127.0.0.1', '255.255.255.255', '10.0.0.0']) {
			assert.ok(isStrictIPv4(good), good);
		}

		for (const bad of ['256.0.0.0', '010.0.0.1', '1.2.3', '1.2.3.4.5', '1.2.3.-4', ' 1.2.3.4', '1.2.3.4 ', '0x7f.0.0.1']) {
			assert.ok(!isStrictIPv4(bad), bad);
		}

		for (const good of ['10.0.0.0/8', '0.0.0.0/0', '192.0.2.1/32', '192.0.2.1', '192.0.2.128/25']) {
			assert.equal(ipv4NetworkProblem(good), undefined, good);
		}

		for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08x', '10.0.0.1/8', '10.0.0.0/8/8', '10.0.0/8']) {
			assert.ok(ipv4NetworkProblem(bad), bad);
		}
	});

	test('IPv6 networks', () => {
		for (const good of ['[::1]', '[::1]/128', '[::]/0', '[2001:db8::]/32', '[fe80::]/10', '[::ffff:127.0.0.0]/104', '[2001:DB8::]/32']) {
			assert.equal(ipv6NetworkProblem(good), undefined, good);
		}

		for (const bad of ['::1', '[::1]/129', '[::1]/', '[2001:db8::1]/32', '[::ffff:127.0.0.1]/104', '[1:2:3:4:5:6:7:8:9]', '[fe80::1%lo]']) {
			assert.ok(ipv6NetworkProblem(bad), bad);
		}
	});

	test('references, files and tables', () => {
		for (const good of ['$mydomain', '${mydomain}', '$2bounce_notice_recipient']) {
			assert.ok(isParameterReference(good), good);
		}

		for (const bad of ['$', '$My', '${mydomain', '$mydomain}', '$(id)', 'mydomain', '$my-domain']) {
			assert.ok(!isParameterReference(bad), bad);
		}

		for (const good of ['/etc/mailname', '/etc/postfix/network_table', '$config_directory/x', '${config_directory}/x.cidr']) {
			assert.ok(isFileName(good), good);
		}

		for (const bad of ['etc/mailname', '/etc/../shadow', '//etc', '/etc/x y', '$config directory/x']) {
			assert.ok(!isFileName(bad), bad);
		}

		for (const good of ['hash:/etc/postfix/x', 'lmdb:/etc/postfix/x', 'cidr:/etc/postfix/x.cidr', 'texthash:/etc/x', 'regexp:/etc/postfix/x.re', 'pcre:/etc/x', 'proxy:hash:/etc/x', 'static:all', 'inline:{a=b}', 'inline:{ a=b, c=d }', 'lmdb:${config_directory}/x', 'mysql:/etc/postfix/mysql.cf', 'unionmap:{hash:/a, hash:/b}']) {
			assert.ok(isLookupTable(good), good);
		}

		for (const bad of ['hash:', 'hash', ':x', 'Hash:/x', 'fd00::/8', '2001:db8::1', '1:2:3:4:5:6:7:8', 'inline:{a=b', 'inline:}a{', 'inline:{}', 'hash:/etc/../x', 'hash:/x y']) {
			assert.ok(!isLookupTable(bad), bad);
		}
	});

	test('lists split at commas and whitespace, keeping {…} groups whole', () => {
		assert.deepEqual(listItems(''), []);
		assert.deepEqual(listItems(' a, b\tc,,d\n '), ['a', 'b', 'c', 'd']);
		assert.deepEqual(listItems('127.0.0.0/8 inline:{ 192.0.2.1=ok, 192.0.2.2=ok } [::1]/128'), ['127.0.0.0/8', 'inline:{ 192.0.2.1=ok, 192.0.2.2=ok }', '[::1]/128']);
	});

	test('loopback', () => {
		for (const loopback of ['127.0.0.0/8', '127.0.0.1', '127.0.0.1/32', '127.1.2.0/24', '[::1]', '[::1]/128', '[0:0:0:0:0:0:0:1]', '[::ffff:127.0.0.0]/104']) {
			assert.ok(isLoopbackNetwork(loopback), loopback);
		}

		for (const wide of ['126.0.0.0/7', '127.0.0.0/7', '0.0.0.0/0', '10.0.0.0/8', '[::1]/127', '[::]/0', '[::ffff:127.0.0.0]/96', 'localhost', '/etc/x']) {
			assert.ok(!isLoopbackNetwork(wide), wide);
		}

		for (const loopback of ['127.0.0.1', '127.9.9.9', '::1', '[::1]', '[ipv6:::1]', 'localhost', 'LOCALHOST']) {
			assert.ok(isLoopbackAddress(loopback), loopback);
		}

		for (const remote of ['192.0.2.1', '::', '[2001:db8::1]', 'mail.example.com', '127.0.0.1/8']) {
			assert.ok(!isLoopbackAddress(remote), remote);
		}
	});

	test('unsafe characters: control characters and shell metacharacters, but TAB, $ and braces pass', () => {
		assert.equal(unsafeCharacters('a\tb ${x} {y} [z]:1 !/f'), undefined);
		for (const [value, part] of [['a\nb', '\\x0a'], ['a\u001Fb', '\\x1f'], ['a;b', ';'], ['a|b', '|'], ['a&b', '&'], ['a`b', '`'], ['$(x)', '('], ['a<b', '<'], ['a>b', '>'], ['"a', '"'], ["'a", "'"], ['a\\b', '\\']]) {
			assert.equal(unsafeCharacters(value!)?.part, part, value);
		}
	});

	test('relays parse as Postfix reads them', () => {
		assert.deepEqual(parseRelay('[smtp.example.com]:587'), {host: 'smtp.example.com', port: '587', bracketed: true});
		assert.deepEqual(parseRelay('[ipv6:2001:db8::1]'), {host: 'ipv6:2001:db8::1', port: undefined, bracketed: true});
		assert.deepEqual(parseRelay('mail.example.com:25'), {host: 'mail.example.com', port: '25', bracketed: false});
		assert.ok('rule' in parseRelay('[smtp.example.com'));
	});
});

describe('IPv6 addresses', () => {
	test('isIPv6Address takes what node:net takes, without a zone', () => {
		const hand = ['::', '::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:7', ':1::', '1:::2', '1::2::3', '::ffff:1.2.3.4', '1.2.3.4::', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '::ffff:1.2.3.256', '::ffff:01.2.3.4', 'g::1', '12345::', '', ':::', '1:2:3:4:5::7:8', 'ABCD:ef01::', '::1.2.3', '[::1]', ' ::1', '1.2.3.4'];
		// Generated near-addresses: 0–9 groups of 0–5 hex digits, a `::` anywhere, sometimes a quad at the end.
		const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
		const generated = Array.from({length: 20_000}, () => {
			const groups = Array.from({length: Math.floor(Math.random() * 10)}, () => Array.from({length: Math.floor(Math.random() * 6)}, () => pick([...'0123456789abcdefABCDEFg'])).join(''));
			if (Math.random() < 0.3) {
				groups.push(pick(['1.2.3.4', '255.255.255.255', '256.1.1.1', '1.2.3', '01.2.3.4']));
			}

			const text = groups.join(':');
			const at = Math.floor(Math.random() * (text.length + 1));
			return Math.random() < 0.6 ? `${text.slice(0, at)}::${text.slice(at)}` : text;
		});
		for (const candidate of [...hand, ...generated]) {
			assert.equal(isIPv6Address(candidate), isIPv6(candidate), candidate);
		}

		assert.equal(isIPv6('fe80::1%eth0'), true);
		assert.equal(isIPv6Address('fe80::1%eth0'), false, 'no zone');
	});
});

describe('error messages', () => {
	test('read as one line in either language', () => {
		const result = validateSetting('relayhost', '[smtp.example.com]:99999');
		assert.ok(!result.ok);
		if (!result.ok) {
			assert.equal(formatValidationError(result.error, 'en'), 'relayhost: "99999" — port must be a number from 1 to 65535');
			assert.equal(formatValidationError(result.error, 'zh'), 'relayhost：“99999”— 端口必须是 1 到 65535 之间的数字');
		}
	});

	test('show the whole value around the part when given it', () => {
		const value = '[smtp.example.com]:99999';
		const result = validateSetting('relayhost', value);
		assert.ok(!result.ok);
		if (!result.ok) {
			assert.equal(formatValidationError(result.error, 'en', value), 'relayhost: "99999" in "[smtp.example.com]:99999" — port must be a number from 1 to 65535');
			assert.equal(formatValidationError(result.error, 'zh', value), 'relayhost：“[smtp.example.com]:99999”中的“99999”— 端口必须是 1 到 65535 之间的数字');
		}
	});

	test('never break the line on a control character', () => {
		const value = 'smtp.example.com\nmydestination = evil';
		const result = validateSetting('relayhost', value);
		assert.ok(!result.ok);
		if (!result.ok) {
			const line = formatValidationError(result.error, 'en', value);
			assert.equal(line, 'relayhost: "\\x0a" — control characters and newlines are not allowed');
			assert.doesNotMatch(formatValidationError(result.error, 'zh', value), /\n/);
		}
	});

	test('every refusal in the tables formats in both languages', () => {
		for (const [name, {bad}] of Object.entries(table)) {
			for (const [value] of bad) {
				const result = validateSetting(name, value);
				assert.ok(!result.ok);
				if (!result.ok) {
					for (const lang of ['en', 'zh'] as const) {
						const line = formatValidationError(result.error, lang, value);
						assert.ok(line.startsWith(name), line);
						assert.doesNotMatch(line, /[\n\r]/, line);
					}
				}
			}
		}
	});
});
