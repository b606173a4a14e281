import assert from 'node:assert/strict';
import {test} from 'node:test';
import {nameSet} from '../../source/plan/set-name.js';

test('a change is named by every file it writes, not main.cf alone', () => {
	assert.equal(nameSet('main.cf', [], 'en'), 'main.cf');
	assert.equal(nameSet('main.cf', ['/etc/postfix/sasl_passwd', '/etc/postfix/sasl_passwd.db'], 'en'), 'main.cf, sasl_passwd and sasl_passwd.db');
	assert.equal(nameSet('/etc/postfix/main.cf', ['/etc/postfix/virtual'], 'zh'), '/etc/postfix/main.cf 和 virtual');
	assert.equal(nameSet('main.cf', ['/e/sasl_passwd', '/e/sasl_passwd.db', '/e/virtual'], 'zh'), 'main.cf、sasl_passwd、sasl_passwd.db 和 virtual');
	assert.equal(nameSet('main.cf', ['/e/a', '/e/a.db', '/e/b', '/e/b.db'], 'en'), 'main.cf and 4 other files');
	assert.equal(nameSet('main.cf', ['/e/a', '/e/a.db', '/e/b', '/e/b.db'], 'zh'), 'main.cf 及另外 4 个文件');
});
