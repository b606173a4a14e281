import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {explain, explanationIds} from '../../source/verify/explain.js';
import {parseDeliveryLine, parseMessageIdLine} from '../../source/verify/log-parse.js';

/**
 * Log lines in Postfix's own format for each known failure. The ones the sandbox can
 * produce (refused, rejected, deferred) are also checked live in test/e2e/verify.test.ts.
 */
const recorded: Record<string, string> = {
	'connection-refused': 'Nov 24 09:25:54 vm postfix/smtp[2445]: 3748620C0BA: to=<root@example.com>, relay=none, delay=0.06, delays=0.04/0.02/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:2525: Connection refused)',
	'timed-out': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=none, delay=30, delays=0.01/0/30/0, dsn=4.4.1, status=deferred (connect to smtp.example.com[192.0.2.10]:25: Connection timed out)',
	'network-unreachable': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=none, delay=0.1, delays=0.01/0/0.09/0, dsn=4.4.1, status=deferred (connect to smtp.example.com[2001:db8::25]:587: Network is unreachable)',
	'host-not-found': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=none, delay=0.2, delays=0.01/0/0.2/0, dsn=5.4.4, status=bounced (Host or domain name not found. Name service error for name=smtp.exmaple.com type=A: Host not found)',
	wrappermode: 'postfix/smtp[811]: warning: smtp.example.com[192.0.2.10]:465: SMTPS wrappermode (TCP port 465) requires setting "smtp_tls_wrappermode = yes", and "smtp_tls_security_level = encrypt" (or stronger)',
	'starttls-required': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.3, delays=0.01/0/0.2/0.1, dsn=5.7.0, status=bounced (host smtp.example.com[192.0.2.10] said: 530 5.7.0 Must issue a STARTTLS command first (in reply to MAIL FROM command))',
	certificate: 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.5, dsn=4.7.5, status=deferred (Server certificate not verified)',
	'no-sasl-mechanism': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.4, dsn=4.7.0, status=deferred (SASL authentication failed; cannot authenticate to server smtp.example.com[192.0.2.10]: no mechanism available)',
	'auth-required': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.4, dsn=5.7.0, status=bounced (host smtp.example.com[192.0.2.10] said: 530 5.7.0 Authentication Required (in reply to MAIL FROM command))',
	'sasl-credentials': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.gmail.com[192.0.2.10]:587, delay=0.9, dsn=4.7.8, status=deferred (SASL authentication failed; server smtp.gmail.com[192.0.2.10] said: 535-5.7.8 Username and Password not accepted)',
	'sasl-map-unavailable': 'postfix/smtp[811]: warning: hash:/etc/postfix/sasl_passwd is unavailable. open database /etc/postfix/sasl_passwd.db: No such file or directory',
	'sender-rejected': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.6, dsn=5.7.1, status=bounced (host smtp.example.com[192.0.2.10] said: 550 5.7.1 <root@web01.example.org>: Sender address rejected: Access denied (in reply to MAIL FROM command))',
	'ses-not-verified': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=email-smtp.eu-west-1.amazonaws.com[192.0.2.10]:587, delay=0.6, dsn=5.0.0, status=bounced (host email-smtp.eu-west-1.amazonaws.com[192.0.2.10] said: 554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: root@web01.example.org (in reply to end of DATA command))',
	'sender-not-owned': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.6, dsn=5.7.1, status=bounced (host smtp.example.com[192.0.2.10] said: 553 5.7.1 <root@web01.example.org>: Sender address rejected: not owned by user alerts@example.com (in reply to RCPT TO command))',
	'm365-smtp-auth-disabled': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.office365.com[192.0.2.10]:587, delay=1.2, dsn=4.7.0, status=deferred (SASL authentication failed; server smtp.office365.com[192.0.2.10] said: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.)',
	'm365-basic-auth': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.office365.com[192.0.2.10]:587, delay=1.1, dsn=5.7.30, status=bounced (host smtp.office365.com[192.0.2.10] said: 550 5.7.30 Basic authentication is not supported for Client Submission. (in reply to MAIL FROM command))',
	'sasl-no-compatible': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.4, dsn=4.7.0, status=deferred (SASL authentication failed; server smtp.example.com[192.0.2.10] offered no compatible authentication mechanisms for this type of connection security)',
	'starttls-not-offered': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:25, delay=0.3, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host smtp.example.com[192.0.2.10])',
	'tls-engine-unavailable': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=none, delay=0.1, dsn=4.7.5, status=deferred (TLS is required, but our TLS engine is unavailable)',
	'tls-handshake': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.3, dsn=4.7.5, status=deferred (Cannot start TLS: handshake failure)',
	'recipient-rejected': 'postfix/smtp[811]: 4F1B2C0A12: to=<nobody@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.6, dsn=5.1.1, status=bounced (host smtp.example.com[192.0.2.10] said: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
	'relay-deferred': 'postfix/smtp[811]: 4F1B2C0A12: to=<ops@example.com>, relay=smtp.example.com[192.0.2.10]:587, delay=0.6, dsn=4.3.0, status=deferred (host smtp.example.com[192.0.2.10] said: 451 4.3.0 Try again later (in reply to RCPT TO command))',
	'loops-back': 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=web01.example.org[127.0.0.1]:25, delay=0.1, dsn=5.4.6, status=bounced (mail for [127.0.0.1]:25 loops back to myself)',
	'local-unknown-user': 'postfix/local[812]: 4F1B2C0A12: to=<ops@web01.example.org>, relay=local, delay=0.1, dsn=5.1.1, status=bounced (unknown user: "ops")',
	suspended: 'postfix/smtp[811]: 4F1B2C0A12: to=<a@example.com>, relay=none, delay=300, dsn=4.4.2, status=deferred (delivery temporarily suspended: lost connection with smtp.example.com[192.0.2.10] while receiving the initial server greeting)',
};

describe('explain', () => {
	for (const [id, line] of Object.entries(recorded)) {
		test(`${id}: a cause and a fix in both languages`, () => {
			const explanation = explain(line);
			assert.equal(explanation?.id, id);
			assert.ok(explanation.cause.en.length > 20 && explanation.fix.en.length > 20);
			assert.match(explanation.cause.zh + explanation.fix.zh, /[\u4E00-\u9FFF]/);
		});
	}

	/** Other wordings of the same causes, from Postfix's warnings and from the relay probe. */
	const variants: ReadonlyArray<[string, string]> = [
		['no-sasl-mechanism', 'postfix/smtp[811]: warning: SASL authentication failure: No worthy mechs found'],
		['tls-engine-unavailable', 'postfix/smtp[811]: warning: cannot load Certification Authority data, CAfile="/etc/ssl/certs/nope.crt": disabling TLS support'],
		['tls-handshake', 'postfix/smtp[811]: warning: TLS library problem: error:0A00010B:SSL routines::wrong version number:../ssl/record/ssl3_record.c:354:'],
		['tls-handshake', '127.0.0.1:587: TLS handshake failure (wrong version number)'],
		['sasl-credentials', 'SASL authentication failed; server said: 535 5.7.8 Authentication credentials invalid'],
		['auth-required', 'host 127.0.0.1[127.0.0.1] said: 530 5.7.0 Authentication Required (in reply to MAIL FROM command)'],
	];
	for (const [id, text] of variants) {
		test(`${id}: also from "${text.slice(0, 60)}…"`, () => {
			assert.equal(explain(text)?.id, id);
		});
	}

	test('Chinese explanations use full-width punctuation', () => {
		for (const id of explanationIds) {
			const explanation = explain(recorded[id])!;
			for (const text of [explanation.cause.zh, explanation.fix.zh]) {
				assert.doesNotMatch(text.replaceAll(/`[^`]*`|\([^()]*[a-z][^()]*\)/gi, ''), /[\u4E00-\u9FFF][,.;:]\s/, `${id}: ${text}`);
			}
		}
	});

	test('every entry of the table has a recorded line', () => {
		assert.deepEqual([...explanationIds].sort(), Object.keys(recorded).sort());
	});

	test('a delivered message needs no explanation', () => {
		assert.equal(explain('status=sent (250 2.0.0 Ok: queued as 4F1B2C0A12)'), undefined);
		assert.equal(explain(undefined), undefined);
	});
});

describe('log parsing', () => {
	test('ties a Message-ID to its queue ID', () => {
		assert.deepEqual(parseMessageIdLine('Nov 24 09:31:31 web01 postfix/cleanup[3331]: 7863720C107: message-id=<x1@pfw>'), {queueId: '7863720C107', messageId: 'x1@pfw'});
		assert.equal(parseMessageIdLine('postfix/qmgr[3328]: 7863720C107: from=<a@b>, size=240'), undefined);
	});

	test('reads every field of a delivery line, the reply included', () => {
		const line = parseDeliveryLine('Nov 24 09:31:31 web01 postfix/smtp[3334]: 7863720C107: to=<someone@example.com>, relay=127.0.0.1[127.0.0.1]:44005, delay=0.2, delays=0.05/0.02/0.12/0.02, dsn=2.0.0, status=sent (250 Queued (id 42))');
		assert.deepEqual(line, {
			queueId: '7863720C107',
			recipient: 'someone@example.com',
			relay: '127.0.0.1[127.0.0.1]:44005',
			delay: '0.2',
			delays: '0.05/0.02/0.12/0.02',
			dsn: '2.0.0',
			status: 'sent',
			reply: '250 Queued (id 42)',
		});
		assert.equal(parseDeliveryLine(recorded['connection-refused']!)?.status, 'deferred');
		assert.equal(parseDeliveryLine(recorded['host-not-found']!)?.status, 'bounced');
		assert.equal(parseDeliveryLine('postfix/qmgr[1]: 7863720C107: removed'), undefined);
	});
});
