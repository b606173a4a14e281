import assert from 'node:assert/strict';
import {execa} from 'execa';
import path from 'node:path';
import {test} from 'node:test';
import {findProgram} from '../../source/postfix/locate.js';
import {projectRoot} from '../helpers/cli.js';

/**
 * A host with IPv6 off in the kernel, made for real: a private network namespace (loopback
 * only, nothing reaches the machine's network) with net.ipv6.conf.all.disable_ipv6 = 1.
 */
const canUnshare = process.getuid?.() === 0 && findProgram('unshare') !== undefined && findProgram('ip') !== undefined && findProgram('sysctl') !== undefined;

test('IPv6 off in the kernel: the change adds inet_protocols = ipv4, says why, and mail leaves', {skip: canUnshare ? false : 'needs root, unshare, ip and sysctl to make a network namespace without IPv6'}, async () => {
	const inside = 'ip link set lo up && sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 && exec "$0" "$@"';
	const result = await execa('unshare', ['-n', 'sh', '-c', inside, process.execPath, '--import', 'tsx', path.join(projectRoot, 'test', 'helpers', 'ipv6-off-run.ts')], {cwd: projectRoot, reject: false, timeout: 180_000, env: {LANG: 'C'}});
	assert.equal(result.exitCode, 0, result.stderr);
	const run = JSON.parse(String(result.stdout).trim().split('\n').at(-1)!) as {
		detected: {loopback: boolean; reason?: string};
		apply: {exitCode: number; stdout: string; stderr: string};
		zh: {exitCode: number; stdout: string; stderr: string};
		mainCf: string;
		received: number;
		running: boolean;
	};
	assert.deepEqual(run.detected, {loopback: false, reason: 'disabled'});

	const {apply} = run;
	assert.equal(apply.exitCode, 0, apply.stdout + apply.stderr);
	// In the plan (the diff), explained, and applied.
	assert.match(apply.stdout, /^-inet_protocols = all$/m);
	assert.match(apply.stdout, /^\+inet_protocols = ipv4$/m);
	assert.match(apply.stderr, /inet_protocols: IPv6 is disabled on this host \(net\.ipv6\.conf\.all\.disable_ipv6 = 1\): the change also sets inet_protocols = ipv4, because with all Postfix looks for ::1/);
	assert.match(run.mainCf, /^inet_protocols = ipv4$/m);
	assert.match(apply.stdout, /status=sent|Sent/i);
	assert.equal(run.received, 1, 'the sink did not receive the test mail');
	assert.ok(run.running);

	// Asked for explicitly, IPv6 is the user's choice: not overridden, but explained (in Chinese too).
	assert.equal(run.zh.exitCode, 0, run.zh.stderr);
	assert.match(run.zh.stdout, /^\+inet_protocols = all$/m);
	assert.match(run.zh.stderr, /本机已禁用 IPv6.*inet_protocols = all 会让 Postfix 报错/);
	assert.match(run.zh.stderr, /mynetworks 中的 IPv6 网络在本机不会匹配任何客户端；127\.0\.0\.0\/8 就够了/);
});
