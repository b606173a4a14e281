import type {Lang, Messages} from '../i18n/lang.js';
import type {DeliveryReport} from './types.js';

const en = {
	sent: 'Sent: the relay accepted the message. That proves mail leaves this machine; it does not prove it reached the mailbox (spam filters, the recipient\'s server).',
	deferred: 'Deferred: the relay did not take the message now; Postfix keeps it and retries.',
	bounced: 'Bounced: the message was refused for good and returned to the sender.',
	expired: 'Expired: Postfix gave up retrying and returned the message.',
	queued: 'Still queued: no final status was logged before the timeout.',
	'left-queue': 'Left the queue: Postfix no longer holds the message, so it was handed on (or returned to the sender), but this host keeps no mail log to say where. Postfix\'s own log (maillog_file = /var/log/postfix.log) would tell.',
	queueId: 'queue ID',
	relay: 'relay',
	to: 'to',
	from: 'from',
	delay: 'delay',
	dsn: 'DSN',
	reply: 'reply',
	cause: 'why',
	fix: 'fix',
	colon: ': ',
	/** Postfix's delay in seconds, then its delays=a/b/c/d when logged. */
	delayValue: (seconds: string, parts: string | undefined) => `${seconds}s${parts ? ` (${parts})` : ''}`,
} satisfies Record<DeliveryReport['status'], string> & Readonly<Record<string, string | ((...values: never[]) => string)>>;

const zh: typeof en = {
	sent: '已发送：中继接受了这封邮件。这证明邮件能离开本机，但不保证已到达收件箱（垃圾邮件过滤、收件方服务器）。',
	deferred: '已延迟：中继暂时没有接收，Postfix 会保留并重试。',
	bounced: '已退回：邮件被永久拒绝并退回给发件人。',
	expired: '已过期：Postfix 放弃重试并退回了邮件。',
	queued: '仍在队列中：超时前没有记录到最终状态。',
	'left-queue': '已离开队列：Postfix 不再持有这封邮件，说明它已被转交（或退回发件人），但本机没有邮件日志，无法说明去向。启用 Postfix 自己的日志（maillog_file = /var/log/postfix.log）即可知道。',
	queueId: '队列 ID',
	relay: '中继',
	to: '收件人',
	from: '发件人',
	delay: '耗时',
	dsn: 'DSN',
	reply: '回复',
	cause: '原因',
	fix: '解决',
	colon: '：',
	delayValue: (seconds, parts) => `${seconds}s${parts ? `（${parts}）` : ''}`,
};

/** Typed per language: a word missing in Chinese fails the type check. */
const words: Messages<typeof en> = {en, zh};

/** Plain lines for a terminal, a log, or the wizard's summary. */
export function formatDeliveryReport(report: DeliveryReport, lang: Lang): string[] {
	const w = words[lang];
	const lines = [w[report.status]];
	const detail = (label: string, value: string | undefined) => {
		if (value) {
			lines.push(`  ${label}${w.colon}${value}`);
		}
	};

	detail(w.queueId, report.queueId);
	// After virtual_alias_maps and sender_canonical_maps: what the relay was really given.
	detail(w.to, report.queueId ? report.recipient : undefined);
	detail(w.from, report.sender === undefined ? undefined : report.sender || '<>');
	detail(w.relay, report.relay);
	detail(w.delay, report.delay && w.delayValue(report.delay, report.delays));
	detail(w.dsn, report.dsn);
	detail(w.reply, report.reply);
	if (report.explanation) {
		detail(w.cause, report.explanation.cause[lang]);
		detail(w.fix, report.explanation.fix[lang]);
	}

	return lines;
}
