import {type LogSource, findLogSource, followLog} from '../postfix/log.js';
import {listQueue} from '../postfix/queue.js';
import type {PostfixTarget} from '../postfix/target.js';
import {explain} from './explain.js';
import {type DeliveryLine, parseDeliveryLine, parseMessageIdLine} from './log-parse.js';
import type {DeliveryReport, TrackEvent} from './types.js';

export interface Tracker {
	/** Resolves with the message's status once Postfix logs it, or 'queued' at the timeout. */
	readonly report: Promise<DeliveryReport>;
	readonly source: LogSource | undefined;
	stop(): void;
}

export interface TrackOptions {
	readonly messageId: string;
	readonly recipient: string;
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
	readonly onEvent?: (event: TrackEvent) => void;
}

function reportFrom(messageId: string, recipient: string, line: DeliveryLine | undefined, logLine: string | undefined, extra: Partial<DeliveryReport> = {}): DeliveryReport {
	return {
		messageId,
		recipient: line?.recipient ?? recipient,
		queueId: line?.queueId,
		status: line?.status ?? 'queued',
		relay: line?.relay,
		delay: line?.delay,
		delays: line?.delays,
		dsn: line?.dsn,
		reply: line?.reply,
		logLine,
		explanation: line && line.status !== 'sent' ? explain(line.reply ?? logLine) : undefined,
		...extra,
	};
}

/**
 * Starts following the log BEFORE the message is sent (so its lines cannot be
 * missed), then maps Message-ID -> queue ID -> the first delivery status logged.
 * A deferral counts as the answer: Postfix will retry for days, but the reason is
 * what the administrator needs now.
 */
export async function startTracking(target: PostfixTarget, options: TrackOptions): Promise<Tracker> {
	const wanted = options.messageId.replace(/^<|>$/g, '');
	const source = await findLogSource(target);
	let queueId: string | undefined;
	let settle: (report: DeliveryReport) => void = () => {};
	const report = new Promise<DeliveryReport>(resolve => {
		settle = resolve;
	});
	let done = false;

	const finish = (result: DeliveryReport) => {
		if (done) {
			return;
		}

		done = true;
		clearTimeout(timer);
		follower?.stop();
		options.onEvent?.({type: 'final', report: result});
		settle(result);
	};

	const onLine = (line: string) => {
		if (done) {
			return;
		}

		if (!queueId) {
			const tagged = parseMessageIdLine(line);
			if (tagged?.messageId === wanted) {
				queueId = tagged.queueId;
				options.onEvent?.({type: 'queued', queueId});
			}

			return;
		}

		if (!line.includes(`${queueId}:`)) {
			return;
		}

		options.onEvent?.({type: 'log', line});
		const delivery = parseDeliveryLine(line);
		if (delivery && delivery.queueId === queueId) {
			finish(reportFrom(wanted, options.recipient, delivery, line));
		}
	};

	const follower = source ? await followLog(source, onLine, {signal: options.signal}) : undefined;
	const onTimeout = async () => {
		// Still in the queue: Postfix's own reason for the delay is the most useful answer.
		const queued = await listQueue(target).catch(() => []);
		const entry = queued.find(message => message.queueId === queueId) ?? (queueId ? undefined : queued.at(-1));
		const reason = entry?.recipients[0]?.delayReason;
		finish(reportFrom(wanted, options.recipient, undefined, undefined, {
			queueId: entry?.queueId ?? queueId,
			reply: reason ?? (source ? undefined : 'no log to follow (no maillog_file, /var/log/maillog, /var/log/mail.log or journal)'),
			explanation: explain(reason),
		}));
	};

	const timer = setTimeout(() => void onTimeout(), options.timeoutMs);
	options.signal?.addEventListener('abort', () => {
		clearTimeout(timer);
		void onTimeout();
	}, {once: true});
	return {report, source, stop: () => finish(reportFrom(wanted, options.recipient, undefined, undefined, {queueId}))};
}
