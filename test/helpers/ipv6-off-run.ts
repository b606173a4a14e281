// Run inside a network namespace whose IPv6 is disabled (see test/e2e/ipv6-off.test.ts):
// a real sandbox instance, the shipped bundle's `apply` on it, and a test mail to its sink.
// Prints one JSON object for the test outside to judge.
import {readFile} from 'node:fs/promises';
import {detectIpv6} from '../../source/postfix/ipv6.js';
import {createSandbox} from '../../source/sandbox/instance.js';
import {runCli} from './cli.js';

const sandbox = await createSandbox();
try {
	const detected = await detectIpv6();
	const apply = await runCli([
		'--config-dir', sandbox.target.configDir, 'apply',
		'--set', `relayhost=${sandbox.sink.relayhost}`,
		'--set', 'inet_interfaces=loopback-only',
		'--set', 'mydestination=',
		'--set', 'myorigin=example.org',
		'--yes', '--test-mail', 'ops@example.org', '--timeout', '60',
	]);
	const zh = await runCli(['--config-dir', sandbox.target.configDir, 'apply', '--set', 'inet_protocols=all', '--set', 'mynetworks=127.0.0.0/8 [::1]/128', '--dry-run', '--lang', 'zh']);
	console.log(JSON.stringify({detected, apply, zh, mainCf: await readFile(sandbox.mainCfPath, 'utf8'), received: sandbox.sink.messages.length, running: sandbox.isRunning()}));
} finally {
	await sandbox.dispose();
}
