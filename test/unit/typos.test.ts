import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {foreignInterfaceAddresses} from '../../source/plan/local-addresses.js';
import {risksOf} from '../../source/plan/risks.js';
import {formatValidationError, validateSetting} from '../../source/settings/catalogue.js';

function refusal(name: string, value: string): string {
	const result = validateSetting(name, value);
	assert.ok(!result.ok, `${name} = ${value} must be refused`);
	return formatValidationError(result.error, 'en');
}

describe('what users really type', () => {
	test('smtp example com is one host typed with spaces, not three relays', () => {
		assert.match(refusal('relayhost', 'smtp example com'), /reads as 3 relays named smtp, example, com; a host name has dots: smtp\.example\.com\?/);
		assert.ok(validateSetting('relayhost', '[smtp1.example.com]:587 [smtp2.example.com]:587').ok);
	});

	test('a whole main.cf line pasted from a guide: paste only the value', () => {
		assert.match(refusal('relayhost', 'relayhost = [smtp.example.com]:587'), /paste only the value after "relayhost =": \[smtp\.example\.com\]:587/);
		assert.match(refusal('mynetworks', 'mynetworks=127.0.0.0/8'), /paste only the value after "mynetworks =": 127\.0\.0\.0\/8/);
	});

	test('an interface name is not an address', () => {
		for (const name of ['eth0', 'ens3', 'enp0s3', 'wlan0', 'docker0']) {
			assert.match(refusal('inet_interfaces', name), /not interface names/);
		}

		assert.ok(validateSetting('inet_interfaces', 'localhost').ok);
		assert.ok(validateSetting('inet_interfaces', 'mail.example.com').ok);
	});

	test('an address this machine does not have is refused before apply, naming the ones it has', () => {
		const addresses = new Set(['127.0.0.1', '::1', '192.0.2.10']);
		assert.equal(foreignInterfaceAddresses('127.0.0.1, 192.0.2.10', addresses), undefined);
		assert.equal(foreignInterfaceAddresses('loopback-only', addresses), undefined);
		const error = foreignInterfaceAddresses('192.0.2.77 [::1]', addresses);
		assert.equal(error?.part, '192.0.2.77');
		assert.match(error?.rule.en ?? '', /not an address of this machine.*127\.0\.0\.1, ::1, 192\.0\.2\.10/);
	});
});

describe('risks that need an explicit yes', () => {
	test('open relay: listening and trusting beyond loopback, both', () => {
		const values = (inet: string, networks: string) => new Map([['relayhost', '[r.example]:587'], ['inet_interfaces', inet], ['mynetworks', networks]]);
		assert.equal(risksOf(values('all', '127.0.0.0/8 10.0.0.0/8')).openRelay, true);
		assert.equal(risksOf(values('all', '127.0.0.0/8 [::1]/128')).openRelay, false);
		assert.equal(risksOf(values('loopback-only', '0.0.0.0/0')).openRelay, false);
		assert.equal(risksOf(values('192.0.2.10', '/etc/postfix/networks')).openRelay, true);
	});

	test('direct delivery: an empty relayhost', () => {
		assert.equal(risksOf(new Map([['relayhost', ' ']])).directDelivery, true);
		assert.equal(risksOf(new Map([['relayhost', '[r.example]:587']])).directDelivery, false);
	});
});
