import {execa} from 'execa';
import {existsSync, watch, type FSWatcher} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import path from 'node:path';
import {findProgram} from './locate.js';
import {readValues} from './postconf.js';
import type {PostfixTarget} from './target.js';

/** Where this Postfix's log lines can be read as they are written. */
export type LogSource =
	| {readonly kind: 'file'; readonly path: string}
	| {readonly kind: 'journal'};

/**
 * maillog_file (Postfix 3.4+, the sandbox's) first, then the syslog files of RHEL
 * and Debian, then the journal (Debian 12 ships no rsyslog).
 */
export async function findLogSource(target: PostfixTarget): Promise<LogSource | undefined> {
	const reading = await readValues(target, ['maillog_file']).catch(() => undefined);
	const maillog = reading?.values.get('maillog_file')?.trim();
	if (maillog) {
		return {kind: 'file', path: maillog};
	}

	for (const file of ['/var/log/maillog', '/var/log/mail.log']) {
		if (existsSync(file)) {
			return {kind: 'file', path: file};
		}
	}

	return findProgram('journalctl') && existsSync('/run/systemd/journal') ? {kind: 'journal'} : undefined;
}

export interface LogFollower {
	readonly source: LogSource;
	stop(): void;
}

/**
 * Follows the log from now on, line by line, driven by file-change events (a journal
 * follower streams). Start it before sending, so no line is missed.
 */
export async function followLog(source: LogSource, onLine: (line: string) => void, options: {signal?: AbortSignal} = {}): Promise<LogFollower> {
	if (source.kind === 'journal') {
		const child = execa(findProgram('journalctl')!, ['--follow', '--lines=0', '--output=cat', '--facility=mail'], {
			stdin: 'ignore',
			reject: false,
			cancelSignal: options.signal,
			buffer: false,
		});
		let rest = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			const lines = (rest + chunk.toString('utf8')).split('\n');
			rest = lines.pop() ?? '';
			lines.forEach(onLine);
		});
		void child.catch(() => undefined);
		return {source, stop: () => child.kill()};
	}

	const file = source.path;
	let offset = await stat(file).then(info => info.size, () => 0);
	let rest = '';
	let reading = false;
	let again = false;
	let stopped = false;

	const drain = async () => {
		if (reading) {
			again = true;
			return;
		}

		reading = true;
		try {
			do {
				again = false;
				const handle = await open(file, 'r').catch(() => undefined);
				if (!handle) {
					return;
				}

				try {
					const {size} = await handle.stat();
					if (size < offset) {
						// Rotated or truncated: start from the top of the new file.
						offset = 0;
					}

					if (size > offset) {
						const buffer = Buffer.alloc(size - offset);
						await handle.read(buffer, 0, buffer.length, offset);
						offset = size;
						const lines = (rest + buffer.toString('utf8')).split('\n');
						rest = lines.pop() ?? '';
						if (!stopped) {
							lines.forEach(onLine);
						}
					}
				} finally {
					await handle.close();
				}
			} while (again && !stopped);
		} finally {
			reading = false;
		}
	};

	// Watch the directory: it sees the file appear, grow, and be replaced by rotation.
	let watcher: FSWatcher | undefined;
	try {
		watcher = watch(path.dirname(file), (_event, name) => {
			if (!name || name === path.basename(file)) {
				void drain();
			}
		});
	} catch {}

	// A slow safety net for filesystems whose change events are unreliable (NFS, overlays).
	const poll = setInterval(() => void drain(), 1000);
	const stop = () => {
		stopped = true;
		watcher?.close();
		clearInterval(poll);
	};

	options.signal?.addEventListener('abort', stop, {once: true});
	return {source, stop};
}
