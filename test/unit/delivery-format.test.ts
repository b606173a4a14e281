import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {formatDeliveryReport} from '../../source/verify/format.js';
import type {DeliveryReport} from '../../source/verify/types.js';

const report: DeliveryReport = {
	messageId: 'x@y',
	recipient: 'ops@example.org',
	sender: '',
	queueId: '3748620C0BA',
	status: 'sent',
	relay: 'smtp.example.org[192.0.2.1]:587',
	delay: '0.2',
	delays: '0/0/0.1/0.1',
	dsn: '2.0.0',
	reply: '250 2.0.0 Ok',
	logLine: undefined,
	explanation: undefined,
};

describe('the delivery report in words', () => {
	test('English: its labels, a colon and a blank, Postfix\'s delays in parentheses', () => {
		const lines = formatDeliveryReport(report, 'en');
		assert.match(lines[0]!, /^Sent: the relay accepted the message\./);
		assert.deepEqual(lines.slice(1), [
			'  queue ID: 3748620C0BA',
			'  to: ops@example.org',
			'  from: <>',
			'  relay: smtp.example.org[192.0.2.1]:587',
			'  delay: 0.2s (0/0/0.1/0.1)',
			'  DSN: 2.0.0',
			'  reply: 250 2.0.0 Ok',
		]);
	});

	test('Chinese: full-width colon and parentheses, no blank before them', () => {
		const lines = formatDeliveryReport(report, 'zh');
		assert.match(lines[0]!, /^已发送：/);
		assert.ok(lines.includes('  队列 ID：3748620C0BA'), lines.join('\n'));
		assert.ok(lines.includes('  耗时：0.2s（0/0/0.1/0.1）'), lines.join('\n'));
	});

	test('a delay without its parts is the delay alone', () => {
		assert.ok(formatDeliveryReport({...report, delays: undefined}, 'en').includes('  delay: 0.2s'));
		assert.ok(formatDeliveryReport({...report, delays: undefined}, 'zh').includes('  耗时：0.2s'));
	});
});
