import {type LogFollower, type LogSource, findLogSources, followLog, markLog, syslogFiles} from '../postfix/log.js';
import type {QueuedMessage} from '../postfix/queue.js';
import type {PostfixTarget} from '../postfix/target.js';
import {explain} from './explain.js';
import {queueLocator} from './queue-watch.js';
import {type DeliveryLine, parseDeliveryLine, parseMessageIdLine, parseSenderLine} from './log-parse.js';
import type {DeliveryReport, TrackEvent} from './types.js';

export interface Tracker {
	/** Resolves with the message's status once Postfix logs it (or, without a log, once it leaves the queue), or at the timeout. */
	readonly report: Promise<DeliveryReport>;
	/** Every log being followed; empty when this system has none that can be read. */
	readonly sources: readonly LogSource[];
	/** sendmail has taken the message: from now on it is in a queue until Postfix hands it on. */
	submitted(): void;
	stop(): void;
}

/** How often the queue is looked at when no log can be followed (postqueue -j takes ~20 ms). */
const queuePollMs = 250;

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
	let sender: string | undefined;
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
		const from = parseSenderLine(line);
		if (from?.queueId === queueId) {
			sender = from.sender;
		}

		const delivery = parseDeliveryLine(line);
		if (delivery && delivery.queueId === queueId) {
			finish(reportFrom(wanted, options.recipient, delivery, line, sender === undefined ? {} : {sender}));
		}
	};

	const followers: LogFollower[] = marks.map(mark => followLog(mark, onLine, {signal: options.signal}));
	if (sources.length === 0) {
		// Said before anything is sent: the answer can only be what the queue shows.
		options.onEvent?.({type: 'no-log'});
	}

	let submitted = false;
	// The clock is read before sending: the message's arrival time in the queue is no earlier.
	const locator = queueLocator(target, {messageId: wanted, recipient: options.recipient, sinceMs: Date.now()});
	const noLog = sources.length > 0 ? undefined : `no log to follow (no maillog_file, ${syslogFiles.join(', ')} or journal)`;
	const leftQueue = () => reportFrom(wanted, options.recipient, undefined, undefined, {status: 'left-queue', queueId, reply: noLog});
	const stillQueued = (entry: QueuedMessage | undefined) => {
		const reason = entry?.recipients.find(recipient => recipient.delayReason)?.delayReason;
		return reportFrom(wanted, options.recipient, undefined, undefined, {queueId, reply: reason ?? noLog, explanation: explain(reason)});
	};

	const adopt = (entry: QueuedMessage) => {
		if (!queueId) {
			queueId = entry.queueId;
			options.onEvent?.({type: 'queued', queueId});
		}
	};

	const onTimeout = async () => {
		// Still in the queue: Postfix's own reason for the delay is the most useful answer.
		// (No signal: after an interrupt this one look is still worth its ~20 ms.)
		const sighting = submitted || queueId ? await locator.look(queueId) : {state: 'unreadable' as const};
		if (sighting.state === 'not-seen') {
			// In no queue, looked up by ID or Message-ID: it was handed on (or returned); never call that "queued".
			finish(leftQueue());
			return;
		}

		if (sighting.state === 'queued') {
			adopt(sighting.entry);
		}

		finish(stillQueued(sighting.state === 'queued' ? sighting.entry : undefined));
	};

	/**
	 * No log: watch the queue instead. Once sendmail has returned the message is in a queue
	 * (maildrop at least) until Postfix hands it on; a deferral shows there with its reason.
	 */
	let poll: NodeJS.Timeout | undefined;
	let absent = 0;
	const watchQueue = async () => {
		if (done) {
			return;
		}

		const sighting = await locator.look(queueId, options.signal);
		if (done) {
			return;
		}

		if (sighting.state === 'queued') {
			adopt(sighting.entry);
		}

		const reason = sighting.state === 'queued' ? sighting.entry.recipients.find(recipient => recipient.delayReason)?.delayReason : undefined;
		// Not seen in two looks in a row (each a listing and, by ID, postcat's own search): it has left.
		absent = sighting.state === 'not-seen' ? absent + 1 : 0;
		if (absent >= 2) {
			finish(leftQueue());
		} else if (reason) {
			finish(reportFrom(wanted, options.recipient, undefined, undefined, {status: 'deferred', queueId, reply: reason, explanation: explain(reason)}));
		} else {
			poll = setTimeout(() => void watchQueue(), queuePollMs);
		}
	};

	const timer = setTimeout(() => void onTimeout(), options.timeoutMs);
	options.signal?.addEventListener('abort', () => {
		clearTimeout(timer);
		void onTimeout();
	}, {once: true});
	void report.then(() => clearTimeout(poll));
	return {
		report,
		sources,
		submitted() {
			submitted = true;
			if (sources.length === 0) {
				void watchQueue();
			}
		},
		stop: () => finish(reportFrom(wanted, options.recipient, undefined, undefined, {queueId})),
	};
}
