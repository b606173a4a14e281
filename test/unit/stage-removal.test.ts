import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {prepareReview} from '../../source/apply/prepare.js';
import {targetFor} from '../../source/postfix/target.js';

describe('staging a removal (postconf -X on a private copy)', () => {
	let dir: string;
	const mainCf = '# relay login\nrelayhost = [a.example]:587\nsmtp_sasl_auth_enable = yes\nsmtp_tls_wrappermode = yes\nmyorigin = example.com\n';
	before(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'pfw-removal-'));
		await writeFile(path.join(dir, 'main.cf'), mainCf);
	});
	after(async () => rm(dir, {recursive: true, force: true}));

	test('takes the parameters out of the staged main.cf and leaves the live one alone', async () => {
		const review = await prepareReview(targetFor(dir), new Map([['relayhost', '[b.example]:25']]), {removals: ['smtp_sasl_auth_enable', 'smtp_tls_wrappermode', 'smtp_sasl_password_maps']});
		const {plan} = review;
		assert.deepEqual(plan.changes.map(change => [change.name, change.removed === true]), [['relayhost', false], ['smtp_sasl_auth_enable', true], ['smtp_tls_wrappermode', true]]);
		assert.equal(plan.after.toString(), '# relay login\nrelayhost = [b.example]:25\nmyorigin = example.com\n');
		assert.match(plan.diff, /^-smtp_sasl_auth_enable = yes$/m);
		assert.equal(await readFile(path.join(dir, 'main.cf'), 'utf8'), mainCf);
	});
});
