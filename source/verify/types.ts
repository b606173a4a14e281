import type {Localized} from '../settings/types.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of a checklist (verify's, or the relay probe's on the review). */
export interface CheckResult {
	readonly id: string;
	readonly title: Localized;
	readonly status: CheckStatus;
	readonly detail: Localized;
}

/**
 * Postfix's final word on one recipient, from its `status=` field; `queued` is our timeout
 * with the message still in the queue; `left-queue` is a message Postfix no longer holds
 * while no log says where it went (a host that keeps no mail log).
 */
export type DeliveryStatus = 'sent' | 'deferred' | 'bounced' | 'expired' | 'queued' | 'left-queue';

/** A known failure: what it means and what to change, in plain words. */
export interface Explanation {
	readonly id: string;
	readonly cause: Localized;
	readonly fix: Localized;
}

/** Where a test mail went, as Postfix logged it. */
export interface DeliveryReport {
	readonly messageId: string;
	/** Where it went: after virtual_alias_maps, the address the relay was given. */
	readonly recipient: string;
	/** The envelope sender Postfix sent it with (after sender_canonical_maps), when logged. */
	readonly sender?: string;
	readonly queueId: string | undefined;
	readonly status: DeliveryStatus;
	/** e.g. `smtp.example.com[192.0.2.1]:587`, or `none`. */
	readonly relay: string | undefined;
	readonly delay: string | undefined;
	/** `a/b/c/d`: before queue manager, in queue manager, connection setup, transmission. */
	readonly delays: string | undefined;
	readonly dsn: string | undefined;
	/** The text in parentheses after status=, e.g. the relay's own reply. */
	readonly reply: string | undefined;
	/** The raw log line the status came from. */
	readonly logLine: string | undefined;
	readonly explanation: Explanation | undefined;
	/** Where the log that told us is: a file, or `journalctl -t postfix/smtp` (absent when unknown). */
	readonly log?: string;
}

/** Progress of a tracked test mail, for a spinner or a log. */
export type TrackEvent =
	| {readonly type: 'submitted'; readonly messageId: string}
	| {readonly type: 'queued'; readonly queueId: string}
	/** No log can be followed on this host: the queue is watched instead, before sending. */
	| {readonly type: 'no-log'}
	/** The logs being followed for it, as a person would look at them (a file, or journalctl). */
	| {readonly type: 'following'; readonly log: string}
	| {readonly type: 'log'; readonly line: string}
	| {readonly type: 'final'; readonly report: DeliveryReport};
