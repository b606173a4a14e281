import {execa} from 'execa';
import {readFile, readdir, rm, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {type LogMark, followLog, markLog} from '../source/postfix/log.js';
import {createSandbox, type Sandbox} from '../source/sandbox/instance.js';
import {cliPath} from '../test/helpers/cli.js';
import {interleaved} from './stats.js';

export interface TestMailBench {
	readonly toolMs: number;
	readonly handMs: number;
	readonly ratio: number;
	readonly runs: number;
}

const recipient = 'ops@example.org';

function nullClientSettings(sandbox: Sandbox): string[] {
	return [
		'myorigin=example.org',
		`relayhost=${sandbox.sink.relayhost}`,
		'inet_interfaces=loopback-only',
		'mynetworks=127.0.0.0/8 [::1]/128',
		'mydestination=',
	];
}

/**
 * What an administrator watching `tail -f maillog | grep status=sent` sees: resolves at the
 * first `status=sent` line for the recipient written after the mark, read as the file grows
 * (the project's own follower: change events, no fixed interval, as the tool follows it).
 */
async function waitForSent(mark: LogMark, timeoutMs = 30_000): Promise<void> {
	const done = new AbortController();
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`no status=sent in the log within ${timeoutMs} ms`));
			}, timeoutMs);
			followLog(mark, line => {
				if (line.includes(`to=<${recipient}>`) && line.includes('status=sent')) {
					clearTimeout(timer);
					resolve();
				}
			}, {signal: done.signal});
		});
	} finally {
		done.abort();
	}
}

/**
 * `apply --test-mail` end to end (write, check, restart, send, report the delivery) against
 * the same work done by hand on the same sandbox Postfix and relay: `postconf -e` with the
 * same five settings, `postfix check`, `postfix stop` and `postfix start` (once the master is
 * gone: a start before that fails), `sendmail`, and watching the log for `status=sent`.
 * Interleaved runs, medians; before each run main.cf is put back (dated back, as an
 * administrator's is) and the running Postfix keeps the previous run's configuration.
 */
export async function benchTestMail(runs = 7): Promise<TestMailBench> {
	const sandbox = await createSandbox();
	try {
		const dir = sandbox.target.configDir;
		const settings = nullClientSettings(sandbox);
		const original = await readFile(sandbox.mainCfPath);
		const pidFile = path.join(sandbox.dir, 'queue', 'pid', 'master.pid');
		const reset = async () => {
			await writeFile(sandbox.mainCfPath, original);
			const past = new Date(Date.now() - 60_000);
			await utimes(sandbox.mainCfPath, past, past);
			const backups = path.join(dir, 'postfix-wizard.backup');
			await rm(backups, {recursive: true, force: true});
			for (const name of await readdir(dir)) {
				if (name.startsWith('main.cf.')) {
					await rm(path.join(dir, name));
				}
			}
		};

		const tool = async () => {
			const result = await execa(process.execPath, [cliPath, '--config-dir', dir, 'apply', ...settings.flatMap(setting => ['--set', setting]), '--yes', '--test-mail', recipient], {reject: false, stdin: 'ignore'});
			if (result.exitCode !== 0 || !/status|sent/i.test(result.stdout)) {
				throw new Error(`apply --test-mail failed (${result.exitCode}): ${result.stderr || result.stdout}`);
			}
		};

		const masterPid = async () => Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
		const gone = async (pid: number) => {
			while (pid > 0) {
				try {
					process.kill(pid, 0);
				} catch {
					return;
				}

				await new Promise(resolve => setTimeout(resolve, 20));
			}
		};

		const hand = async () => {
			await execa('postconf', ['-c', dir, '-e', ...settings]);
			await execa('postfix', ['-c', dir, 'check']);
			const pid = await masterPid();
			await execa('postfix', ['-c', dir, 'stop']);
			await gone(pid);
			await execa('postfix', ['-c', dir, 'start']);
			const mark = await markLog({kind: 'file', path: sandbox.maillogPath, origin: 'maillog_file'});
			await execa('sendmail', ['-C', dir, '-i', '--', recipient], {input: `Subject: by hand\n\nsent by hand\n`});
			await waitForSent(mark);
		};

		const {toolMs, floorMs: handMs} = await interleaved(runs, reset, hand, tool);
		return {toolMs, handMs, ratio: toolMs / handMs, runs};
	} finally {
		await sandbox.dispose();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const result = await benchTestMail();
	console.log(`apply --test-mail ${result.toolMs.toFixed(0)} ms vs by hand ${result.handMs.toFixed(0)} ms: ${result.ratio.toFixed(2)}x (budget 1.2x)`);
}
