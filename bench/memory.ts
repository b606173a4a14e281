import {readFile} from 'node:fs/promises';
import {createSandbox} from '../source/sandbox/instance.js';
import {configureSandboxNullClient} from '../source/sandbox/null-client.js';
import {cliPath} from '../test/helpers/cli.js';
import {peakMemoryMiB, writeLargeMainCf} from '../test/helpers/memory.js';

export {peakMemoryMiB} from '../test/helpers/memory.js';

/**
 * The CLI's peak memory where it matters, on a machine's own Postfix: applying the settings
 * (restart included), and the heaviest headless run, verify following a test mail to the relay.
 * The instance and its sink live in this process, so the CLI is measured as it runs on a server.
 */
export async function benchMemory(): Promise<Record<string, number>> {
	const sandbox = await createSandbox();
	try {
		const dir = sandbox.target.configDir;
		const apply = await peakMemoryMiB([process.execPath, cliPath, '--config-dir', dir, 'apply', '--set', `relayhost=${sandbox.sink.relayhost}`, '--set', 'mydestination=', '--set', 'inet_interfaces=loopback-only', '--yes']);
		await configureSandboxNullClient(sandbox);
		const verify = await peakMemoryMiB([process.execPath, cliPath, '--config-dir', dir, 'verify', '--to', 'ops@example.org']);
		return {'`apply` (with restart)': apply, '`verify --to` (test mail followed)': verify};
	} finally {
		await sandbox.dispose();
	}
}

/**
 * A long-grown 100,000-line main.cf (see writeLargeMainCf) against the same instance's
 * ordinary one: what the large file adds to the peak of `apply` (budget: under twice the
 * file's size). test/e2e/memory.test.ts holds `npm test` to the same budget.
 */
export async function benchLargeMainCf(): Promise<{baselineMiB: number; largeMiB: number; sizeMiB: number}> {
	const sandbox = await createSandbox({start: false});
	try {
		const apply = [process.execPath, cliPath, '--config-dir', sandbox.target.configDir, 'apply', '--set', `relayhost=${sandbox.sink.relayhost}`, '--set', 'mydestination=', '--set', 'inet_interfaces=loopback-only', '--yes', '--no-restart'];
		const original = await readFile(sandbox.mainCfPath, 'utf8');
		await writeLargeMainCf(sandbox.mainCfPath, original, 0);
		const baselineMiB = await peakMemoryMiB(apply);
		const size = await writeLargeMainCf(sandbox.mainCfPath, original, 100_000);
		const largeMiB = await peakMemoryMiB(apply);
		return {baselineMiB, largeMiB, sizeMiB: size / 1_048_576};
	} finally {
		await sandbox.dispose();
	}
}
