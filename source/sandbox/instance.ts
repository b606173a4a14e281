import {constants, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync, chownSync, mkdirSync} from 'node:fs';
import {copyFile, readFile, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {runProgram, runProgramOrThrow} from '../postfix/run.js';
import {runCheck} from '../postfix/service.js';
import {type PostfixTarget, targetFor} from '../postfix/target.js';
import {type SinkMode, type SinkSecurity, type SmtpSink, startSink} from './sink.js';
import {internetSiteMainCf} from './seed.js';
import {isAlive} from '../postfix/pid.js';
import {PreconditionError, StepError} from '../errors.js';
import {stopOf} from '../interrupt.js';

export interface SandboxOptions {
	/** The main.cf to start from (the sandbox appends its own directories). Default: an internet-site config. */
	readonly mainCf?: string;
	/** Start the Postfix master right away (default true). */
	readonly start?: boolean;
	readonly sinkMode?: SinkMode;
	/** `login`: the relay wants STARTTLS (or implicit TLS) and a login, like a real provider. Default `open`. */
	readonly relaySecurity?: SinkSecurity;
	/** Stops the setup where it is (Ctrl-C while it starts): what was made is removed, and the promise rejects. */
	readonly signal?: AbortSignal;
}

/** A throwaway Postfix instance in a temp dir, relaying to a loopback SMTP sink. */
export interface Sandbox {
	readonly dir: string;
	readonly target: PostfixTarget;
	readonly mainCfPath: string;
	/** The instance's own log (Postfix's `maillog_file`). */
	readonly maillogPath: string;
	/** Where this instance's smtpd listens instead of 127.0.0.1:25. */
	readonly smtpdAddress: string;
	/** The loopback relay. With `relaySecurity: 'login'`, `sink.login` holds the credentials to prefill. */
	readonly sink: SmtpSink;
	start(): Promise<void>;
	stop(): Promise<void>;
	isRunning(): boolean;
	/** Stops everything it started and removes the temp dir. Safe to call twice. */
	dispose(): Promise<void>;
}

const dirPrefix = 'postfix-wizard-sandbox-';

async function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function masterPid(dir: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(path.join(dir, 'queue', 'pid', 'master.pid'), 'utf8').trim(), 10);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Last resort when the owner dies without cleaning up: no Postfix master may outlive it. */
function killAndRemoveSync(dir: string): void {
	const pid = masterPid(dir);
	if (pid !== undefined && isAlive(pid)) {
		try {
			process.kill(pid, 'SIGTERM');
		} catch {}
	}

	rmSync(dir, {recursive: true, force: true});
}

/** Sandboxes left by a process that was killed (SIGKILL, a test runner's timeout). */
function sweepOrphans(): void {
	const tmp = os.tmpdir();
	for (const name of readdirSync(tmp)) {
		if (!name.startsWith(dirPrefix)) {
			continue;
		}

		const dir = path.join(tmp, name);
		let owner: number;
		try {
			owner = Number.parseInt(readFileSync(path.join(dir, 'owner.pid'), 'utf8'), 10);
		} catch {
			// Gone already (another process swept it) or not one of ours: nothing to do.
			continue;
		}

		if (!(owner > 0) || !isAlive(owner)) {
			killAndRemoveSync(dir);
		}
	}
}

/**
 * The sandbox directory appears under its sweepable name only once it names its owner:
 * made and signed under a name no sweeper looks at, then renamed, so a process sweeping
 * at the same moment never takes a sandbox being born for an orphan.
 */
function makeOwnedDir(): string {
	const unborn = mkdtempSync(path.join(os.tmpdir(), `unborn-${dirPrefix}`));
	try {
		chmodSync(unborn, 0o755);
		// Inside a directory just made: 'wx' still refuses anything already there.
		writeFileSync(path.join(unborn, 'owner.pid'), String(process.pid), {flag: 'wx'});
		const dir = path.join(os.tmpdir(), path.basename(unborn).slice('unborn-'.length));
		renameSync(unborn, dir);
		return dir;
	} catch (error) {
		rmSync(unborn, {recursive: true, force: true});
		throw error;
	}
}

async function waitUntil(condition: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline || signal?.aborted) {
			return false;
		}

		await new Promise(resolve => setTimeout(resolve, 25));
	}

	return true;
}

async function writeMasterCf(configDir: string, smtpdAddress: string, signal?: AbortSignal): Promise<void> {
	const source = ['/etc/postfix/master.cf', '/usr/share/postfix/master.cf.dist'].find(file => existsSync(file));
	if (!source) {
		throw new PreconditionError('no master.cf to copy: is Postfix installed completely?');
	}

	await copyFile(source, path.join(configDir, 'master.cf'), constants.COPYFILE_EXCL);
	const c = ['-c', configDir];
	const run = {signal};
	// A chroot would need copies of /etc files inside the temp queue; the sandbox runs unjailed.
	await runProgramOrThrow('postconf', [...c, '-F', '*/*/chroot = n'], run);
	// Never compete with the machine's own Postfix for 127.0.0.1:25.
	await runProgram('postconf', [...c, '-MX', 'smtp/inet'], run);
	await runProgramOrThrow('postconf', [...c, '-M', `${smtpdAddress}/inet=${smtpdAddress} inet n - n - - smtpd`], run);
	const postlog = await runProgram('postconf', [...c, '-M', 'postlog/unix-dgram'], run);
	if (postlog.stdout.trim() === '') {
		await runProgramOrThrow('postconf', [...c, '-M', 'postlog/unix-dgram=postlog unix-dgram n - n - 1 postlogd'], run);
	}
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	sweepOrphans();
	// Postfix's daemons (user postfix) must reach the queue and data directories inside.
	const dir = makeOwnedDir();
	const onExit = () => killAndRemoveSync(dir);
	process.once('exit', onExit);

	const configDir = path.join(dir, 'etc');
	const queueDir = path.join(dir, 'queue');
	const dataDir = path.join(dir, 'data');
	const maillogPath = path.join(dir, 'log', 'maillog');
	for (const sub of [configDir, queueDir, dataDir, path.dirname(maillogPath)]) {
		mkdirSync(sub, {mode: 0o755});
	}

	const {signal} = options;
	let sink: SmtpSink | undefined;
	let disposed = false;
	try {
		const postfixUser = await runProgram('postconf', ['-h', '-d', 'mail_owner'], {signal});
		const {uid, gid} = userIds(postfixUser.stdout.trim() || 'postfix');
		chownSync(dataDir, uid, gid);

		sink = await startSink({mode: options.sinkMode, security: options.relaySecurity});
		const smtpdAddress = `127.0.0.1:${await freeLoopbackPort()}`;
		const mainCfPath = path.join(configDir, 'main.cf');
		await writeFile(mainCfPath, options.mainCf ?? internetSiteMainCf, {flag: 'wx'});
		// The sandbox's own plumbing goes at the end, where postconf -e appends new parameters.
		await runProgramOrThrow('postconf', [
			'-c', configDir, '-e',
			`queue_directory=${queueDir}`,
			`data_directory=${dataDir}`,
			`maillog_file=${maillogPath}`,
			`maillog_file_prefixes=${dir}`,
		], {signal});
		await writeMasterCf(configDir, smtpdAddress, signal);

		const target = targetFor(configDir);
		const activeSink = sink;
		const sandbox: Sandbox = {
			dir,
			target,
			mainCfPath,
			maillogPath,
			smtpdAddress,
			sink: activeSink,
			async start() {
				await startInstance(sandbox, configDir);
			},
			async stop() {
				const pid = masterPid(dir);
				if (pid === undefined || !isAlive(pid)) {
					return;
				}

				await runProgram('postfix', ['-c', configDir, 'stop']);
				if (!(await waitUntil(() => !isAlive(pid), 10_000))) {
					process.kill(pid, 'SIGKILL');
				}
			},
			isRunning() {
				const pid = masterPid(dir);
				return pid !== undefined && isAlive(pid);
			},
			async dispose() {
				if (disposed) {
					return;
				}

				disposed = true;
				try {
					await sandbox.stop();
				} finally {
					await activeSink.close();
					await rm(dir, {recursive: true, force: true});
					process.off('exit', onExit);
				}
			},
		};

		if (options.start ?? true) {
			await startInstance(sandbox, configDir, signal);
		}

		return sandbox;
	} catch (error) {
		await sink?.close();
		killAndRemoveSync(dir);
		process.off('exit', onExit);
		throw error;
	}
}

/** `postfix start`, then the master's pid file; a signal stops the wait (the caller removes what started). */
async function startInstance(sandbox: Sandbox, configDir: string, signal?: AbortSignal): Promise<void> {
	if (sandbox.isRunning()) {
		return;
	}

	const started = await runProgram('postfix', ['-c', configDir, 'start'], {signal});
	if (started.exitCode !== 0) {
		// `postfix start` tells why only to a terminal or syslog; `postfix check` says it here.
		const check = await runCheck(sandbox.target, {signal});
		const reason = check.ok ? (started.stderr || started.stdout).trim() : check.messages.join('; ');
		throw new StepError(`the sandbox Postfix did not start${reason ? `: ${reason}` : ''}`);
	}

	if (!(await waitUntil(() => sandbox.isRunning(), 10_000, signal))) {
		throw signal?.aborted ? stopOf(signal) : new StepError(`the sandbox Postfix did not start; see ${sandbox.maillogPath}`);
	}
}

function userIds(user: string): {uid: number; gid: number} {
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find(entry => entry.startsWith(`${user}:`));
	const fields = line?.split(':');
	if (!fields?.[2] || !fields[3]) {
		throw new PreconditionError(`user ${user} (Postfix's mail_owner) does not exist`);
	}

	return {uid: Number(fields[2]), gid: Number(fields[3])};
}

export async function readSandboxLog(sandbox: Sandbox): Promise<string> {
	return readFile(sandbox.maillogPath, 'utf8').catch(() => '');
}
