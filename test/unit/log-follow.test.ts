import assert from 'node:assert/strict';
import {appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, describe, test, type TestContext} from 'node:test';
import {followLog, journalArgs, lineSplitter, markLog, type LogFollower, type LogMark, type LogSource} from '../../source/postfix/log.js';
import {messageIdOf} from '../../source/postfix/queue.js';

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

/** A fresh mail.log holding `initial` (absent when undefined), marked. */
async function marked(initial?: string): Promise<{file: string; mark: LogMark}> {
	const file = path.join(freshDir(), 'mail.log');
	if (initial !== undefined) {
		writeFileSync(file, initial);
	}

	return {file, mark: await markLog(fileSource(file))};
}

/** Follows `mark` into `lines`, polling every 50 ms unless told otherwise; stops when the test ends. */
function follow(t: TestContext, mark: LogMark, options: {signal?: AbortSignal; pollMs?: number} = {}): {lines: string[]; follower: LogFollower} {
	const lines: string[] = [];
	const follower = followLog(mark, line => lines.push(line), {pollMs: 50, ...options});
	t.after(() => follower.stop());
	return {lines, follower};
}

/** `marked` then `follow`, for tests with nothing to do in between. */
async function following(t: TestContext, initial: string | undefined, options: {signal?: AbortSignal} = {}): Promise<{file: string; lines: string[]; follower: LogFollower}> {
	const {file, mark} = await marked(initial);
	return {file, ...follow(t, mark, options)};
}

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
		const {mark} = await marked('abc\n');
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
	test('skips lines written before the mark and delivers lines appended after it, in order', async t => {
		const {file, lines, follower} = await following(t, 'old-1\nold-2\n');
		assert.deepEqual(follower.source, fileSource(file));
		appendFileSync(file, 'new-1\n');
		await waitFor(lines, hasLine('new-1'));
		appendFileSync(file, 'new-2\nnew-');
		appendFileSync(file, '3\n');
		await waitFor(lines, hasLine('new-3'));
		assert.deepEqual(lines, ['new-1', 'new-2', 'new-3']);
	});

	test('delivers a line written between markLog and followLog, at once', async t => {
		const {file, mark} = await marked('old\n');
		appendFileSync(file, 'between\n');
		// No poll within the test's time and no later change to the file: only the read
		// that followLog starts with can deliver the line.
		const {lines} = follow(t, mark, {pollMs: 60_000});
		await waitFor(lines, hasLine('between'));
		assert.deepEqual(lines, ['between']);
	});

	test('delivers lines written between markLog and followLog, then later ones', async t => {
		const {file, mark} = await marked('old\n');
		appendFileSync(file, 'between\n');
		const {lines} = follow(t, mark);
		await waitFor(lines, hasLine('between'));
		appendFileSync(file, 'after\n');
		await waitFor(lines, hasLine('after'));
		assert.deepEqual(lines, ['between', 'after']);
	});

	test('reads a file that did not exist at the mark from its start', async t => {
		const {file, lines} = await following(t, undefined);
		writeFileSync(file, 'first\nsecond\n');
		await waitFor(lines, hasLine('second'));
		appendFileSync(file, 'third\n');
		await waitFor(lines, hasLine('third'));
		assert.deepEqual(lines, ['first', 'second', 'third']);
	});

	test('finds the file by polling when even its directory did not exist at the mark', async t => {
		const missingDir = path.join(freshDir(), 'later');
		const file = path.join(missingDir, 'mail.log');
		const {lines} = follow(t, await markLog(fileSource(file)));
		// Let the first read find nothing, so that only the poll can find the file.
		await new Promise(resolve => setTimeout(resolve, 100));
		mkdirSync(missingDir);
		writeFileSync(file, 'appeared\n');
		await waitFor(lines, hasLine('appeared'));
		assert.deepEqual(lines, ['appeared']);
	});

	test('after rotation, finishes the old file and then reads the new one from its start', async t => {
		const {file, lines} = await following(t, 'old\n');
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
	});

	test('after truncation in place (copytruncate), delivers the lines written since', async t => {
		// Long enough that the lines after truncation end before the old offset.
		const {file, lines} = await following(t, `${'x'.repeat(200)}\n`);
		appendFileSync(file, 'before-truncate\n');
		await waitFor(lines, hasLine('before-truncate'));
		truncateSync(file, 0);
		appendFileSync(file, 't-1\nt-2\n');
		await waitFor(lines, hasLine('t-2'));
		appendFileSync(file, 't-3\n');
		await waitFor(lines, hasLine('t-3'));
		assert.deepEqual(lines, ['before-truncate', 't-1', 't-2', 't-3']);
	});

	test('delivers nothing once stopped', async t => {
		const {file, lines, follower} = await following(t, '');
		appendFileSync(file, 'seen\n');
		await waitFor(lines, hasLine('seen'));
		follower.stop();
		follower.stop(); // Twice is harmless.
		appendFileSync(file, 'unseen\n');
		// A follower still running would deliver this within a few polls (50 ms each).
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.deepEqual(lines, ['seen']);
	});

	test('stops when its signal aborts', async t => {
		const controller = new AbortController();
		const {file, lines} = await following(t, '', {signal: controller.signal});
		appendFileSync(file, 'seen\n');
		await waitFor(lines, hasLine('seen'));
		controller.abort();
		appendFileSync(file, 'unseen\n');
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.deepEqual(lines, ['seen']);
	});
});

describe('followLog on a file: the edges', () => {
	test('an already-aborted signal stops the follower at once', async t => {
		// addEventListener('abort') never fires for a signal that is already aborted.
		const {file, lines} = await following(t, '', {signal: AbortSignal.abort()});
		appendFileSync(file, 'after-abort\n');
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.deepEqual(lines, []);
	});

	test('a partial line pending at truncation is not glued to the first line after it', async t => {
		const {file, lines} = await following(t, `${'x'.repeat(200)}\n`);
		appendFileSync(file, 'whole\ncut-by-copytruncate');
		await waitFor(lines, hasLine('whole'));
		truncateSync(file, 0);
		appendFileSync(file, 'ABC: sent\n');
		await waitFor(lines, found => found.some(line => line.endsWith('ABC: sent')));
		assert.deepEqual(lines, ['whole', 'ABC: sent']);
	});

	test('lines written to the old file between the mark and a rotation (to .1) are delivered', async t => {
		const {file, mark} = await marked('old\n');
		appendFileSync(file, 'after-mark\n');
		renameSync(file, `${file}.1`);
		writeFileSync(file, 'in-new-file\n');
		const {lines} = follow(t, mark);
		await waitFor(lines, hasLine('in-new-file'));
		assert.deepEqual(lines, ['after-mark', 'in-new-file']);
	});

	test('stop() before the first read has opened the file leaves no descriptor open', {skip: !existsSync('/proc/self/fd')}, async () => {
		const {file, mark} = await marked('x\n');
		const openOnFile = () => readdirSync('/proc/self/fd').filter(fd => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`) === file;
			} catch {
				return false;
			}
		}).length;
		followLog(mark, () => undefined, {pollMs: 50}).stop();
		await new Promise(resolve => setTimeout(resolve, 200));
		assert.equal(openOnFile(), 0);
	});
});

test('a queued message is recognised by its Message-ID header, whatever its case and folding', () => {
	assert.equal(messageIdOf('Received: by h (Postfix)\n\tid 1A2B; Sat\nMessage-Id: <20261128.1A2B@h>\nSubject: x\n'), '20261128.1A2B@h');
	assert.equal(messageIdOf('To: <ops@example.org>\nMessage-ID: <postfix-wizard.1.ab@vm>\n'), 'postfix-wizard.1.ab@vm');
	assert.equal(messageIdOf('X-Original-Message-ID: <other@h>\nSubject: no id\n'), undefined);
});
