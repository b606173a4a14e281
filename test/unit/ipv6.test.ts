import assert from 'node:assert/strict';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {adjustForHost, withoutIpv6Networks} from '../../source/plan/ipv6.js';
import {findProblems, proposeValues} from '../../source/plan/classify.js';
import {detectIpv6} from '../../source/postfix/ipv6.js';

async function fakeProc(t: {after(fn: () => Promise<void>): void}, files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-proc-'));
	t.after(async () => rm(dir, {recursive: true, force: true}));
	await mkdir(path.join(dir, 'net'));
	for (const [name, content] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
		await writeFile(path.join(dir, name), content);
	}

	return dir;
}

describe('detectIpv6 reads the kernel\'s own address list', () => {
	test('::1 on lo: there', async t => {
		const proc = await fakeProc(t, {'net/if_inet6': '00000000000000000000000000000001 01 80 10 80       lo\n'});
		assert.deepEqual(await detectIpv6(proc), {loopback: true});
	});

	test('disabled by sysctl: no ::1, disable_ipv6 = 1', async t => {
		const proc = await fakeProc(t, {'net/if_inet6': '', 'sys/net/ipv6/conf/all/disable_ipv6': '1\n'});
		assert.deepEqual(await detectIpv6(proc), {loopback: false, reason: 'disabled'});
	});

	test('no IPv6 in the kernel (ipv6.disable=1): no if_inet6 at all', async t => {
		const proc = await fakeProc(t, {});
		assert.deepEqual(await detectIpv6(proc), {loopback: false, reason: 'absent'});
	});

	test('no /proc/net (not Linux): nothing known, nothing proposed', async () => {
		assert.deepEqual(await detectIpv6('/nonexistent-proc'), {loopback: true});
	});
});

describe('adjustForHost', () => {
	const off = {loopback: false, reason: 'disabled'} as const;
	test('IPv6 off and inet_protocols = all: adds inet_protocols = ipv4, with the reason in both languages', () => {
		const {settings, warnings} = adjustForHost(off, {inetProtocols: 'all'}, new Map([['relayhost', '[smtp.example.com]:587']]));
		assert.deepEqual([...settings], [['inet_protocols', 'ipv4']]);
		assert.match(warnings[0]!.message.en, /no local interface found for ::1/);
		assert.match(warnings[0]!.message.zh, /inet_protocols = ipv4/);
	});

	test('nothing with IPv6 there, or when inet_protocols is ipv4 already', () => {
		assert.equal(adjustForHost({loopback: true}, {inetProtocols: 'all'}, new Map()).settings.size, 0);
		const ipv4 = adjustForHost(off, {inetProtocols: 'ipv4'}, new Map());
		assert.equal(ipv4.settings.size, 0);
		assert.deepEqual(ipv4.warnings, []);
	});

	test('an explicit IPv6 answer is the user\'s: warned, not overridden', () => {
		const {settings, warnings} = adjustForHost(off, {inetProtocols: 'all'}, new Map([['inet_protocols', 'ipv4, ipv6'], ['mynetworks', '127.0.0.0/8 [::1]/128']]));
		assert.equal(settings.size, 0);
		assert.deepEqual(warnings.map(warning => warning.parameter), ['inet_protocols', 'mynetworks']);
	});

	test('mynetworks without its IPv6 items', () => {
		assert.equal(withoutIpv6Networks('127.0.0.0/8, [::1]/128 [::ffff:127.0.0.0]/104 !192.0.2.1 ![fe80::]/10'), '127.0.0.0/8 !192.0.2.1');
	});
});

test('the wizard proposes a mynetworks without [::1]/128 and names the finding on an IPv6-less host', () => {
	const current = new Map([['relayhost', '[smtp.example.com]:587'], ['myorigin', 'example.com'], ['inet_interfaces', 'loopback-only'], ['mynetworks', '127.0.0.0/8 [::1]/128'], ['mydestination', '']]);
	const explicit = new Set(current.keys());
	assert.equal(proposeValues(current, explicit, {ipv6: false}).get('mynetworks'), '127.0.0.0/8');
	assert.equal(proposeValues(current, new Set(), {ipv6: false}).get('mynetworks'), '127.0.0.0/8');
	assert.equal(proposeValues(current, explicit, {}).get('mynetworks'), '127.0.0.0/8 [::1]/128');
	const proposals = proposeValues(current, explicit, {ipv6: false});
	const facts = {current, proposals, mainCfExists: true, configDir: '/etc/postfix', running: true, manager: 'systemd' as const, isRoot: true, sandbox: false};
	assert.deepEqual(findProblems({...facts, ipv6: {loopback: false, reason: 'disabled'}, inetProtocols: 'all'}), [{kind: 'ipv6-off', reason: 'disabled', inetProtocols: 'all'}]);
	assert.deepEqual(findProblems({...facts, ipv6: {loopback: false, reason: 'disabled'}, inetProtocols: 'ipv4'}), []);
	assert.deepEqual(findProblems({...facts, ipv6: {loopback: true}, inetProtocols: 'all'}), []);
});
