import assert from 'node:assert/strict';
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {followLog, journalArgs, lineSplitter, markLog, type LogSource} from '../../source/postfix/log.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pfw-log-follow-'));
after(() => rmSync(dir, {recursive: true, force: true}));

let counter = 0;
/** A fresh directory per test, so that one test's watcher never sees another's files. */
function freshDir(): string {
	counter += 1;
	const sub = path.join(dir, `case-${counter}`);
	mkdirSync(sub);
	return sub;
}

function fileSource(file: string): LogSource {
	return {kind: 'file', path: file, origin: 'maillog_file'};
}

/** Polls `lines` every 20 ms until `done` holds, failing after 3 s. */
async function waitFor(lines: readonly string[], done: (lines: readonly string[]) => boolean, deadlineMs = 3000): Promise<void> {
	const end = Date.now() + deadlineMs;
	while (!done(lines)) {
		if (Date.now() > end) {
			assert.fail(`timed out; lines so far: ${JSON.stringify(lines)}`);
		}

		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

const hasLine = (wanted: string) => (lines: readonly string[]) => lines.includes(wanted);

describe('lineSplitter', () => {
	function collect(): {lines: string[]; split: (chunk: Buffer) => void} {
		const lines: string[] = [];
		return {lines, split: lineSplitter(line => lines.push(line))};
	}

	test('joins a line split across chunks, and emits several lines from one chunk', () => {
		const {lines, split} = collect();
		split(Buffer.from('postfix/smtp[1]: hel'));
		assert.deepEqual(lines, []);
		split(Buffer.from('lo\nsecond\nthi'));
		assert.deepEqual(lines, ['postfix/smtp[1]: hello', 'second']);
		split(Buffer.from('rd\n'));
		assert.deepEqual(lines, ['postfix/smtp[1]: hello', 'second', 'third']);
	});

	test('keeps a multi-byte character cut between two chunks whole', () => {
		for (const text of ['中文 line', 'café', '😀 four bytes']) {
			const {lines, split} = collect();
			const bytes = Buffer.from(`${text}\n`);
			// Cut inside the first multi-byte character, at every possible place.
			const start = bytes.findIndex(byte => byte >= 0x80);
			assert.ok(start >= 0);
			let cuts = 0;
			for (let cut = start + 1; ((bytes[cut] ?? 0) & 0xC0) === 0x80; cut++) {
				const halves = collect();
				halves.split(bytes.subarray(0, cut));
				assert.deepEqual(halves.lines, []);
				halves.split(bytes.subarray(cut));
				assert.deepEqual(halves.lines, [text], `cut at byte ${cut} of ${JSON.stringify(text)}`);
				cuts += 1;
			}

			assert.ok(cuts >= 1);

			// And byte by byte.
			for (const byte of bytes) {
				split(Buffer.from([byte]));
			}

			assert.deepEqual(lines, [text]);
		}
	});

	test('drops the \\r of \\r\\n endings, even when \\r and \\n come in different chunks', () => {
		const {lines, split} = collect();
		split(Buffer.from('one\r\ntwo\r'));
		split(Buffer.from('\nthree\n'));
		assert.deepEqual(lines, ['one', 'two', 'three']);
	});

	test('holds a trailing partial line until its newline arrives', () => {
		const {lines, split} = collect();
		split(Buffer.from('done\npartial'));
		assert.deepEqual(lines, ['done']);
		split(Buffer.from(' still'));
		assert.deepEqual(lines, ['done']);
		split(Buffer.from('\n'));
		assert.deepEqual(lines, ['done', 'partial still']);
	});

	test('keeps empty lines', () => {
		const {lines, split} = collect();
		split(Buffer.from('a\n\nb\n'));
		assert.deepEqual(lines, ['a', '', 'b']);
	});
});

describe('journalArgs', () => {
	test('follows mail-facility entries in short-iso from a second before the mark', () => {
		const at = new Date('2026-03-01T12:34:56.789Z');
		const args = journalArgs({at});
		assert.ok(args.includes('--follow'));
		assert.ok(args.includes('--output=short-iso'));
		assert.ok(args.includes('SYSLOG_FACILITY=2'));
		const since = args.filter(arg => arg.startsWith('--since='));
		assert.deepEqual(since, [`--since=@${Math.floor(at.getTime() / 1000) - 1}`]);
		assert.equal(since[0], '--since=@1772368495');
	});

	test('on an exact second, still starts one second earlier', () => {
		assert.ok(journalArgs({at: new Date(1_000_000_000_000)}).includes('--since=@999999999'));
	});
});

describe('markLog', () => {
	test('a file is marked at its end, with its inode', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'abc\n');
		const mark = await markLog(fileSource(file));
		assert.equal(mark.source.kind, 'file');
		assert.ok('offset' in mark);
		assert.equal(mark.offset, 4);
		assert.equal(typeof mark.inode, 'number');
	});

	test('a missing file is marked at 0 with no inode', async () => {
		const mark = await markLog(fileSource(path.join(freshDir(), 'missing.log')));
		assert.ok('offset' in mark);
		assert.equal(mark.offset, 0);
		assert.equal(mark.inode, undefined);
	});

	test('the journal is marked with the time only', async () => {
		const before = Date.now();
		const mark = await markLog({kind: 'journal'});
		assert.deepEqual(mark.source, {kind: 'journal'});
		assert.ok(mark.at.getTime() >= before && mark.at.getTime() <= Date.now());
	});
});

describe('followLog on a file', () => {
	test('skips lines written before the mark and delivers lines appended after it, in order', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'old-1\nold-2\n');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			assert.deepEqual(follower.source, fileSource(file));
			appendFileSync(file, 'new-1\n');
			await waitFor(lines, hasLine('new-1'));
			appendFileSync(file, 'new-2\nnew-');
			appendFileSync(file, '3\n');
			await waitFor(lines, hasLine('new-3'));
			assert.deepEqual(lines, ['new-1', 'new-2', 'new-3']);
		} finally {
			follower.stop();
		}
	});

	test('delivers a line written between markLog and followLog, at once', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'old\n');
		const mark = await markLog(fileSource(file));
		appendFileSync(file, 'between\n');
		const lines: string[] = [];
		// No poll within the test's time and no later change to the file: only the read
		// that followLog starts with can deliver the line.
		const follower = followLog(mark, line => lines.push(line), {pollMs: 60_000});
		try {
			await waitFor(lines, hasLine('between'));
			assert.deepEqual(lines, ['between']);
		} finally {
			follower.stop();
		}
	});

	test('delivers lines written between markLog and followLog, then later ones', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'old\n');
		const mark = await markLog(fileSource(file));
		appendFileSync(file, 'between\n');
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			await waitFor(lines, hasLine('between'));
			appendFileSync(file, 'after\n');
			await waitFor(lines, hasLine('after'));
			assert.deepEqual(lines, ['between', 'after']);
		} finally {
			follower.stop();
		}
	});

	test('reads a file that did not exist at the mark from its start', async () => {
		const file = path.join(freshDir(), 'mail.log');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			writeFileSync(file, 'first\nsecond\n');
			await waitFor(lines, hasLine('second'));
			appendFileSync(file, 'third\n');
			await waitFor(lines, hasLine('third'));
			assert.deepEqual(lines, ['first', 'second', 'third']);
		} finally {
			follower.stop();
		}
	});

	test('finds the file by polling when even its directory did not exist at the mark', async () => {
		const missingDir = path.join(freshDir(), 'later');
		const file = path.join(missingDir, 'mail.log');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			// Let the first read find nothing, so that only the poll can find the file.
			await new Promise(resolve => setTimeout(resolve, 100));
			mkdirSync(missingDir);
			writeFileSync(file, 'appeared\n');
			await waitFor(lines, hasLine('appeared'));
			assert.deepEqual(lines, ['appeared']);
		} finally {
			follower.stop();
		}
	});

	test('after rotation, finishes the old file and then reads the new one from its start', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'old\n');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			appendFileSync(file, 'before-rotation\n');
			await waitFor(lines, hasLine('before-rotation'));
			renameSync(file, `${file}.1`);
			appendFileSync(`${file}.1`, 'last-in-old\n');
			// Longer than the old file, so that reading it from the old offset would show.
			const fresh = ['new-1 status=sent', 'new-2 status=sent', 'new-3 status=deferred'];
			writeFileSync(file, `${fresh.join('\n')}\n`);
			await waitFor(lines, hasLine('new-3 status=deferred'));
			appendFileSync(file, 'new-4\n');
			await waitFor(lines, hasLine('new-4'));
			assert.deepEqual(lines, ['before-rotation', 'last-in-old', ...fresh, 'new-4']);
		} finally {
			follower.stop();
		}
	});

	test('after truncation in place (copytruncate), delivers the lines written since', async () => {
		const file = path.join(freshDir(), 'mail.log');
		// Long enough that the lines after truncation end before the old offset.
		writeFileSync(file, `${'x'.repeat(200)}\n`);
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			appendFileSync(file, 'before-truncate\n');
			await waitFor(lines, hasLine('before-truncate'));
			truncateSync(file, 0);
			appendFileSync(file, 't-1\nt-2\n');
			await waitFor(lines, hasLine('t-2'));
			appendFileSync(file, 't-3\n');
			await waitFor(lines, hasLine('t-3'));
			assert.deepEqual(lines, ['before-truncate', 't-1', 't-2', 't-3']);
		} finally {
			follower.stop();
		}
	});

	test('delivers nothing once stopped', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, '');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		let stopped = false;
		try {
			appendFileSync(file, 'seen\n');
			await waitFor(lines, hasLine('seen'));
			follower.stop();
			stopped = true;
			follower.stop(); // Twice is harmless.
			appendFileSync(file, 'unseen\n');
			// A follower still running would deliver this within a few polls (50 ms each).
			await new Promise(resolve => setTimeout(resolve, 300));
			assert.deepEqual(lines, ['seen']);
		} finally {
			if (!stopped) {
				follower.stop();
			}
		}
	});

	test('stops when its signal aborts', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, '');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const controller = new AbortController();
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50, signal: controller.signal});
		try {
			appendFileSync(file, 'seen\n');
			await waitFor(lines, hasLine('seen'));
			controller.abort();
			appendFileSync(file, 'unseen\n');
			await new Promise(resolve => setTimeout(resolve, 300));
			assert.deepEqual(lines, ['seen']);
		} finally {
			follower.stop();
		}
	});
});

describe('followLog on a file: the edges', () => {
	test('an already-aborted signal stops the follower at once', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, '');
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		// addEventListener('abort') never fires for a signal that is already aborted.
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50, signal: AbortSignal.abort()});
		try {
			appendFileSync(file, 'after-abort\n');
			await new Promise(resolve => setTimeout(resolve, 300));
			assert.deepEqual(lines, []);
		} finally {
			follower.stop();
		}
	});

	test('a partial line pending at truncation is not glued to the first line after it', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, `${'x'.repeat(200)}\n`);
		const mark = await markLog(fileSource(file));
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			appendFileSync(file, 'whole\ncut-by-copytruncate');
			await waitFor(lines, hasLine('whole'));
			truncateSync(file, 0);
			appendFileSync(file, 'ABC: sent\n');
			await waitFor(lines, found => found.some(line => line.endsWith('ABC: sent')));
			assert.deepEqual(lines, ['whole', 'ABC: sent']);
		} finally {
			follower.stop();
		}
	});

	test('lines written to the old file between the mark and a rotation (to .1) are delivered', async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'old\n');
		const mark = await markLog(fileSource(file));
		appendFileSync(file, 'after-mark\n');
		renameSync(file, `${file}.1`);
		writeFileSync(file, 'in-new-file\n');
		const lines: string[] = [];
		const follower = followLog(mark, line => lines.push(line), {pollMs: 50});
		try {
			await waitFor(lines, hasLine('in-new-file'));
			assert.deepEqual(lines, ['after-mark', 'in-new-file']);
		} finally {
			follower.stop();
		}
	});

	test('stop() before the first read has opened the file leaves no descriptor open', {skip: !existsSync('/proc/self/fd')}, async () => {
		const file = path.join(freshDir(), 'mail.log');
		writeFileSync(file, 'x\n');
		const openOnFile = () => readdirSync('/proc/self/fd').filter(fd => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`) === file;
			} catch {
				return false;
			}
		}).length;
		const mark = await markLog(fileSource(file));
		followLog(mark, () => undefined, {pollMs: 50}).stop();
		await new Promise(resolve => setTimeout(resolve, 200));
		assert.equal(openOnFile(), 0);
	});
});
