import {randomBytes} from 'node:crypto';
import os from 'node:os';
import {UsageError} from '../errors.js';
import {submitMessage} from '../postfix/sendmail.js';
import {addressProblem} from '../settings/address.js';
import type {PostfixTarget} from '../postfix/target.js';
import {startTracking} from './track.js';
import type {DeliveryReport, TrackEvent} from './types.js';

/** A test-mail recipient that is not one plain address (exit 2). */
export class BadAddressError extends UsageError {}

/** A local name as cron writes it (`root`, `postmaster`): Postfix qualifies it with @$myorigin. */
const localName = /^[a-z\d_][a-z\d._-]*$/i;

/**
 * One recipient as sendmail takes it on its command line: an address, or a bare local
 * name such as `root`, which follows the path cron's mail takes (virtual_alias_maps).
 */
export function checkRecipient(address: string): string {
	const trimmed = address.trim();
	if (localName.test(trimmed) || addressProblem(trimmed) === undefined) {
		return trimmed;
	}

	throw new BadAddressError({
		en: `"${address}" is not an e-mail address like ops@example.com (or a local name such as root)`,
		zh: `“${address}”不是 ops@example.com 这样的电子邮件地址（也不是 root 这样的本地用户名）`,
	});
}

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
