import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runProgram} from '../../source/postfix/run.js';

/** Writes `lines` unused-parameter warnings to stderr, around lines of other kinds. */
const script = (lines: number) => [
	'printf "postconf: warning: first\\r\\n" >&2',
	`awk 'BEGIN { for (i = 0; i < ${lines}; i++) printf "postconf: warning: /etc/postfix/main.cf: unused parameter: site_%d=value %d\\n", i, i > "/dev/stderr" }'`,
	'printf "postconf: warning: 中文 in the middle\\n" >&2',
	'printf "postconf: warning: last, without a newline" >&2',
	'echo out',
].join('; ');

describe('a program\'s stderr', () => {
	test('goes through a private file that is gone once open, and comes back line by line with its floods counted across chunks', async t => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-run-stderr-'));
		const saved = process.env['TMPDIR'];
		process.env['TMPDIR'] = dir;
		t.after(async () => {
			if (saved === undefined) {
				delete process.env['TMPDIR'];
			} else {
				process.env['TMPDIR'] = saved;
			}

			await rm(dir, {recursive: true, force: true});
		});

		// ~370 kB: several times the 64 KiB the file is read back in, so lines are cut between chunks.
		const result = await runProgram('sh', ['-c', script(5000)]);
		assert.equal(result.exitCode, 0);
		assert.equal(result.stdout, 'out\n');
		const lines = result.stderr.split('\n');
		assert.equal(lines[0], 'postconf: warning: first');
		assert.deepEqual(lines.slice(1, 6), [0, 1, 2, 3, 4].map(index => `postconf: warning: /etc/postfix/main.cf: unused parameter: site_${index}=value ${index}`));
		assert.deepEqual(lines.slice(6), [
			'postconf: warning: 中文 in the middle',
			'postconf: warning: last, without a newline',
			'postconf: warning: … and 4995 more parameters Postfix does not use (unused parameter)',
		]);
		assert.deepEqual(await readdir(dir), [], 'nothing left where the file was made');
	});
});
