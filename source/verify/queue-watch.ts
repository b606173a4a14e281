import {type QueuedMessage, listQueue, messageIdOf, queuedHeaders} from '../postfix/queue.js';
import type {PostfixTarget} from '../postfix/target.js';

/** What one look at Postfix's queues says about our message. */
export type QueueSighting =
	/** Past pickup (incoming, active, deferred, hold): its queue ID stays the same until it leaves. */
	| {readonly state: 'queued'; readonly entry: QueuedMessage}
	/** In a queue, without details: still sendmail's maildrop copy, or between two queues during the listing. */
	| {readonly state: 'present'}
	/** In no queue at this look. */
	| {readonly state: 'not-seen'}
	/** The queue could not be read (Postfix stopped, postqueue failed): says nothing either way. */
	| {readonly state: 'unreadable'};

export interface QueueLocator {
	/** One look, by the queue ID once known, else by the message's Message-ID. */
	look(queueId: string | undefined, signal?: AbortSignal): Promise<QueueSighting>;
}

/** How many not-yet-known messages one look may open to read their Message-ID (a busy queue). */
const headerReadsPerLook = 10;

/**
 * Finds one message in the queue without a log. Two things make a plain listing wrong:
 * pickup gives a maildrop message a NEW queue ID (so a maildrop ID is never adopted), and
 * virtual_alias_maps may rewrite the recipient (so the recipient only orders the guesses);
 * a message is recognised by its Message-ID header, read with postcat once per queue ID.
 * A known ID missing from the listing is looked up once more with postcat, which searches
 * every queue directory: showq reads one queue after another and can miss a message that
 * moves between them meanwhile.
 */
export function queueLocator(target: PostfixTarget, options: {readonly messageId: string; readonly recipient: string; readonly sinceMs: number}): QueueLocator {
	/** Queue ID → whether that message is ours, decided once. */
	const verdicts = new Map<string, boolean>();
	const since = Math.floor(options.sinceMs / 1000) - 1;

	const isOurs = async (message: QueuedMessage, signal: AbortSignal | undefined): Promise<boolean | undefined> => {
		const known = verdicts.get(message.queueId);
		if (known !== undefined) {
			return known;
		}

		const headers = await queuedHeaders(target, message.queueId, {signal});
		if (headers === undefined) {
			// Gone since the listing (picked up, delivered): the next look decides.
			return undefined;
		}

		const ours = messageIdOf(headers) === options.messageId;
		verdicts.set(message.queueId, ours);
		return ours;
	};

	const byMessageId = async (queued: readonly QueuedMessage[], signal: AbortSignal | undefined): Promise<QueueSighting> => {
		const candidates = queued
			.filter(message => message.arrivalTime >= since && verdicts.get(message.queueId) !== false)
			.sort((a, b) => Number(forRecipient(b)) - Number(forRecipient(a)) || b.arrivalTime - a.arrivalTime);
		let reads = 0;
		for (const message of candidates) {
			if (!verdicts.has(message.queueId) && ++reads > headerReadsPerLook) {
				break;
			}

			if (await isOurs(message, signal)) {
				return message.queueName === 'maildrop' ? {state: 'present'} : {state: 'queued', entry: message};
			}
		}

		return {state: reads > headerReadsPerLook ? 'present' : 'not-seen'};
	};

	const forRecipient = (message: QueuedMessage) => message.recipients.some(recipient => recipient.address === options.recipient);

	return {
		async look(queueId, signal) {
			try {
				const queued = await listQueue(target, {signal});
				if (queueId === undefined) {
					return await byMessageId(queued, signal);
				}

				const entry = queued.find(message => message.queueId === queueId);
				if (entry) {
					return {state: 'queued', entry};
				}

				return await queuedHeaders(target, queueId, {signal}) === undefined ? {state: 'not-seen'} : {state: 'present'};
			} catch {
				return {state: 'unreadable'};
			}
		},
	};
}
