import assert from 'node:assert/strict';
import {test} from 'node:test';
import {hasOwnLogging, logsNowhere, ownLogAdjustment} from '../../source/plan/own-log.js';

const nowhere = {maillogFile: '', postlog: true, systemLog: false, version: '3.7.11'};

test('Postfix logs nowhere only without syslog, journal, and its own log', () => {
	assert.equal(logsNowhere(nowhere), true);
	assert.equal(logsNowhere({...nowhere, systemLog: true}), false);
	assert.equal(logsNowhere({...nowhere, maillogFile: '/var/log/postfix.log'}), false);
	// maillog_file without the postlog service writes nothing.
	assert.equal(logsNowhere({...nowhere, maillogFile: '/var/log/postfix.log', postlog: false}), true);
});

test('offers maillog_file = /var/log/postfix.log, with the reason, unless asked otherwise or impossible', () => {
	const offered = ownLogAdjustment(nowhere, new Map());
	assert.deepEqual([...offered.settings], [['maillog_file', '/var/log/postfix.log']]);
	assert.match(offered.warnings[0]!.message.en, /logs nowhere/);
	assert.match(offered.warnings[0]!.message.zh, /maillog_file = \/var\/log\/postfix\.log/);
	assert.equal(ownLogAdjustment(nowhere, new Map([['maillog_file', '/srv/log/mail']])).warnings.length, 0);
	assert.equal(ownLogAdjustment({...nowhere, systemLog: true}, new Map()).settings.size, 0);

	const noPostlog = ownLogAdjustment({...nowhere, postlog: false}, new Map());
	assert.equal(noPostlog.settings.size, 0);
	assert.match(noPostlog.warnings[0]!.message.en, /postlog unix-dgram n - n - 1 postlogd/);
	const old = ownLogAdjustment({...nowhere, version: '3.3.2'}, new Map());
	assert.equal(old.settings.size, 0);
	assert.match(old.warnings[0]!.message.en, /needs 3\.4/);
});

test('maillog_file came with Postfix 3.4', () => {
	assert.deepEqual(['2.10.1', '3.3.2', '3.4.0', '3.7.11', '4.0'].map(version => hasOwnLogging(version)), [false, false, true, true, true]);
});
