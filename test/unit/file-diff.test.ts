import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {localizeDiff} from '../../source/plan/diff-words.js';
import {fileDiff} from '../../source/plan/file-diff.js';
import {redactSaslPasswd} from '../../source/relay/sasl-passwd.js';

const file = '/srv/postfix/sasl_passwd';
const secretBytes = Buffer.from('[smtp.example.com]:587 user:Pa55word\n');

describe('the diff of a file beside main.cf', () => {
	test('a new secret file shows its redacted text as new, never its bytes', () => {
		const diff = fileDiff({path: file, before: undefined, after: secretBytes, mode: 0o600, secret: true, display: '[smtp.example.com]:587 user:********'});
		assert.match(diff, /^--- \/dev\/null\tcurrent$/m);
		assert.match(diff, /^\+\+\+ \/srv\/postfix\/sasl_passwd\tproposed \(new file, mode 0600; secret: values hidden\)$/m);
		assert.match(diff, /^\+\[smtp\.example\.com\]:587 user:\*{8}$/m);
		assert.doesNotMatch(diff, /Pa55word/);
	});

	test('without a display, a secret table is redacted: the key and the user stay, the password goes', () => {
		assert.equal(redactSaslPasswd('# comment\n[a]:587 user:pw\nkey value with spaces\nlonely\n  continued\n\n'), '# comment\n[a]:587 user:********\nkey ********\nlonely\n  ********\n\n');
		const diff = fileDiff({path: file, before: secretBytes, after: undefined, mode: 0o600, secret: true});
		assert.match(diff, /^\+\+\+ \/dev\/null\tproposed \(removed; secret: values hidden\)$/m);
		assert.match(diff, /^-\[smtp\.example\.com\]:587 user:\*{8}$/m);
		assert.doesNotMatch(diff, /Pa55word/);
	});

	test('a new password behind the same redacted line, and a mode alone, still show as a change', () => {
		const other = Buffer.from('[smtp.example.com]:587 user:Other\n');
		assert.match(fileDiff({path: file, before: secretBytes, after: other, mode: 0o600, secret: true}), /^@@ the hidden values change @@$/m);
		const modeOnly = fileDiff({path: file, before: secretBytes, after: secretBytes, mode: 0o600, beforeMode: 0o644, secret: true});
		assert.match(modeOnly, /proposed \(mode 0644 → 0600; secret: values hidden\)$/m);
		assert.match(modeOnly, /^@@ content unchanged @@$/m);
	});

	test('a built map is one line, and binary content is never printed', () => {
		assert.equal(fileDiff({path: `${file}.db`, before: undefined, after: Buffer.from([0, 1, 2]), mode: 0o600, secret: true, builtFrom: {source: file, type: 'hash'}}), `Binary file ${file}.db: new (by postmap hash:${file}, mode 0600)\n`);
		assert.equal(fileDiff({path: `${file}.db`, before: Buffer.from([0, 9]), after: Buffer.from([0, 1]), mode: 0o600, secret: true}), `Binary file ${file}.db: changed (mode 0600)\n`);
	});

	test('in Chinese, the diff\'s own words are Chinese and the content is untouched', () => {
		const diff = fileDiff({path: file, before: undefined, after: secretBytes, mode: 0o600, secret: true, display: '[smtp.example.com]:587 user:********'})
			+ fileDiff({path: `${file}.db`, before: undefined, after: Buffer.from([0]), mode: 0o600, secret: true, builtFrom: {source: file, type: 'hash'}});
		const zh = localizeDiff(diff, 'zh');
		assert.match(zh, /^--- \/dev\/null\t当前$/m);
		assert.match(zh, /^\+\+\+ \/srv\/postfix\/sasl_passwd\t拟议（新文件，权限 0600；机密：值已隐藏）$/m);
		assert.match(zh, /^\+\[smtp\.example\.com\]:587 user:\*{8}$/m);
		assert.match(zh, /^二进制文件 \/srv\/postfix\/sasl_passwd\.db：新建（由 postmap hash:\/srv\/postfix\/sasl_passwd 生成，权限 0600）$/m);
		assert.doesNotMatch(zh, /proposed|current|new file|Binary/);
		assert.equal(localizeDiff(diff, 'en'), diff);
	});
});
