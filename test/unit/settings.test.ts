import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {findSetting, formatValidationError, settings, validateSetting} from '../../source/settings/catalogue.js';
import type {Validation} from '../../source/settings/types.js';

const longLabel = 'a'.repeat(64);
const longName = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`; // 254 characters

/** Each bad value with the part the error must point at. */
const table: Record<string, {good: string[]; bad: Array<[string, string]>}> = {
	relayhost: {
		good: ['', '[smtp.example.com]', '[smtp.example.com]:587', 'smtp.example.com', 'smtp.example.com:2525', '[192.0.2.1]', '[192.0.2.1]:465', '[ipv6:2001:db8::1]', '[ipv6:2001:db8::1]:587', '[mail.example.com]:submission', '[a.example]:587, [b.example]:587', 'relay-1.example.org'],
		bad: [
			['[smtp.example.com', '[smtp.example.com'],
			['smtp.example.com]', 'smtp.example.com]'],
			['[smtp.example.com]:0', '0'],
			['[smtp.example.com]:65536', '65536'],
			['[smtp.example.com]:abc$', 'abc$'],
			['[smtp.example.com]:', ':'],
			['[-bad.example.com]', '-bad'],
			['[bad-.example.com]', 'bad-'],
			[`[${longLabel}.example.com]`, longLabel],
			[`[${longName}]`, longName],
			['[256.1.1.1]', '256.1.1.1'],
			['2001:db8::1', '2001:db8::1'],
			['[smtp.example.com];reboot', ';'],
			['[smtp.example.com]\nmydestination = evil', '\\x0a'],
			['$(id)', '('],
			['smtp.exa mple.com|x', '|'],
		],
	},
	myorigin: {
		good: ['example.com', 'mail.example.co.uk', '$mydomain', '$myhostname', '${mydomain}', '/etc/mailname', 'localhost', 'xn--fiqs8s.example', 'a.b', 'EXAMPLE.COM'],
		bad: [
			['', ''],
			['exa mple.com', 'exa mple.com'],
			['-example.com', '-example'],
			['example-.com', 'example-'],
			['example..com', 'example..com'],
			[`${longLabel}.com`, longLabel],
			[longName, longName],
			['example.com;rm', ';'],
			['example.com\r', '\\x0d'],
			['$my domain', '$my domain'],
			['ex_ample.com', 'ex_ample'],
			['`id`', '`'],
		],
	},
	inet_interfaces: {
		good: ['loopback-only', 'all', 'localhost', '127.0.0.1', '127.0.0.1, [::1]', '127.0.0.1 ::1', '192.0.2.10', 'mail.example.com', '127.0.0.1,192.0.2.1', ' loopback-only '],
		bad: [
			['', ''],
			['all, 127.0.0.1', 'all'],
			['loopback-only 127.0.0.1', 'loopback-only'],
			['127.0.0.256', '127.0.0.256'],
			['-eth0', '-eth0'],
			['127.0.0.1;', ';'],
			['all\n', '\\x0a'],
			[`${longLabel}.example`, `${longLabel}.example`],
			['127.0.0.1/8', '127.0.0.1/8'],
			['a&b', '&'],
		],
	},
	mynetworks: {
		good: ['127.0.0.0/8 [::1]/128', '127.0.0.0/8, [::1]/128', '127.0.0.1', '[::1]', '192.0.2.0/24', '0.0.0.0/0', '[2001:db8::]/32', '/etc/postfix/network_table', 'hash:/etc/postfix/network_table', 'cidr:/etc/postfix/clients.cidr', '$config_directory/mynetworks', '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128', 'trusted.example.com'],
		bad: [
			['', ''],
			['127.0.0.1/33', '127.0.0.1/33'],
			['256.0.0.0/8', '256.0.0.0/8'],
			['127.0.0.0/8/8', '127.0.0.0/8/8'],
			['010.0.0.0/8', '010.0.0.0/8'],
			['[::1]/129', '[::1]/129'],
			['[::1', '[::1'],
			['[zz::1]/64', '[zz::1]/64'],
			['::1/128', '::1/128'],
			['127.0.0.0/8;reboot', ';'],
			['127.0.0.0/8\n192.0.2.0/24', '\\x0a'],
			['/etc/../shadow', '/etc/../shadow'],
			['127.0.0.0/x', '127.0.0.0/x'],
		],
	},
	mydestination: {
		good: ['', '$myhostname, localhost.$mydomain, localhost', 'example.com', 'localhost', '$mydestination_extra', 'hash:/etc/postfix/destinations', '/etc/postfix/destinations', 'mail.example.com example.com', '${myhostname}', 'a.example,b.example'],
		bad: [
			['exa$mple.com', 'exa$mple.com'],
			['-bad.example', '-bad.example'],
			['bad..example', 'bad..example'],
			[`${longLabel}.example`, `${longLabel}.example`],
			['example.com;', ';'],
			['example.com\u0000', '\\x00'],
			['localhost.$', 'localhost.$'],
			['under_score.example', 'under_score.example'],
			['a|b', '|'],
			['"quoted"', '"'],
		],
	},
};

function assertError(result: Validation, name: string, part: string, value: string): void {
	assert.equal(result.ok, false, `${name}=${JSON.stringify(value)} should be refused`);
	if (!result.ok) {
		assert.equal(result.error.parameter, name);
		assert.equal(result.error.part, part, `${name}=${JSON.stringify(value)}: part`);
		assert.ok(result.error.rule.en.length > 10, 'an English rule');
		assert.match(result.error.rule.zh, /[\u4E00-\u9FFF]/, 'a Chinese rule');
	}
}

describe('the catalogue', () => {
	test('has the five null-client parameters, each explained in both languages', () => {
		assert.deepEqual(settings.map(setting => setting.name).sort(), ['inet_interfaces', 'mydestination', 'mynetworks', 'myorigin', 'relayhost']);
		for (const setting of settings) {
			assert.ok(setting.explanation.en.length > 80, setting.name);
			assert.match(setting.explanation.zh, /[\u4E00-\u9FFF]/, setting.name);
			const recommended = setting.validate(setting.recommended({}));
			assert.ok(recommended.ok, `${setting.name}'s recommendation is valid`);
		}

		assert.equal(findSetting('inet_interfaces')?.serviceAction, 'restart');
		assert.equal(findSetting('relayhost')?.serviceAction, 'reload');
	});

	test('the defaults are what postconf -d prints for Postfix 3.7', () => {
		assert.equal(findSetting('inet_interfaces')?.postfixDefault, 'all');
		assert.equal(findSetting('relayhost')?.postfixDefault, '');
		assert.equal(findSetting('myorigin')?.postfixDefault, '$myhostname');
		assert.equal(findSetting('mydestination')?.postfixDefault, '$myhostname, localhost.$mydomain, localhost');
	});

	test('recommendations follow the machine', () => {
		assert.equal(findSetting('myorigin')?.recommended({mydomain: 'example.org'}), 'example.org');
		assert.equal(findSetting('myorigin')?.recommended({mydomain: 'localdomain'}), '$mydomain');
		assert.equal(findSetting('relayhost')?.recommended({relayhost: '[127.0.0.1]:2525'}), '[127.0.0.1]:2525');
		assert.equal(findSetting('relayhost')?.recommended({mydomain: 'example.org'}), '[smtp.example.org]:587');
		assert.equal(findSetting('inet_interfaces')?.recommended({}), 'loopback-only');
		assert.equal(findSetting('mynetworks')?.recommended({}), '127.0.0.0/8 [::1]/128');
		assert.equal(findSetting('mydestination')?.recommended({}), '');
	});
});

for (const [name, {good, bad}] of Object.entries(table)) {
	describe(name, () => {
		test('accepts valid values', () => {
			for (const value of good) {
				const result = validateSetting(name, value);
				assert.ok(result.ok, `${name}=${JSON.stringify(value)}: ${result.ok ? '' : result.error.rule.en}`);
			}
		});

		test('refuses invalid values, naming the offending part and the rule', () => {
			for (const [value, part] of bad) {
				assertError(validateSetting(name, value), name, part, value);
			}
		});
	});
}

describe('risk warnings', () => {
	const warns = (name: string, value: string) => {
		const result = validateSetting(name, value);
		assert.ok(result.ok);
		return result.ok ? result.warnings.map(warning => warning.message.en).join('\n') : '';
	};

	test('open relay risks are loud', () => {
		assert.match(warns('inet_interfaces', 'all'), /open relay/);
		assert.match(warns('inet_interfaces', '192.0.2.10'), /network/);
		assert.match(warns('mynetworks', '127.0.0.0/8 192.168.0.0/16'), /192\.168\.0\.0\/16.*wider than loopback/);
		assert.match(warns('mynetworks', '0.0.0.0/0'), /open relay/);
		assert.match(warns('mynetworks', '127.0.0.0/8 [2001:db8::]/32'), /\[2001:db8::\]\/32/);
	});

	test('an empty relayhost is direct delivery, not a null client', () => {
		assert.match(warns('relayhost', ''), /direct delivery/);
		assert.match(warns('relayhost', 'smtp.example.com'), /MX records/);
		assert.equal(warns('relayhost', '[smtp.example.com]:587'), '');
	});

	test('a non-empty mydestination keeps mail local', () => {
		assert.match(warns('mydestination', '$myhostname, localhost'), /delivered on this machine/);
		assert.equal(warns('mydestination', ''), '');
	});

	test('the null-client values raise nothing', () => {
		assert.equal(warns('inet_interfaces', 'loopback-only'), '');
		assert.equal(warns('mynetworks', '127.0.0.0/8 [::1]/128'), '');
		assert.equal(warns('mynetworks', '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128'), '');
		assert.equal(warns('myorigin', 'example.com'), '');
	});
});

describe('parameters outside the catalogue', () => {
	test('take any value without newlines, control characters or a leading #', () => {
		assert.ok(validateSetting('smtp_tls_security_level', 'encrypt').ok);
		assert.ok(validateSetting('local_transport', 'error:local delivery is disabled').ok);
		assertError(validateSetting('smtp_tls_security_level', 'encrypt\nrelayhost=x'), 'smtp_tls_security_level', '\\x0a', 'newline');
		assertError(validateSetting('smtp_tls_security_level', '# off'), 'smtp_tls_security_level', '# off', 'comment');
	});

	test('need a name in Postfix\'s syntax', () => {
		assertError(validateSetting('Relay-Host', 'x'), 'Relay-Host', 'Relay-Host', 'name');
		assertError(validateSetting('a b', 'x'), 'a b', 'a b', 'name');
	});
});

test('errors read as one line in either language', () => {
	const result = validateSetting('relayhost', '[smtp.example.com]:99999');
	assert.ok(!result.ok);
	if (!result.ok) {
		assert.equal(formatValidationError(result.error, 'en'), 'relayhost: "99999" — port must be a number from 1 to 65535');
		assert.equal(formatValidationError(result.error, 'zh'), 'relayhost：“99999”— 端口必须是 1 到 65535 之间的数字');
	}
});
