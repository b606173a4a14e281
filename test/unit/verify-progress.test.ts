import assert from 'node:assert/strict';
import {test} from 'node:test';
import {initialVerifyState, notChecked, stoppedLines, verifyReducer} from '../../source/verify/progress.js';
import {stageDoing, verifyStages} from '../../source/verify/stages.js';
import type {CheckResult} from '../../source/verify/types.js';

const check = (id: string): CheckResult => ({id, title: {en: id, zh: id}, status: 'pass', detail: {en: 'ok', zh: 'ok'}});

test('verify stages: the sandbox first when asked, the test mail last only with a recipient', () => {
	assert.deepEqual(verifyStages({}).map(stage => stage.id), ['settings', 'root-mail', 'postfix', 'login', 'relay']);
	assert.deepEqual(verifyStages({sandbox: true, to: 'a@example.com'}).map(stage => stage.id), ['sandbox', 'settings', 'root-mail', 'postfix', 'login', 'relay', 'delivery']);
});

test('a check belongs to the stage running when it arrives; a stop names the wait, its length and what never ran', () => {
	let state = initialVerifyState(verifyStages({to: 'a@example.com'}), 0);
	state = verifyReducer(state, {type: 'stage', stage: {id: 'settings', doing: stageDoing.settings('/etc/postfix')}, now: 0});
	state = verifyReducer(state, {type: 'check', check: check('relayhost')});
	state = verifyReducer(state, {type: 'stage', stage: {id: 'relay', doing: stageDoing.relay('[smtp.example.com]:587', false)}, now: 1000});
	state = verifyReducer(state, {type: 'stop', reason: 'SIGINT', now: 8400});
	assert.deepEqual(state.checks.map(entry => entry.stage), ['settings']);
	assert.deepEqual(notChecked(state).map(stage => stage.id), ['relay', 'delivery']);
	assert.deepEqual(stoppedLines(state, 'en'), ['Stopped (Ctrl-C) while connecting to the relay [smtp.example.com]:587 (7 s).', 'Not checked: Relay, Test mail.']);
	assert.deepEqual(stoppedLines(state, 'zh'), ['已停止（Ctrl-C），当时正在连接中继 [smtp.example.com]:587（7 秒）。', '未检查：中继、测试邮件。']);
	// What the run reports while it winds down changes nothing on the stopped screen.
	assert.equal(verifyReducer(state, {type: 'check', check: check('late')}), state);
});

test('a stop after the report is no stop; one before any stage says so', () => {
	const stages = verifyStages({});
	const done = verifyReducer(initialVerifyState(stages, 0), {type: 'done', report: {configDir: '/etc/postfix', ok: true, checks: [], relay: undefined, delivery: undefined}});
	assert.equal(verifyReducer(done, {type: 'stop', reason: 'q', now: 5}).stopped, undefined);
	const early = verifyReducer(initialVerifyState(stages, 0), {type: 'stop', reason: 'q', now: 5});
	assert.equal(stoppedLines(early, 'en')[0], 'Stopped (q) before the first check.');
});
