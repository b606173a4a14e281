import {execa} from 'execa';
import {existsSync} from 'node:fs';
import {createSandbox} from '../source/sandbox/instance.js';
import {configureSandboxNullClient} from '../source/sandbox/null-client.js';
import {cliPath} from '../test/helpers/cli.js';

// getrusage(RUSAGE_CHILDREN) reports the largest resident set among the waited children and
// their descendants: the CLI's node process, which outweighs any Postfix program it runs.
const rusageShim = [
	'import resource, subprocess, sys',
	'subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)',
	'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)',
].join('\n');

const pythonPath = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Peak resident memory, in MiB, of one run of a command (Linux reports ru_maxrss in KiB). */
export async function peakMemoryMiB(command: readonly string[], env: Record<string, string> = {}): Promise<number> {
	const result = await execa(pythonPath, ['-c', rusageShim, ...command], {env: {...process.env, ...env}});
	return Number(result.stdout.trim()) / 1024;
}

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
