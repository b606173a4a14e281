import {execa} from 'execa';
import {readdir, readFile, rm, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {createSandbox} from '../source/sandbox/instance.js';
import {cliPath} from '../test/helpers/cli.js';
import {interleaved} from './stats.js';

const settings = [
	'myorigin=example.com',
	'relayhost=[smtp.example.com]:587',
	'inet_interfaces=loopback-only',
	'mynetworks=127.0.0.0/8 [::1]/128',
	'mydestination=',
];

/** What the login variant adds by hand: the SMTP client's login settings and the map. */
const loginSettings = (dir: string) => [
	'smtp_sasl_auth_enable=yes',
	`smtp_sasl_password_maps=hash:${path.join(dir, 'sasl_passwd')}`,
	'smtp_sasl_security_options=noanonymous',
	'smtp_sasl_tls_security_options=noanonymous',
	'smtp_tls_security_level=encrypt',
];

const benchUser = 'alerts@example.com';
const benchPassword = 'bench-password-not-secret';

export interface ApplyBench {
	readonly applyMs: number;
	readonly floorMs: number;
	readonly ratio: number;
	readonly runs: number;
}

/**
 * `postfix-wizard apply` of the five null-client settings against the bare floor an
 * administrator pays by hand: one `postconf -e` with the same settings plus
 * `postfix check`. Same instance, same file, interleaved runs. With `login`, both sides
 * also set up the relay login: the wizard from --relay-user and --relay-password-file, the
 * admin with the five login settings, sasl_passwd written 0600 and `postmap`.
 */
export async function benchApply(runs = 9, options: {login?: boolean} = {}): Promise<ApplyBench> {
	const sandbox = await createSandbox({start: false});
	try {
		const dir = sandbox.target.configDir;
		const passwordFile = path.join(sandbox.dir, 'bench-password');
		await writeFile(passwordFile, `${benchPassword}\n`, {mode: 0o600});
		const saslPasswd = path.join(dir, 'sasl_passwd');
		const original = await readFile(sandbox.mainCfPath);
		// Postfix waits for a main.cf younger than ~2 s to settle before reading it (strace shows
		// it re-reading every 300 ms). An administrator's main.cf is not that fresh, so the reset
		// dates it back; both sides then pay that wait only for their own write. It ends on a
		// whole second (main.cf's mtime in seconds, + 2), so where in the second a run writes
		// decides whether it pays a whole extra second: interleaved() starts both sides at the
		// same evenly spaced points of the second.
		const reset = async () => {
			await writeFile(sandbox.mainCfPath, original);
			const past = new Date(Date.now() - 60_000);
			await utimes(sandbox.mainCfPath, past, past);
			for (const name of await readdir(dir)) {
				if (name.startsWith('main.cf.') || name.startsWith('sasl_passwd')) {
					await rm(path.join(dir, name));
				}
			}
		};

		const loginArguments = options.login ? ['--relay-user', benchUser, '--relay-password-file', passwordFile] : [];

		const apply = async () => {
			const result = await execa(process.execPath, [cliPath, '--config-dir', dir, 'apply', ...settings.flatMap(setting => ['--set', setting]), ...loginArguments, '--yes', '--no-restart'], {reject: false, stdin: 'ignore'});
			if (result.exitCode !== 0) {
				throw new Error(`apply failed: ${result.stderr}`);
			}
		};

		const floor = async () => {
			await execa('postconf', ['-c', dir, '-e', ...settings, ...options.login ? loginSettings(dir) : []]);
			if (options.login) {
				await writeFile(saslPasswd, `[smtp.example.com]:587 ${benchUser}:${benchPassword}\n`, {mode: 0o600});
				await execa('postmap', ['-c', dir, `hash:${saslPasswd}`]);
			}

			await execa('postfix', ['-c', dir, 'check']);
		};

		const {toolMs: applyMs, floorMs} = await interleaved(runs, reset, floor, apply);
		return {applyMs, floorMs, ratio: applyMs / floorMs, runs};
	} finally {
		await sandbox.dispose();
	}
}
