import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {readDefaults, readValues} from './postconf.js';
import {type RunOptions, PostfixCommandError, runProgram, runProgramOnTerminal} from './run.js';
import {untilMainCfSettled} from './settled.js';
import {type PostfixTarget, configArgs} from './target.js';
import {StepError} from '../errors.js';

/** Who starts and stops this Postfix: systemd for the system's instance on a systemd host. */
export type ServiceManager = 'systemd' | 'postfix';

export interface ServiceStatus {
	readonly running: boolean;
	readonly manager: ServiceManager;
	readonly pid?: number;
}

export type ServiceOutcome = 'restarted' | 'reloaded' | 'started';

export function serviceManager(target: PostfixTarget): ServiceManager {
	return target.isDefault && existsSync('/run/systemd/system') ? 'systemd' : 'postfix';
}

async function masterPidFile(target: PostfixTarget, options?: RunOptions): Promise<string> {
	// postconf cannot read a main.cf that does not exist (a fresh Debian install): the default then.
	const fresh = !existsSync(path.join(target.configDir, 'main.cf'));
	const reading = fresh ? await readDefaults(target, ['queue_directory'], options) : await readValues(target, ['queue_directory'], options);
	return path.join(reading.values.get('queue_directory') ?? '/var/spool/postfix', 'pid', 'master.pid');
}

function livePid(pidFile: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
		if (!Number.isInteger(pid) || pid <= 0) {
			return undefined;
		}

		process.kill(pid, 0);
		return pid;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM' ? Number.NaN : undefined;
	}
}

/** `postfix status` answers for any instance, whoever started it. */
export async function serviceStatus(target: PostfixTarget, options?: RunOptions): Promise<ServiceStatus> {
	const [status, pidFile] = await Promise.all([
		runProgram('postfix', [...configArgs(target), 'status'], options),
		masterPidFile(target, options),
	]);
	const pid = livePid(pidFile);
	return {running: status.exitCode === 0, manager: serviceManager(target), ...(pid ? {pid} : {})};
}

async function postfixCommand(target: PostfixTarget, verb: string, options?: RunOptions): Promise<void> {
	const args = [...configArgs(target), verb];
	const result = await runProgram('postfix', args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('postfix', args, result);
	}
}

async function systemctl(verb: string, options?: RunOptions): Promise<void> {
	const args = [verb, 'postfix'];
	const result = await runProgram('systemctl', args, options);
	if (result.exitCode !== 0) {
		throw new PostfixCommandError('systemctl', args, result);
	}
}

/** `postfix stop` only signals master; a start before it is gone fails with "already running". */
async function waitForExit(pidFile: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (livePid(pidFile) !== undefined) {
		if (Date.now() > deadline) {
			throw new StepError(`Postfix's master did not stop within ${timeoutMs / 1000} s`);
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/**
 * Makes Postfix use the new main.cf: a stopped instance is started, a running one
 * reloaded, or stopped and started when the change needs it (inet_interfaces).
 */
export async function applyServiceAction(target: PostfixTarget, action: 'reload' | 'restart', options?: RunOptions): Promise<ServiceOutcome> {
	const status = await serviceStatus(target, options);
	if (status.manager === 'systemd') {
		if (!status.running) {
			await systemctl('start', options);
			return 'started';
		}

		await systemctl(action, options);
		return action === 'restart' ? 'restarted' : 'reloaded';
	}

	if (!status.running) {
		await postfixCommand(target, 'start', options);
		return 'started';
	}

	if (action === 'reload') {
		await postfixCommand(target, 'reload', options);
		return 'reloaded';
	}

	const pidFile = await masterPidFile(target, options);
	await postfixCommand(target, 'stop', options);
	await waitForExit(pidFile, 15_000);
	await postfixCommand(target, 'start', options);
	return 'restarted';
}

export interface CheckResult {
	readonly ok: boolean;
	/** Every line `postfix check` printed (warnings even when it passes). */
	readonly messages: readonly string[];
}

/** `postfix check`: Postfix's own validation of main.cf, master.cf and file permissions. */
export async function runCheck(target: PostfixTarget, options?: RunOptions): Promise<CheckResult> {
	await untilMainCfSettled(target, options);
	const args = [...configArgs(target), 'check'];
	const result = await runProgram('postfix', args, options);
	let output = `${result.stderr}\n${result.stdout}`;
	if (result.exitCode !== 0 && output.trim() === '') {
		const again = await runProgramOnTerminal('postfix', args, options);
		output = again?.stdout.trim()
			|| `postfix check failed (exit ${result.exitCode}) and printed no reason; Postfix logged it to the mail log (journalctl -t postfix/postfix-script, /var/log/mail.log or /var/log/maillog)`;
	}

	const messages = output
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean);
	return {ok: result.exitCode === 0, messages: [...new Set(messages)]};
}
