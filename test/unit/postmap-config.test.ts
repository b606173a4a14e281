import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {postmapReadsStagedConfig} from '../../source/apply/postmap-config.js';
import type {Change} from '../../source/plan/types.js';

/** What a fresh Internet Site main.cf has in force for the parameters Postfix checks at start. */
const inForce: Readonly<Record<string, string>> = {myorigin: '$myhostname', inet_interfaces: 'all', inet_protocols: 'all'};
const change = (name: string, from = inForce[name] ?? ''): Change => ({name, from, fromExplicit: from !== inForce[name], to: 'x'});

describe('which main.cf postmap reads for the staged maps', () => {
	test('the staged one when the plan changes what postmap reads, or there is no live one', () => {
		assert.equal(postmapReadsStagedConfig([change('relayhost'), change('default_database_type')], true), true);
		assert.equal(postmapReadsStagedConfig([change('lmdb_map_size')], true), true);
		assert.equal(postmapReadsStagedConfig([change('meta_directory')], true), true);
		assert.equal(postmapReadsStagedConfig([change('relayhost')], false), true);
	});

	test('the settled live one when the plan changes only what postmap never reads', () => {
		const login = ['relayhost', 'smtp_sasl_auth_enable', 'smtp_sasl_password_maps', 'smtp_tls_security_level', 'smtp_tls_wrappermode', 'inet_interfaces', 'mynetworks', 'myorigin', 'mydestination', 'virtual_alias_maps', 'sender_canonical_maps'];
		assert.equal(postmapReadsStagedConfig(login.map(name => change(name)), true), false);
		assert.equal(postmapReadsStagedConfig([], true), false);
		assert.equal(postmapReadsStagedConfig([change('smtputf8_enable')], true), true, 'smtputf8_enable is not an SMTP client parameter');
	});

	test('the staged one when the plan replaces a myorigin that names a file postmap cannot read: it reads that file at start, and a missing one stops it', () => {
		const missing = () => false;
		assert.equal(postmapReadsStagedConfig([change('myorigin', '/etc/mailname')], true, missing), true);
		assert.equal(postmapReadsStagedConfig([change('virtual_alias_maps'), change('myorigin', ' /etc/mailname')], true, missing), true);
		assert.equal(postmapReadsStagedConfig([change('myorigin', '/nonexistent/postfix-wizard/mailname')], true), true, 'a file that is not there, by default');
		// Through another parameter, which may hold a file name.
		assert.equal(postmapReadsStagedConfig([change('myorigin', '$mailname_file')], true), true);
		assert.equal(postmapReadsStagedConfig([change('myorigin', '${mailname_file}')], true), true);
		// A name is no file: the live main.cf serves, settled.
		for (const name of ['example.com', '$myhostname', '$mydomain', '${mydomain}', '$(myhostname)']) {
			assert.equal(postmapReadsStagedConfig([change('myorigin', name)], true), false, name);
		}
	});

	test('the settled live one when a myorigin naming a file is replaced while that file is there (Debian\'s /etc/mailname)', () => {
		assert.equal(postmapReadsStagedConfig([change('myorigin', '/etc/mailname')], true, file => file === '/etc/mailname'), false);
		assert.equal(postmapReadsStagedConfig([change('myorigin', fileURLToPath(import.meta.url))], true), false, 'a file that is there, by default');
	});

	test('the staged one when the plan replaces what in force may stop any Postfix program: an address no longer here, an unknown protocol', () => {
		for (const [name, from] of [['inet_interfaces', '192.0.2.1'], ['inet_interfaces', '$myhostname'], ['inet_protocols', 'ipv5'], ['myorigin', ''], ['myorigin', 'a b']] as const) {
			assert.equal(postmapReadsStagedConfig([change(name, from)], true), true, `${name} = ${from}`);
		}

		for (const [name, from] of [['inet_interfaces', 'loopback-only'], ['inet_protocols', 'ipv4']] as const) {
			assert.equal(postmapReadsStagedConfig([change(name, from)], true), false, `${name} = ${from}`);
		}
	});
});
