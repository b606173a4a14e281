import assert from 'node:assert/strict';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {after, before, describe, test} from 'node:test';
import {readRelayPassword} from '../../source/commands/relay-password.js';
import {RelayRequestError, type RelayRequest, providerByName, resolveRelayAccess} from '../../source/relay/request.js';
import {Secret} from '../../source/relay/secret.js';

const password = 'pw-9f3e-distinctive';

function request(overrides: Partial<RelayRequest> = {}): RelayRequest {
	return {provider: undefined, region: undefined, username: undefined, password: undefined, level: 'encrypt', ...overrides};
}

const none: ReadonlyMap<string, string> = new Map();
const inForce = (relayhost: string, more: Record<string, string> = {}): ReadonlyMap<string, string> => new Map(Object.entries({relayhost, ...more}));

const withPassword = {password: {secret: new Secret(password), source: 'file' as const}};

function refused(run: () => unknown, pattern: RegExp): void {
	assert.throws(run, (error: unknown) => {
		assert.ok(error instanceof RelayRequestError);
		assert.match(error.reason.en, pattern);
		assert.ok(error.reason.zh.length > 0 && !error.message.includes(password));
		return true;
	});
}

describe('resolveRelayAccess', () => {
	test('a plain --set run asks nothing about the login', () => {
		assert.equal(resolveRelayAccess(request(), '[a.example]', none), undefined);
	});

	test('--provider ses --region fills the relayhost', () => {
		const access = resolveRelayAccess(request({provider: providerByName('ses'), region: 'eu-west-1', username: 'AKIA', ...withPassword}), undefined, inForce('[old.example]'));
		assert.equal(access?.kind, 'login');
		assert.equal(access?.kind === 'login' && access.login.relayhost, '[email-smtp.eu-west-1.amazonaws.com]:587');
		refused(() => resolveRelayAccess(request({provider: providerByName('ses'), username: 'u', ...withPassword}), undefined, none), /--region/);
		refused(() => resolveRelayAccess(request({provider: providerByName('sendgrid'), region: 'eu-west-1', ...withPassword}), undefined, none), /--region goes with/);
	});

	test('SendGrid\'s user is apikey; Postmark\'s is the token, read from the file, not argv', () => {
		const sendgrid = resolveRelayAccess(request({provider: providerByName('sendgrid'), ...withPassword}), undefined, none);
		assert.equal(sendgrid?.kind === 'login' && sendgrid.login.username, 'apikey');
		const postmark = resolveRelayAccess(request({provider: providerByName('postmark'), ...withPassword}), undefined, none);
		assert.equal(postmark?.kind === 'login' && postmark.login.username, password);
		refused(() => resolveRelayAccess(request({provider: providerByName('postmark'), ...withPassword}), '[smtp.postmarkapp.com]:465', none), /no implicit TLS/);
	});

	test('mailgun-eu, the same provider on 465, and a contradicting relayhost', () => {
		const eu = resolveRelayAccess(request({provider: providerByName('mailgun-eu'), username: 'postmaster@mg.example.com', ...withPassword}), undefined, none);
		assert.equal(eu?.kind === 'login' && eu.login.relayhost, '[smtp.eu.mailgun.org]:587');
		const smtps = resolveRelayAccess(request({provider: providerByName('sendgrid'), ...withPassword}), '[smtp.sendgrid.net]:465', none);
		assert.deepEqual(smtps?.kind === 'login' && smtps.login.encryption, {mode: 'implicit-tls', level: 'encrypt'});
		refused(() => resolveRelayAccess(request({provider: providerByName('sendgrid'), ...withPassword}), '[smtp.other.example]:587', none), /give one of them/);
	});

	test('another relay: the relayhost given, else main.cf\'s; none at all is refused', () => {
		const given = resolveRelayAccess(request({username: 'me', ...withPassword, level: 'verify'}), '[smtp.corp.example]:465', inForce('[old.example]'));
		assert.deepEqual(given?.kind === 'login' && [given.login.relayhost, given.login.encryption], ['[smtp.corp.example]:465', {mode: 'implicit-tls', level: 'verify'}]);
		const kept = resolveRelayAccess(request({username: 'me', ...withPassword}), undefined, inForce('[old.example]:587'));
		assert.equal(kept?.kind === 'login' && kept.login.relayhost, '[old.example]:587');
		refused(() => resolveRelayAccess(request({username: 'me', ...withPassword}), undefined, inForce('')), /needs the relay/);
	});

	test('a relay on an unconventional port keeps main.cf\'s implicit TLS unless told otherwise', () => {
		const explicit = inForce('[127.0.0.1]:39363', {smtp_tls_wrappermode: 'yes'});
		const kept = resolveRelayAccess(request({username: 'me', ...withPassword}), undefined, explicit);
		assert.equal(kept?.kind === 'login' && kept.login.encryption.mode, 'implicit-tls');
		const told = resolveRelayAccess(request({username: 'me', ...withPassword, mode: 'starttls'}), undefined, explicit);
		assert.equal(told?.kind === 'login' && told.login.encryption.mode, 'starttls');
		refused(() => resolveRelayAccess(request({username: 'me', ...withPassword, mode: 'implicit-tls'}), '[a.example]:587', none), /contradicts the port/);
	});

	test('--provider none removes the login; mixing it with one is refused', () => {
		assert.deepEqual(resolveRelayAccess(request({provider: providerByName('none')}), '[relay.example]:25', none), {kind: 'none', relayhost: '[relay.example]:25', encryption: undefined});
		refused(() => resolveRelayAccess(request({provider: providerByName('none'), username: 'me', ...withPassword}), '[relay.example]', none), /no login/);
	});

	test('a user without a password, a password without a user, an unknown provider', () => {
		refused(() => resolveRelayAccess(request({username: 'me'}), '[a.example]', none), /never an argument/);
		refused(() => resolveRelayAccess(request({...withPassword}), '[a.example]', none), /--relay-user/);
		refused(() => resolveRelayAccess(request({provider: providerByName('gmail')}), undefined, none), /needs a login/);
		refused(() => providerByName('hotmail'), /one of ses, sendgrid, mailgun, mailgun-eu/);
	});
});

describe('readRelayPassword', () => {
	let dir: string;
	before(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-password-'));
	});
	after(async () => rm(dir, {recursive: true, force: true}));

	test('from a file, without its final newline; warns when others can read it', async () => {
		const file = path.join(dir, 'pw');
		await writeFile(file, `${password}\n`, {mode: 0o600});
		const read = await readRelayPassword({relayPasswordFile: file, useEnvironment: true}, {});
		assert.equal(read?.secret.reveal(), password);
		assert.deepEqual(read?.warnings, []);
		await chmod(file, 0o644);
		const open = await readRelayPassword({relayPasswordFile: file, useEnvironment: true}, {});
		assert.match(open!.warnings[0]!, /chmod 600/);
		await assert.rejects(readRelayPassword({relayPasswordFile: path.join(dir, 'none'), useEnvironment: true}, {}), /no such file/);
	});

	test('from stdin, from the environment only when a login is asked for, never two ways', async () => {
		const stdin = Object.assign(Readable.from([Buffer.from(`${password}\r\n`)]), {isTTY: false}) as unknown as NodeJS.ReadStream;
		assert.equal((await readRelayPassword({relayPasswordStdin: true, useEnvironment: true}, {}, stdin))?.secret.reveal(), password);
		const environment = {POSTFIX_WIZARD_RELAY_PASSWORD: password};
		assert.equal((await readRelayPassword({useEnvironment: true}, environment))?.source, 'env');
		assert.equal(await readRelayPassword({useEnvironment: false}, environment), undefined);
		await assert.rejects(readRelayPassword({relayPasswordFile: 'x', relayPasswordStdin: true, useEnvironment: true}, {}), /not both/);
	});
});
