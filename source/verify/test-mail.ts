import {randomBytes} from 'node:crypto';
import os from 'node:os';
import {submitMessage} from '../postfix/sendmail.js';
import type {PostfixTarget} from '../postfix/target.js';
import {startTracking} from './track.js';
import type {DeliveryReport, TrackEvent} from './types.js';
import {checkRecipient} from './recipient.js';

export interface TestMail {
	readonly messageId: string;
	readonly content: string;
}

/** A message that says where it comes from, when, and why, so whoever receives it knows. */
export function composeTestMail(to: string, now = new Date(), host = os.hostname()): TestMail {
	const messageId = `postfix-wizard.${now.getTime()}.${randomBytes(6).toString('hex')}@${host}`;
	const stamp = now.toUTCString();
	const content = [
		`To: <${to}>`,
		`Subject: postfix-wizard test from ${host}`,
		`Message-ID: <${messageId}>`,
		`Date: ${stamp}`,
		'MIME-Version: 1.0',
		'Content-Type: text/plain; charset=utf-8',
		'Auto-Submitted: auto-generated',
		'X-Mailer: postfix-wizard',
		'',
		`This is a test message from postfix-wizard on ${host}, sent ${stamp}.`,
		'',
		'Its administrator is checking that this machine\'s Postfix hands outgoing',
		'mail to its relay. If you can read this, mail from this machine leaves.',
		'No action is needed.',
		'',
	].join('\n');
	return {messageId, content};
}

/** Sends a test mail through Postfix's sendmail and follows it to its status. */
export async function followTestMail(
	target: PostfixTarget,
	options: {readonly to: string; readonly timeoutMs: number; readonly signal?: AbortSignal; readonly onEvent?: (event: TrackEvent) => void},
): Promise<DeliveryReport> {
	const to = checkRecipient(options.to);
	const mail = composeTestMail(to);
	const tracker = await startTracking(target, {messageId: mail.messageId, recipient: to, timeoutMs: options.timeoutMs, signal: options.signal, onEvent: options.onEvent});
	const log = tracker.sources.map(source => (source.kind === 'journal' ? 'journalctl -t postfix/smtp' : source.path)).join(', ');
	if (log !== '') {
		options.onEvent?.({type: 'following', log});
	}

	try {
		await submitMessage(target, {to, content: mail.content}, {signal: options.signal});
	} catch (error) {
		tracker.stop();
		throw error;
	}

	tracker.submitted();
	options.onEvent?.({type: 'submitted', messageId: mail.messageId});
	const report = await tracker.report;
	return log === '' ? report : {...report, log};
}
