import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {hostParameters, readingNeeds} from '../../source/apply/reading-needs.js';
import {prefetchReading} from '../../source/commands/apply-prefetch.js';
import type {ApplyCommandOptions} from '../../source/commands/apply-request.js';
import {defaultsCovering, readingFor} from '../../source/postfix/reading.js';
import {targetFor} from '../../source/postfix/target.js';
import {managedParameters} from '../../source/relay/types.js';
import {rootMailNames, rootMailParameters} from '../../source/rootmail/names.js';

const globals = (configDir: string | undefined, sandbox = false) => ({configDir, sandbox, lang: 'en' as const, interrupt: new AbortController().signal});

describe('the reads apply starts as one wave', () => {
	test('one postconf -d covers the answers and every parameter a planner may add or remove', () => {
		const needs = readingNeeds(['relayhost', 'myorigin'], {rootMail: true, login: true, systemLog: false});
		for (const name of ['relayhost', 'myorigin', ...managedParameters, ...rootMailParameters, ...hostParameters, 'default_database_type']) {
			assert.ok(needs.defaults.includes(name), name);
		}

		assert.deepEqual(needs.expanded, rootMailNames);
		assert.equal(needs.mapTypes, true);
		assert.equal(needs.services, true, 'postconf -M only where no system log is');
		const plain = readingNeeds(['relayhost'], {rootMail: false, login: false, systemLog: true});
		assert.deepEqual([plain.expanded, plain.mapTypes, plain.services], [[], false, false]);
	});

	test('apply starts them from its options before the planners load, where it can know them', async t => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'prefetch-'));
		t.after(async () => rm(dir, {recursive: true, force: true}));
		const options: ApplyCommandOptions = {set: ['relayhost=[smtp.example.com]:587', 'myorigin=example.com']};
		assert.equal(prefetchReading(options, globals(dir)), undefined, 'no main.cf: the review reads the starting point itself');
		await writeFile(path.join(dir, 'main.cf'), 'relayhost = [old.example.com]:25\n');
		assert.equal(prefetchReading({...options, profile: 'vars.yml'}, globals(dir)), undefined, 'the profile names the settings');
		assert.equal(prefetchReading(options, globals(undefined, true)), undefined, 'the sandbox is not made yet');
		const reading = prefetchReading(options, globals(dir));
		assert.ok(reading);
		assert.equal(reading.configDir, dir);
		assert.equal((await reading.explicit).values.get('relayhost'), '[old.example.com]:25');
		assert.equal((await defaultsCovering(reading, ['relayhost', 'smtp_sasl_auth_enable', 'inet_protocols'])!).values.get('smtp_sasl_auth_enable'), 'no');
		assert.equal((await reading.expanded!).values.get('myorigin'), (await reading.expanded!).values.get('myhostname'), 'myorigin = $myhostname, expanded');
		assert.equal(reading.mapTypes, undefined, 'no login asked');
		assert.equal(readingFor(targetFor(dir), reading), reading, 'the reading of this config dir is used');
		assert.equal(readingFor(targetFor(path.join(dir, 'other')), reading), undefined, 'a reading of another config dir is not');
		assert.equal(readingFor(targetFor(dir), undefined), undefined);
	});
});
