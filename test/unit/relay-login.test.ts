import assert from 'node:assert/strict';
import {inspect} from 'node:util';
import {describe, test} from 'node:test';
import {encryptionFor, isWeakLevel, relayPort} from '../../source/relay/encryption.js';
import {LoginPlanError, type LoginFacts, passwordWithoutTls, planRelayAccess} from '../../source/relay/plan.js';
import {findProvider, isAwsRegion, providerOfRelayhost, providerRelayhost, providers} from '../../source/relay/providers.js';
import {builtMapPaths, mapFilesOf} from '../../source/postfix/map-files.js';
import {passwordProblem, redactSaslPasswd, usernameProblem} from '../../source/relay/sasl-passwd.js';
import {withRelayEntry, withoutRelayEntries} from '../../source/relay/sasl-passwd-entries.js';
import {Secret} from '../../source/relay/secret.js';
import type {RelayLogin} from '../../source/relay/types.js';
import {formatValidationError, validateSetting} from '../../source/settings/catalogue.js';

const password = 'Tr0ub4dor&3-distinctive';
const dir = '/srv/pf';

function facts(overrides: Partial<LoginFacts> = {}): LoginFacts {
	return {
		configDir: dir,
		databaseType: 'hash',
		mapTypes: new Set(['hash', 'btree', 'lmdb', 'texthash', 'static', 'inline']),
		caFile: '/etc/ssl/certs/ca-certificates.crt',
		explicit: new Map(),
		existingFiles: new Set(),
		existingTables: new Map(),
		...overrides,
	};
}

function login(overrides: Partial<RelayLogin> = {}): RelayLogin {
	const relayhost = overrides.relayhost ?? '[smtp.example.com]:587';
	return {provider: 'other', relayhost, username: 'user@example.com', password: new Secret(password), encryption: encryptionFor(relayhost), ...overrides};
}

describe('Secret', () => {
	test('never turns into its content except through reveal()', () => {
		const secret = new Secret(password);
		const renderings = [String(secret), `${secret}`, JSON.stringify({secret}), inspect(secret), inspect({nested: {secret}}), secret + ''];
		for (const text of renderings) {
			assert.ok(!text.includes(password), text);
			assert.ok(text.includes('********'), text);
		}

		assert.equal(secret.reveal(), password);
	});
});

describe('providers', () => {
	test('each fills host and port, with a sender line in both languages', () => {
		for (const provider of providers) {
			assert.ok(provider.sender.en.length > 10 && provider.sender.zh.length > 5, provider.id);
			assert.ok(provider.label.zh !== '' && provider.usernameHint.zh !== '', provider.id);
		}

		assert.equal(providerRelayhost(findProvider('sendgrid')!), '[smtp.sendgrid.net]:587');
		assert.equal(findProvider('sendgrid')!.fixedUsername, 'apikey');
		assert.equal(providerRelayhost(findProvider('mailgun-eu')!), '[smtp.eu.mailgun.org]:587');
		assert.equal(providerRelayhost(findProvider('mailgun')!), '[smtp.mailgun.org]:587');
		assert.equal(providerRelayhost(findProvider('google-workspace')!), '[smtp-relay.gmail.com]:587');
		assert.equal(providerRelayhost(findProvider('microsoft365')!), '[smtp.office365.com]:587');
		assert.match(findProvider('microsoft365')!.note!.en, /mail\.protection\.outlook\.com\]:25/);
		assert.equal(findProvider('postmark')!.implicitTls, false);
		assert.equal(providerRelayhost(findProvider('other')!), undefined);
	});

	test('SES needs a valid region', () => {
		const ses = findProvider('ses')!;
		assert.equal(providerRelayhost(ses, {region: 'eu-west-1'}), '[email-smtp.eu-west-1.amazonaws.com]:587');
		assert.equal(providerRelayhost(ses, {region: 'eu-west-1', port: 465}), '[email-smtp.eu-west-1.amazonaws.com]:465');
		assert.equal(providerRelayhost(ses), undefined);
		assert.equal(providerRelayhost(ses, {region: 'europe'}), undefined);
		assert.ok(isAwsRegion('us-gov-west-1') && isAwsRegion('ap-southeast-2') && !isAwsRegion('eu-west'));
	});

	test('a relayhost names its provider back', () => {
		assert.equal(providerOfRelayhost('[smtp.sendgrid.net]:587')?.provider.id, 'sendgrid');
		assert.deepEqual(providerOfRelayhost('[email-smtp.us-east-2.amazonaws.com]:465')?.region, 'us-east-2');
		assert.equal(providerOfRelayhost('smtp.eu.mailgun.org:587')?.provider.id, 'mailgun-eu');
		assert.equal(providerOfRelayhost('[relay.corp.example]:587'), undefined);
	});
});

describe('encryption follows the port', () => {
	test('465 is implicit TLS, the rest STARTTLS', () => {
		assert.deepEqual(encryptionFor('[h.example]:465'), {mode: 'implicit-tls', level: 'encrypt'});
		assert.deepEqual(encryptionFor('[h.example]:smtps', 'verify'), {mode: 'implicit-tls', level: 'verify'});
		for (const relay of ['[h.example]:587', '[h.example]:2525', '[h.example]', 'h.example:25']) {
			assert.equal(encryptionFor(relay).mode, 'starttls', relay);
		}

		assert.equal(relayPort('[h.example]'), '25');
		assert.ok(isWeakLevel('may') && isWeakLevel('none') && isWeakLevel('') && isWeakLevel('dane'));
		assert.ok(!isWeakLevel('encrypt') && !isWeakLevel('verify') && !isWeakLevel('secure'));
	});
});

describe('planRelayAccess with a login', () => {
	test('587: SASL with noanonymous, encrypt, the map of the default type, sasl_passwd 0600', () => {
		const plan = planRelayAccess({kind: 'login', login: login()}, facts());
		assert.deepEqual([...plan.settings], [
			['relayhost', '[smtp.example.com]:587'],
			['smtp_sasl_auth_enable', 'yes'],
			['smtp_sasl_password_maps', `hash:${dir}/sasl_passwd`],
			['smtp_sasl_security_options', 'noanonymous'],
			['smtp_sasl_tls_security_options', 'noanonymous'],
			['smtp_tls_security_level', 'encrypt'],
		]);
		assert.deepEqual(plan.removals, []);
		const [file] = plan.files;
		assert.equal(plan.files.length, 1);
		assert.equal(file!.path, `${dir}/sasl_passwd`);
		assert.equal(file!.content!.toString(), `[smtp.example.com]:587 user@example.com:${password}\n`);
		assert.equal(file!.mode, 0o600);
		assert.equal(file!.secret, true);
		assert.equal(file!.map, 'hash');
		assert.equal(file!.display, '[smtp.example.com]:587 user@example.com:********\n');
	});

	test('the map type comes from default_database_type (lmdb on RHEL 10), never a hard-coded hash', () => {
		const plan = planRelayAccess({kind: 'login', login: login()}, facts({databaseType: 'lmdb'}));
		assert.equal(plan.settings.get('smtp_sasl_password_maps'), `lmdb:${dir}/sasl_passwd`);
		assert.equal(plan.files[0]!.map, 'lmdb');
		assert.throws(() => planRelayAccess({kind: 'login', login: login()}, facts({databaseType: 'lmdb', mapTypes: new Set(['hash'])})), LoginPlanError);
	});

	test('465: wrappermode; verify: the CA bundle, refused without one', () => {
		const relayhost = '[smtp.example.com]:465';
		const plan = planRelayAccess({kind: 'login', login: login({relayhost, encryption: encryptionFor(relayhost, 'verify')})}, facts());
		assert.equal(plan.settings.get('smtp_tls_wrappermode'), 'yes');
		assert.equal(plan.settings.get('smtp_tls_security_level'), 'verify');
		assert.equal(plan.settings.get('smtp_tls_CAfile'), '/etc/ssl/certs/ca-certificates.crt');
		assert.throws(() => planRelayAccess({kind: 'login', login: login({relayhost, encryption: encryptionFor(relayhost, 'verify')})}, facts({caFile: undefined})), /CA bundle/);
	});

	test('back to 587 takes out a wrappermode left by 465', () => {
		const plan = planRelayAccess({kind: 'login', login: login()}, facts({explicit: new Map([['smtp_tls_wrappermode', 'yes']])}));
		assert.deepEqual(plan.removals, ['smtp_tls_wrappermode']);
		assert.equal(plan.settings.has('smtp_tls_wrappermode'), false);
	});

	test('a port that contradicts the encryption is refused', () => {
		assert.throws(() => planRelayAccess({kind: 'login', login: login({encryption: {mode: 'implicit-tls', level: 'encrypt'}})}, facts()), LoginPlanError);
	});

	test('bad usernames and passwords are refused without quoting the password', () => {
		const bad: Array<Partial<RelayLogin>> = [
			{username: ''},
			{username: 'a:b'},
			{username: 'a b'},
			{password: new Secret('')},
			{password: new Secret(`${password}\n`)},
			{password: new Secret(` ${password}`)},
		];
		for (const overrides of bad) {
			assert.throws(() => planRelayAccess({kind: 'login', login: login(overrides)}, facts()), (error: unknown) => {
				assert.ok(error instanceof LoginPlanError);
				assert.ok(!error.message.includes(password) && !error.reason.zh.includes(password));
				return true;
			});
		}

		assert.equal(usernameProblem('apikey'), undefined);
		assert.equal(passwordProblem(new Secret('pass word:with colon')), undefined);
	});
});

describe('a sasl_passwd others wrote into too', () => {
	const others = `# per-sender logins (smtp_sender_dependent_authentication)\nalerts@example.com alerts:${password}-a\n[backup.example.net]:25 backup:${password}-b\n`;

	test('a login replaces only the entries for its relay (relayhost or host name) and keeps every other line', () => {
		const before = `${others}smtp.example.com old:stale-one\n[smtp.example.com]:587 old:stale-two\n  continued\n`;
		const plan = planRelayAccess({kind: 'login', login: login()}, facts({existingFiles: new Set([`${dir}/sasl_passwd`]), existingTables: new Map([[`${dir}/sasl_passwd`, before]])}));
		const text = plan.files[0]!.content!.toString();
		assert.equal(text, `${others}[smtp.example.com]:587 user@example.com:${password}\n`);
		assert.equal(plan.files[0]!.display, `# per-sender logins (smtp_sender_dependent_authentication)\nalerts@example.com alerts:********\n[backup.example.net]:25 backup:********\n[smtp.example.com]:587 user@example.com:********\n`);
		assert.match(plan.notes[0]!.en, /keeps its 2 other entries \(alerts@example\.com, \[backup\.example\.net\]:25\)/);
		assert.ok(!plan.notes[0]!.zh.includes(password));
		// Moving to another relay: the entry of the relay in force stays (a transport map may still route there).
		const moved = planRelayAccess({kind: 'login', login: login()}, facts({explicit: new Map([['relayhost', '[old.example.net]:587']]), existingTables: new Map([[`${dir}/sasl_passwd`, `${others}[old.example.net]:587 old:kept\n`]])}));
		assert.equal(moved.files[0]!.content!.toString(), `${others}[old.example.net]:587 old:kept\n[smtp.example.com]:587 user@example.com:${password}\n`);
		assert.match(moved.notes[0]!.en, /keeps its 3 other entries \(alerts@example\.com, \[backup\.example\.net\]:25, \[old\.example\.net\]:587\)/);
	});

	test('without an entry for the relay, the new one is appended; keys match as postmap folds them', () => {
		assert.equal(withRelayEntry(others, ['smtp.example.com', '[smtp.example.com]:587'], 'new line'), `${others}new line\n`);
		assert.equal(withRelayEntry('[SMTP.Example.com]:587 a:b\nx y:z', ['[smtp.example.com]:587'], 'new line'), 'new line\nx y:z\n');
		assert.equal(withRelayEntry(undefined, ['k'], 'k u:p\n'), 'k u:p\n');
	});

	test('"no login" takes out the relay\'s entries, keeps a file with others (and says so), removes one left empty', () => {
		const explicit = new Map([['relayhost', '[smtp.example.com]:587'], ['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `hash:${dir}/sasl_passwd`]]);
		const existingFiles = new Set([`${dir}/sasl_passwd`, `${dir}/sasl_passwd.db`]);
		const mixed = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]:25', encryption: undefined}, facts({explicit, existingFiles, existingTables: new Map([[`${dir}/sasl_passwd`, `${others}[smtp.example.com]:587 user:${password}\n`]])}));
		assert.deepEqual(mixed.files.map(file => [file.path, file.content?.toString(), file.map]), [[`${dir}/sasl_passwd`, others, 'hash']]);
		assert.match(mixed.notes[0]!.en, /stays: it holds 2 entries for other keys .* does not read while no login is set/);
		const ours = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]:25', encryption: undefined}, facts({explicit, existingFiles, existingTables: new Map([[`${dir}/sasl_passwd`, `# mine\n[smtp.example.com]:587 user:${password}\n`]])}));
		assert.deepEqual(ours.files.map(file => [file.path, file.content]), [[`${dir}/sasl_passwd`, undefined]]);
		assert.deepEqual(ours.notes, []);
		assert.deepEqual(withoutRelayEntries(others, ['alerts@example.com']).others, ['[backup.example.net]:25']);
	});

	test('smtp_sasl_password_maps: a login puts ours first and keeps the maps listed; "no login" unlists only the maps it removes', () => {
		const listed = `proxy:lmdb:${dir}/sasl_passwd, hash:/srv/relays/passwords inline:{ [mx.example.com]:25=mx:x }`;
		const withLogin = planRelayAccess({kind: 'login', login: login()}, facts({explicit: new Map([['smtp_sasl_password_maps', listed]])}));
		// Ours under its old type (and through proxy:) is ours: not listed twice.
		assert.equal(withLogin.settings.get('smtp_sasl_password_maps'), `hash:${dir}/sasl_passwd, hash:/srv/relays/passwords, inline:{ [mx.example.com]:25=mx:x }`);

		const explicit = new Map([['relayhost', '[smtp.example.com]:587'], ['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `hash:${dir}/sasl_passwd, hash:/srv/relays/passwords`]]);
		const existingFiles = new Set([`${dir}/sasl_passwd`, `${dir}/sasl_passwd.db`]);
		const none = {kind: 'none', relayhost: '[relay.example.com]:25', encryption: undefined} as const;
		const emptied = planRelayAccess(none, facts({explicit, existingFiles, existingTables: new Map([[`${dir}/sasl_passwd`, `[smtp.example.com]:587 user:${password}\n`]])}));
		assert.equal(emptied.settings.get('smtp_sasl_password_maps'), 'hash:/srv/relays/passwords');
		assert.ok(!emptied.removals.includes('smtp_sasl_password_maps'));
		assert.ok(emptied.removals.includes('smtp_sasl_auth_enable'));
		const stays = planRelayAccess(none, facts({explicit, existingFiles, existingTables: new Map([[`${dir}/sasl_passwd`, `${others}[smtp.example.com]:587 user:${password}\n`]])}));
		assert.equal(stays.settings.has('smtp_sasl_password_maps'), false, 'the value stays as written');
		assert.ok(!stays.removals.includes('smtp_sasl_password_maps'));
		const onlyOurs = planRelayAccess(none, facts({explicit: new Map([...explicit, ['smtp_sasl_password_maps', `hash:${dir}/sasl_passwd`]]), existingFiles, existingTables: new Map([[`${dir}/sasl_passwd`, `[smtp.example.com]:587 user:${password}\n`]])}));
		assert.ok(onlyOurs.removals.includes('smtp_sasl_password_maps'), 'nothing left: the parameter goes');
	});
});

describe('built maps per type', () => {
	test('hash and btree .db, lmdb .lmdb, cdb .cdb, dbm and sdbm .dir + .pag', () => {
		assert.deepEqual(builtMapPaths('/e/m', 'hash'), ['/e/m.db']);
		assert.deepEqual(builtMapPaths('/e/m', 'btree'), ['/e/m.db']);
		assert.deepEqual(builtMapPaths('/e/m', 'lmdb'), ['/e/m.lmdb']);
		assert.deepEqual(builtMapPaths('/e/m', 'cdb'), ['/e/m.cdb']);
		assert.deepEqual(builtMapPaths('/e/m', 'dbm'), ['/e/m.dir', '/e/m.pag']);
		assert.deepEqual(builtMapPaths('/e/m', 'sdbm'), ['/e/m.dir', '/e/m.pag']);
		assert.deepEqual(mapFilesOf('dbm:/e/a, texthash:/e/b, static:x, proxy:lmdb:/e/c'), [{type: 'dbm', source: '/e/a', built: ['/e/a.dir', '/e/a.pag']}, {type: 'lmdb', source: '/e/c', built: ['/e/c.lmdb']}]);
	});

	test('"no login" finds a dbm map by either of its built files', () => {
		const explicit = new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `dbm:${dir}/relay_passwords`]]);
		const plan = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]', encryption: undefined}, facts({explicit, existingFiles: new Set([`${dir}/relay_passwords.pag`])}));
		assert.deepEqual(plan.files.map(file => [file.path, file.map]), [[`${dir}/relay_passwords`, 'dbm']]);
	});
});

describe('planRelayAccess without a login', () => {
	test('takes out the login settings and removes the files that exist', () => {
		const explicit = new Map([
			['smtp_sasl_auth_enable', 'yes'],
			['smtp_sasl_password_maps', `hash:${dir}/sasl_passwd`],
			['smtp_sasl_security_options', 'noanonymous'],
			['smtp_tls_security_level', 'encrypt'],
			['smtp_tls_wrappermode', 'yes'],
		]);
		const plan = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]:25', encryption: undefined}, facts({explicit, existingFiles: new Set([`${dir}/sasl_passwd`, `${dir}/sasl_passwd.db`])}));
		assert.deepEqual([...plan.settings], [['relayhost', '[relay.example.com]:25']]);
		assert.deepEqual(plan.removals, ['smtp_sasl_auth_enable', 'smtp_sasl_password_maps', 'smtp_sasl_security_options', 'smtp_tls_wrappermode']);
		assert.deepEqual(plan.files.map(file => [file.path, file.content, file.map]), [[`${dir}/sasl_passwd`, undefined, 'hash']]);
	});

	test('a hand-made map elsewhere in the config dir goes too, one outside it stays', () => {
		const explicit = new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_sasl_password_maps', `lmdb:${dir}/relay_passwords, hash:/root/secret`]]);
		const plan = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]', encryption: undefined}, facts({explicit, existingFiles: new Set([`${dir}/relay_passwords.lmdb`, '/root/secret'])}));
		assert.deepEqual(plan.files.map(file => [file.path, file.map]), [[`${dir}/relay_passwords`, 'lmdb']]);
	});

	test('nothing to remove on a machine that never had a login; 465 still gets TLS', () => {
		const plan = planRelayAccess({kind: 'none', relayhost: '[relay.example.com]:465', encryption: undefined}, facts());
		assert.deepEqual(plan.removals, []);
		assert.deepEqual(plan.files, []);
		assert.equal(plan.settings.get('smtp_tls_wrappermode'), 'yes');
		assert.equal(plan.settings.get('smtp_tls_security_level'), 'encrypt');
	});
});

describe('passwords never travel without TLS', () => {
	test('may, none or an empty level with SASL on are refused', () => {
		for (const level of ['may', 'none', '']) {
			assert.ok(passwordWithoutTls(new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_tls_security_level', level]])), level);
		}

		assert.equal(passwordWithoutTls(new Map([['smtp_sasl_auth_enable', 'yes'], ['smtp_tls_security_level', 'encrypt']])), undefined);
		assert.equal(passwordWithoutTls(new Map([['smtp_tls_security_level', 'may']])), undefined);
	});
});

describe('values carrying credentials', () => {
	test('are refused without echoing the secret', () => {
		const cases: Array<[string, string]> = [
			['relayhost', `user:${password}@smtp.example.com:587`],
			['relayhost', `[smtp.example.com]:587, me:${password}@[backup.example.com]`],
			['smtp_sasl_password_maps', `static:user:${password}`],
			['smtp_sasl_password_maps', `inline:{[smtp.example.com]:587=user:${password}}`],
			['smtp_fallback_relay', `u:${password}@fallback.example.com`],
		];
		for (const [name, value] of cases) {
			const result = validateSetting(name, value);
			assert.equal(result.ok, false, value);
			if (!result.ok) {
				for (const lang of ['en', 'zh'] as const) {
					const text = formatValidationError(result.error, lang, value);
					assert.ok(!text.includes(password), text);
					assert.match(text, /sasl_passwd/);
				}
			}
		}

		assert.equal(validateSetting('smtp_sasl_password_maps', `hash:${dir}/sasl_passwd`).ok, true);
		assert.equal(validateSetting('transport_maps', 'static:smtp:[h.example]:25').ok, true);
	});

	test('a hand-made sasl_passwd is shown with every password masked', () => {
		const text = `# relays\n[a.example]:587 alice:${password}\nb.example bob:${password}:more\nkeyonly ${password}\n  ${password}\n`;
		const shown = redactSaslPasswd(text);
		assert.ok(!shown.includes(password), shown);
		assert.match(shown, /^\[a\.example\]:587 alice:\*{8}$/m);
		assert.match(shown, /^# relays$/m);
	});
});
