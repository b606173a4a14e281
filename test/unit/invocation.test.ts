import assert from 'node:assert/strict';
import {chmod, mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {programName} from '../../source/commands/invocation.js';

describe('programName: the command as the user can run it', () => {
	test('on PATH (a global install links this very file): the bare name', async t => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-invocation-'));
		t.after(async () => rm(dir, {recursive: true, force: true}));
		const script = path.join(dir, 'cli.js');
		await writeFile(script, '#!/usr/bin/env node\n');
		await chmod(script, 0o755);
		const bin = path.join(dir, 'bin');
		await mkdir(bin);
		await symlink(script, path.join(bin, 'postfix-wizard'));
		assert.equal(programName({PATH: bin}, script, '/'), 'postfix-wizard');
		// Another postfix-wizard on PATH is not this one: the path is printed instead.
		assert.equal(programName({PATH: '/nonexistent'}, script, dir), './cli.js');
		assert.equal(programName({PATH: '/nonexistent'}, script, '/elsewhere'), script);
	});

	test('under npx: npx postfix-wizard; not executable: node and the path', async t => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-invocation-'));
		t.after(async () => rm(dir, {recursive: true, force: true}));
		const script = path.join(dir, 'cli.js');
		await writeFile(script, '');
		assert.equal(programName({PATH: '', npm_command: 'exec'}, script, dir), 'npx postfix-wizard');
		assert.equal(programName({PATH: ''}, script, dir), 'node ./cli.js');
	});
});
