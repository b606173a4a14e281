import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {InvalidSettingsError} from '../../source/apply/prepare.js';
import {InterruptedError, PreconditionError, StepError, UsageError, describeFailure, isNameNotFound, signalExitCode, systemReason} from '../../source/errors.js';
import {PostfixMissingError} from '../../source/postfix/locate.js';
import {exitCodeOf, initialState} from '../../source/ui/wizard/state.js';
import type {DeliveryReport} from '../../source/verify/types.js';

const stackLine = /\bat .*\.[cm]?[jt]sx?:\d+/;

describe('the error family', () => {
	test('each kind has DESIGN.md\'s exit code', () => {
		assert.equal(new UsageError('x').exitCode, 2);
		assert.equal(new PreconditionError('x').exitCode, 1);
		assert.equal(new StepError('x').exitCode, 1);
		assert.equal(new PostfixMissingError('postconf').exitCode, 1);
		assert.equal(new InterruptedError('SIGINT').exitCode, 130);
		assert.equal(new InterruptedError('SIGTERM').exitCode, 143);
		assert.equal(new InterruptedError('SIGHUP').exitCode, 129);
		assert.equal(signalExitCode('SIGTERM'), 143);
	});

	test('a failure is a sentence with the state of main.cf, in either language, never a stack', () => {
		const error = new StepError({en: 'postfix check failed', zh: 'postfix check 失败'}, {mainCf: 'restored'});
		const en = describeFailure(error, 'en', {});
		assert.equal(en.exitCode, 1);
		assert.deepEqual(en.lines, ['postfix check failed. main.cf was restored byte for byte; the configuration is as it was.']);
		assert.match(describeFailure(error, 'zh', {}).lines[0]!, /^postfix check 失败。main\.cf 已逐字节恢复/);
		assert.deepEqual(describeFailure(new InterruptedError('SIGTERM'), 'en', {}).json, {status: 'interrupted', error: 'Interrupted (SIGTERM).', mainCf: 'untouched', exitCode: 143});
		for (const lang of ['en', 'zh'] as const) {
			assert.doesNotMatch(describeFailure(error, lang, {}).lines.join('\n'), stackLine);
		}
	});

	test('the same error after applying says the change is in force', () => {
		const error = new InterruptedError('SIGINT').inState('applied');
		assert.ok(error instanceof InterruptedError);
		assert.equal(error.exitCode, 130);
		assert.match(describeFailure(error, 'en', {}).lines[0]!, /The change to main\.cf is in force/);
	});

	test('refused values list each parameter and rule; --json carries them', () => {
		const error = new InvalidSettingsError([{parameter: 'relayhost', part: 'a b', rule: {en: 'one host', zh: '一个主机'}}]);
		const failure = describeFailure(error, 'en', {});
		assert.equal(failure.exitCode, 2);
		assert.deepEqual(failure.lines, ['Refused, nothing was touched:', '  relayhost: "a b" — one host']);
		assert.equal(failure.json['status'], 'invalid');
		assert.deepEqual(failure.json['errors'], [{parameter: 'relayhost', part: 'a b', rule: 'one host'}]);
	});

	test('a bug is one sentence pointing to POSTFIX_WIZARD_DEBUG, which alone shows the stack', () => {
		const bug = new TypeError('Cannot read properties of undefined (reading \'x\')');
		const quiet = describeFailure(bug, 'en', {});
		assert.equal(quiet.exitCode, 1);
		assert.equal(quiet.lines.length, 1);
		assert.match(quiet.lines[0]!, /^Unexpected error: Cannot read properties of undefined \(reading 'x'\)\. .*POSTFIX_WIZARD_DEBUG=1/);
		assert.doesNotMatch(quiet.lines.join('\n'), stackLine);
		assert.match(describeFailure(bug, 'en', {POSTFIX_WIZARD_DEBUG: '1'}).lines.join('\n'), stackLine);
	});

	test('an operating-system refusal is said in words, not as a bug', () => {
		const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC', syscall: 'write', path: '/etc/postfix/main.cf'});
		const failure = describeFailure(full, 'en', {});
		assert.equal(failure.exitCode, 1);
		assert.match(failure.lines[0]!, /^Failed: write \/etc\/postfix\/main\.cf: no space left on the device\.$/);
		assert.doesNotMatch(failure.lines.join('\n'), /bug|ENOSPC/);
	});

	test('a name DNS cannot resolve is said in words and known as such, by its code or by the code in its message', () => {
		for (const error of [Object.assign(new Error('getaddrinfo ENOTFOUND relay.example'), {code: 'ENOTFOUND'}), new Error('getaddrinfo EAI_AGAIN relay.example'), {code: 'EAI_NONAME'}]) {
			assert.deepEqual(systemReason(error), {en: 'host not found (DNS)', zh: '找不到该主机（DNS）'});
			assert.equal(isNameNotFound(error), true);
		}

		assert.equal(isNameNotFound(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {code: 'ECONNREFUSED'})), false);
		assert.equal(isNameNotFound(new Error('timed out')), false);
	});
});

describe('the wizard\'s exit code', () => {
	const applied = {status: 'applied', backup: undefined, service: 'restarted', checkWarnings: []} as const;
	const report = (status: DeliveryReport['status']) => ({status}) as DeliveryReport;

	test('0 when done, 1 when the transaction failed, 3 when applied but the test mail did not reach the relay', () => {
		const state = initialState();
		assert.equal(exitCodeOf(state), 0);
		assert.equal(exitCodeOf({...state, outcome: applied, mail: {...state.mail, status: 'done', report: report('sent')}}), 0);
		assert.equal(exitCodeOf({...state, outcome: applied, mail: {...state.mail, status: 'done', report: report('deferred')}}), 3);
		assert.equal(exitCodeOf({...state, outcome: applied, mail: {...state.mail, status: 'error', message: 'sendmail failed'}}), 3);
		assert.equal(exitCodeOf({...state, outcome: {status: 'failed', step: 'check', reason: {en: 'x', zh: 'x'}, rolledBack: true, restoreProblems: [], backup: undefined}}), 1);
	});
});
