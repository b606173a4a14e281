import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {digestFile, sameDigest} from '../../source/apply/content.js';
import {largeFileBytes} from '../../source/apply/large-diff.js';
import {prepareReview} from '../../source/apply/prepare.js';
import {targetFor} from '../../source/postfix/target.js';

describe('a large staged main.cf is held on disk, one way', () => {
	let dir: string;
	before(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-large-'));
		// Comments only: past largeFileBytes, yet postconf reads it fast.
		const line = `# ${'x'.repeat(77)}\n`;
		await writeFile(path.join(dir, 'main.cf'), line.repeat(Math.ceil(largeFileBytes / line.length) + 10));
	});
	after(async () => rm(dir, {recursive: true, force: true}));

	for (const placeInConfigDir of [false, true]) {
		test(placeInConfigDir ? 'staged beside main.cf: the file renamed into place is the one the plan writes from' : 'staged in the temp dir: the staged file is kept, alone in its private directory', async () => {
			const {plan} = await prepareReview(targetFor(dir), new Map([['myorigin', 'example.com']]), {placeInConfigDir});
			assert.ok(!Buffer.isBuffer(plan.after), 'not held in memory');
			assert.ok(sameDigest(await digestFile(plan.after.file), plan.after.digest), 'the digest is the kept file\'s');
			const kept = path.dirname(plan.after.file);
			assert.deepEqual(await readdir(kept), [path.basename(plan.after.file)], 'the rest of the stage is gone');
			assert.equal((await stat(kept)).mode & 0o777, 0o700);
			assert.equal(path.dirname(kept) === dir, placeInConfigDir);
			assert.equal(plan.placeable, placeInConfigDir ? plan.after.file : undefined);
			assert.match(plan.diff, /^\+myorigin = example\.com$/m);
		});
	}
});
