import {existsSync, watch, type FSWatcher} from 'node:fs';
import {type FileHandle, open, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {findProgram} from './locate.js';
import {lineSplitter} from './line-splitter.js';

export {lineSplitter} from './line-splitter.js';
import {readServices, readValues} from './postconf.js';
import type {ConfigReading} from './reading.js';
import {startProgram} from './run.js';
import type {PostfixTarget} from './target.js';
import {type LogSource, syslogFiles} from './log-places.js';

export {type LogFacts, type LogSource, ownLogFile, syslogFiles} from './log-places.js';

/** True when syslog writes a mail log file or journald runs: Postfix's lines land somewhere. */
export function hasSystemLog(): boolean {
	return syslogFiles.some(file => existsSync(file)) || hasJournal();
}

/**
 * The postlog service, from `postconf -M`; where postconf cannot read the configuration (no
 * main.cf yet on a fresh install), from master.cf's own line.
 */
export async function hasPostlogService(target: PostfixTarget, options: {signal?: AbortSignal; reading?: ConfigReading}): Promise<boolean> {
	const services = await (options.reading?.services ?? readServices(target, {signal: options.signal})).catch(() => undefined);
	if (services) {
		return services.some(service => service.service === 'postlog' && service.type === 'unix-dgram');
	}

	const masterCf = await readFile(path.join(target.configDir, 'master.cf'), 'utf8').catch(() => '');
	return /^postlog\s+unix-dgram\s/m.test(masterCf);
}

/** The journal is there when journald runs and journalctl can read it. */
function hasJournal(): boolean {
	return findProgram('journalctl') !== undefined && existsSync('/run/systemd/journal');
}

/**
 * Every place this Postfix's log lines can be read, in order of trust.
 * - `maillog_file` (Postfix 3.4+, the sandbox's) when the `postlog` service that writes it
 *   exists in master.cf: then Postfix logs there and nowhere else. A device such as
 *   /dev/stdout (containers) cannot be followed, and gives no source at all.
 * - otherwise syslog: /var/log/maillog, /var/log/mail.log, AND the journal when it is
 *   there. Debian 12 ships no rsyslog, but an upgraded host may still have a stale
 *   mail.log beside a live journal: following all of them costs little and never guesses.
 * An empty list means no log can be followed; the tracker then watches the queue.
 */
export async function findLogSources(target: PostfixTarget, options: {signal?: AbortSignal} = {}): Promise<LogSource[]> {
	const [reading, services] = await Promise.all([
		readValues(target, ['maillog_file'], {signal: options.signal}).catch(() => undefined),
		readServices(target, {signal: options.signal}).catch(() => undefined),
	]);
	const maillog = reading?.values.get('maillog_file')?.trim();
	const postlog = services?.some(service => service.service === 'postlog' && service.type === 'unix-dgram') ?? true;
	if (maillog && postlog) {
		return maillog.startsWith('/dev/') ? [] : [{kind: 'file', path: maillog, origin: 'maillog_file'}];
	}

	const sources: LogSource[] = syslogFiles.filter(file => existsSync(file)).map(file => ({kind: 'file', path: file, origin: 'syslog'}));
	if (hasJournal()) {
		sources.push({kind: 'journal'});
	}

	return sources;
}

/** A place in a log, taken BEFORE sending, so that following from it misses no line. */
export type LogMark =
	| {readonly source: Extract<LogSource, {kind: 'file'}>; readonly offset: number; readonly inode: number | undefined; readonly at: Date}
	| {readonly source: Extract<LogSource, {kind: 'journal'}>; readonly at: Date};

export async function markLog(source: LogSource): Promise<LogMark> {
	const at = new Date();
	if (source.kind === 'journal') {
		return {source, at};
	}

	const info = await stat(source.path).catch(() => undefined);
	return {source, offset: info?.size ?? 0, inode: info?.ino, at};
}

/**
 * journalctl from a second before the mark, following, every mail-facility entry (all
 * of Postfix's programs, whatever their syslog_name, e.g. postfix/smtp or postfix-out/smtp).
 * `short-iso` keeps the `program[pid]:` tag, which ties a warning to its delivery attempt.
 * Lines from before the mark are harmless: the tracker looks for one unique Message-ID.
 */
export function journalArgs(mark: {readonly at: Date}): string[] {
	return ['--follow', '--no-pager', '--quiet', '--output=short-iso', `--since=@${Math.floor(mark.at.getTime() / 1000) - 1}`, 'SYSLOG_FACILITY=2'];
}

export interface LogFollower {
	readonly source: LogSource;
	stop(): void;
}

function followJournal(mark: Extract<LogMark, {source: {kind: 'journal'}}>, onLine: (line: string) => void, options: {signal?: AbortSignal}): LogFollower {
	const run = startProgram(findProgram('journalctl') ?? 'journalctl', journalArgs(mark), {
		stdin: 'ignore',
		stderr: 'ignore',
		buffer: false,
		env: {LANG: 'C', LC_ALL: 'C', SYSTEMD_COLORS: '0'},
	}, {signal: options.signal});
	const split = lineSplitter(onLine);
	run.child.stdout?.on('data', (chunk: Buffer) => split(chunk));
	void run.ended;
	return {source: mark.source, stop: () => void run.stop()};
}

const chunkSize = 64 * 1024;

/**
 * `tail -F` for one file, from the mark on: driven by change events on its directory
 * (which also see the file appear, or be replaced by rotation), with a slow poll as a
 * safety net for filesystems whose events are unreliable (NFS, some overlays).
 * A rotated file is read to its end before the new one is read from its start.
 */
function followFile(mark: Extract<LogMark, {source: {kind: 'file'}}>, onLine: (line: string) => void, options: {signal?: AbortSignal; pollMs?: number}): LogFollower {
	const file = mark.source.path;
	let handle: FileHandle | undefined;
	let inode = mark.inode;
	let offset = mark.offset;
	let split = lineSplitter(onLine);
	let stopped = false;
	let reading = false;
	let again = false;
	const buffer = Buffer.alloc(chunkSize);

	const readToEnd = async (from: FileHandle) => {
		for (;;) {
			const {bytesRead} = await from.read(buffer, 0, buffer.length, offset);
			if (bytesRead === 0 || stopped) {
				return;
			}

			offset += bytesRead;
			split(Buffer.from(buffer.subarray(0, bytesRead)));
		}
	};

	const readRotated = async (rotated: string, wanted: number) => {
		const old = await open(rotated, 'r').catch(() => undefined);
		try {
			if (old && (await old.stat()).ino === wanted) {
				await readToEnd(old);
			}
		} finally {
			await old?.close().catch(() => undefined);
		}
	};

	const drainOnce = async () => {
		const current = await stat(file).catch(() => undefined);
		if (handle && current && current.ino !== inode) {
			// Rotated: finish the old file through the handle still open on it.
			await readToEnd(handle);
			await handle.close().catch(() => undefined);
			handle = undefined;
		}

		if (!current) {
			return;
		}

		if (!handle) {
			handle = await open(file, 'r').catch(() => undefined);
			if (handle && stopped) {
				// stop() came while the file was being opened: nothing may stay open behind it.
				await handle.close().catch(() => undefined);
				handle = undefined;
			}

			if (!handle) {
				return;
			}

			const opened = await handle.stat();
			if (opened.ino !== inode) {
				// A file that did not exist at the mark, or a new one after rotation. Rotated
				// before the first read: finish the marked file under logrotate's first name.
				if (inode !== undefined) {
					await readRotated(`${file}.1`, inode);
				}

				inode = opened.ino;
				offset = 0;
				split = lineSplitter(onLine);
			}
		}

		const {size} = await handle.stat();
		if (size < offset) {
			// Truncated in place (copytruncate): start from the top, and drop the unfinished
			// line that was cut off, or it would be glued onto the first new one.
			offset = 0;
			split = lineSplitter(onLine);
		}

		await readToEnd(handle);
	};

	const drain = async () => {
		if (reading) {
			again = true;
			return;
		}

		reading = true;
		try {
			do {
				again = false;
				await drainOnce().catch(() => undefined);
			} while (again && !stopped);
		} finally {
			reading = false;
		}
	};

	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(path.dirname(file), {persistent: false}, (_event, name) => {
			if (!name || name === path.basename(file)) {
				void drain();
			}
		});
		watcher.on('error', () => undefined);
	} catch {
		// No directory yet, or no inotify: the poll below still finds the lines.
	}

	const poll = setInterval(() => void drain(), options.pollMs ?? 1000);
	const stop = () => {
		if (stopped) {
			return;
		}

		stopped = true;
		watcher?.close();
		clearInterval(poll);
		void handle?.close().catch(() => undefined);
		options.signal?.removeEventListener('abort', stop);
	};

	if (options.signal?.aborted) {
		stop();
		return {source: mark.source, stop};
	}

	options.signal?.addEventListener('abort', stop, {once: true});
	// Lines written between the mark and now.
	void drain();
	return {source: mark.source, stop};
}

/**
 * Follows a log from a mark, line by line, as it is written: a file by change events,
 * the journal by a `journalctl --follow` stream. Call stop() when done.
 */
export function followLog(mark: LogMark, onLine: (line: string) => void, options: {signal?: AbortSignal; pollMs?: number} = {}): LogFollower {
	return mark.source.kind === 'journal'
		? followJournal(mark as Extract<LogMark, {source: {kind: 'journal'}}>, onLine, options)
		: followFile(mark as Extract<LogMark, {source: {kind: 'file'}}>, onLine, options);
}
