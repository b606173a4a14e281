import assert from 'node:assert/strict';
import {mkdtemp, mkdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {holdsSecretInline} from '../../source/postfix/sasl-map.js';
import {checkSaslPlugins, osFamily, pluginPackages, saslPluginDirs} from '../../source/postfix/sasl-plugins.js';
import {pluginCheck, relaySecurityOf} from '../../source/verify/login-checks.js';

const osReleases = {
	debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
	ubuntu: 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n',
	rocky: 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n',
	fedora: 'NAME="Fedora Linux"\nID=fedora\n',
	alpine: 'NAME="Alpine Linux"\nID=alpine\n',
	other: 'ID=plan9\n',
};

describe('the SASL plugin check', () => {
	let root: string;
	before(async () => {
		root = await mkdtemp(path.join(os.tmpdir(), 'postfix-wizard-sasl-'));
	});
	after(async () => rm(root, {recursive: true, force: true}));

	test('the OS family from os-release, and the package per family', () => {
		assert.equal(osFamily(osReleases.debian), 'debian');
		assert.equal(osFamily(osReleases.ubuntu), 'debian');
		assert.equal(osFamily(osReleases.rocky), 'rhel');
		assert.equal(osFamily(osReleases.fedora), 'rhel');
		assert.equal(osFamily(osReleases.alpine), 'alpine');
		assert.equal(osFamily(osReleases.other), 'unknown');
		assert.deepEqual(pluginPackages('debian', ['PLAIN', 'LOGIN']), ['libsasl2-modules']);
		assert.deepEqual(pluginPackages('rhel', ['PLAIN', 'LOGIN']), ['cyrus-sasl-plain']);
		assert.deepEqual(pluginPackages('alpine', ['LOGIN']), ['cyrus-sasl-login']);
	});

	test('finds sasl2 directories by looking (multiarch, lib64, lib), not from a list', async () => {
		for (const dir of ['usr/lib/x86_64-linux-gnu/sasl2', 'usr/lib64/sasl2', 'usr/lib/sasl2', 'usr/share/sasl2']) {
			await mkdir(path.join(root, dir), {recursive: true});
		}

		const dirs = saslPluginDirs([path.join(root, 'usr')]);
		assert.deepEqual(dirs.map(dir => path.relative(root, dir)).sort(), ['usr/lib/sasl2', 'usr/lib/x86_64-linux-gnu/sasl2', 'usr/lib64/sasl2']);
	});

	test('both plugins: ✔ with where they are; none: ✖ naming the package and the install command', async () => {
		const full = path.join(root, 'full');
		const empty = path.join(root, 'empty');
		await mkdir(full);
		await mkdir(empty);
		await writeFile(path.join(full, 'libplain.so.2'), '');
		await writeFile(path.join(full, 'liblogin.so.2.0.25'), '');
		const present = checkSaslPlugins({dirs: [empty, full], osRelease: osReleases.debian});
		assert.deepEqual(present.missing, []);
		assert.equal(present.found.get('PLAIN'), path.join(full, 'libplain.so.2'));
		assert.equal(pluginCheck(present).status, 'pass');

		const absent = checkSaslPlugins({dirs: [empty], osRelease: osReleases.debian});
		assert.equal(absent.usable, false);
		assert.deepEqual(absent.packages, ['libsasl2-modules']);
		const line = pluginCheck(absent);
		assert.equal(line.status, 'fail');
		assert.match(line.detail.en, /install libsasl2-modules/);
		assert.match(line.detail.zh, /请安装 libsasl2-modules/);
		assert.match(pluginCheck(checkSaslPlugins({dirs: [empty], osRelease: osReleases.rocky})).detail.en, /install cyrus-sasl-plain/);
	});

	test('only one of the two: a warning naming the missing mechanism', async () => {
		const half = path.join(root, 'half');
		await mkdir(half);
		await writeFile(path.join(half, 'libplain.so'), '');
		const report = checkSaslPlugins({dirs: [half], osRelease: osReleases.alpine});
		assert.deepEqual(report.missing, ['LOGIN']);
		assert.deepEqual(report.packages, ['cyrus-sasl-login']);
		assert.equal(pluginCheck(report).status, 'warn');
	});
});

describe('the login settings as Postfix reads them', () => {
	test('credentials written into main.cf itself are recognised (never echoed)', () => {
		assert.equal(holdsSecretInline('static:user:secret'), true);
		assert.equal(holdsSecretInline('inline:{ [h]:587=user:secret }'), true);
		assert.equal(holdsSecretInline('hash:/etc/postfix/sasl_passwd'), false);
	});

	test('the relay security from main.cf: empty level is none, wrappermode and the login flag', () => {
		assert.deepEqual(relaySecurityOf(new Map()), {level: 'none', wrappermode: false, loginConfigured: false});
		assert.deepEqual(
			relaySecurityOf(new Map([['smtp_tls_security_level', 'encrypt'], ['smtp_tls_wrappermode', 'yes'], ['smtp_sasl_auth_enable', 'yes'], ['smtp_tls_CAfile', '/etc/ssl/certs/ca-certificates.crt']])),
			{level: 'encrypt', wrappermode: true, caFile: '/etc/ssl/certs/ca-certificates.crt', loginConfigured: true},
		);
	});
});
