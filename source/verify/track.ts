import {type LogFollower, type LogSource, findLogSources, followLog, markLog, syslogFiles} from '../postfix/log.js';
import {listQueue} from '../postfix/queue.js';
import type {PostfixTarget} from '../postfix/target.js';
import {explain} from './explain.js';
import {type DeliveryLine, parseDeliveryLine, parseMessageIdLine} from './log-parse.js';
import type {DeliveryReport, TrackEvent} from './types.js';

export interface Tracker {
	/** Resolves with the message's status once Postfix logs it, or 'queued' at the timeout. */
	readonly report: Promise<DeliveryReport>;
	/** Every log being followed; empty when this system has none that can be read. */
	readonly sources: readonly LogSource[];
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
	const sources = await findLogSources(target, {signal: options.signal});
	// Marked before anything is sent: following from here can miss no line.
	const marks = await Promise.all(sources.map(async source => markLog(source)));
	const seen = new Set<string>();
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
		for (const follower of followers) {
			follower.stop();
		}

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

		// The same line may arrive twice when syslog writes a file and the journal too.
		if (!line.includes(`${queueId}:`) || seen.has(line)) {
			return;
		}

		seen.add(line);
		options.onEvent?.({type: 'log', line});
		const delivery = parseDeliveryLine(line);
		if (delivery && delivery.queueId === queueId) {
			finish(reportFrom(wanted, options.recipient, delivery, line));
		}
	};

	const followers: LogFollower[] = marks.map(mark => followLog(mark, onLine, {signal: options.signal}));
	const onTimeout = async () => {
		// Still in the queue: Postfix's own reason for the delay is the most useful answer.
		const queued = await listQueue(target).catch(() => []);
		const entry = queued.find(message => message.queueId === queueId) ?? (queueId ? undefined : queued.at(-1));
		const reason = entry?.recipients[0]?.delayReason;
		finish(reportFrom(wanted, options.recipient, undefined, undefined, {
			queueId: entry?.queueId ?? queueId,
			reply: reason ?? (sources.length > 0 ? undefined : `no log to follow (no maillog_file, ${syslogFiles.join(', ')} or journal)`),
			explanation: explain(reason),
		}));
	};

	const timer = setTimeout(() => void onTimeout(), options.timeoutMs);
	options.signal?.addEventListener('abort', () => {
		clearTimeout(timer);
		void onTimeout();
	}, {once: true});
	return {report, sources, stop: () => finish(reportFrom(wanted, options.recipient, undefined, undefined, {queueId}))};
}
