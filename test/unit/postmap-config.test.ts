import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {postmapReadsStagedConfig} from '../../source/apply/postmap-config.js';
import type {Change} from '../../source/plan/types.js';

const change = (name: string): Change => ({name, from: '', fromExplicit: false, to: 'x'});

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
});
