import {PostfixCommandError, runProgram} from './run.js';
import {type PostfixTarget, configArgs} from './target.js';

/** One message in Postfix's queue, as `postqueue -j` prints it. */
export interface QueuedMessage {
	readonly queueName: string;
	readonly queueId: string;
	readonly sender: string;
	/** When it entered the queue, in seconds since the epoch. */
	readonly arrivalTime: number;
	readonly recipients: ReadonlyArray<{readonly address: string; readonly delayReason?: string}>;
}

/** `postqueue -j`: one JSON object per line; an empty queue prints nothing. Throws when the queue cannot be read. */
export async function listQueue(target: PostfixTarget, options: {signal?: AbortSignal} = {}): Promise<QueuedMessage[]> {
	const args = [...configArgs(target), '-j'];
	const result = await runProgram('postqueue', args, {signal: options.signal, timeoutMs: 10_000});
	if (result.exitCode !== 0) {
		// e.g. Postfix is stopped ("mail system is down"): an unknown queue is not an empty one.
		throw new PostfixCommandError('postqueue', args, result);
	}

	return result.stdout
		.split('\n')
		.filter(line => line.startsWith('{'))
		.map(line => JSON.parse(line) as {queue_name: string; queue_id: string; arrival_time?: number; sender: string; recipients: Array<{address: string; delay_reason?: string}>})
		.map(entry => ({
			queueName: entry.queue_name,
			queueId: entry.queue_id,
			sender: entry.sender,
			arrivalTime: entry.arrival_time ?? 0,
			recipients: entry.recipients.map(recipient => ({address: recipient.address, ...(recipient.delay_reason ? {delayReason: recipient.delay_reason} : {})})),
		}));
}

/** Queue IDs are letters and digits (short hex or long form): anything else is no queue file's name. */
const queueIdPattern = /^[\dA-Za-z]+$/;

/**
 * The header lines of one queued message (`postcat -h -q ID`, which looks in every queue:
 * maildrop, incoming, active, deferred, hold), or undefined when no queue holds that ID.
 * Throws when the queue cannot be read at all.
 */
export async function queuedHeaders(target: PostfixTarget, queueId: string, options: {signal?: AbortSignal} = {}): Promise<string | undefined> {
	if (!queueIdPattern.test(queueId)) {
		return undefined;
	}

	const args = [...configArgs(target), '-h', '-q', queueId];
	const result = await runProgram('postcat', args, {signal: options.signal, timeoutMs: 10_000});
	if (result.exitCode === 0) {
		return result.stdout;
	}

	if (result.stderr.includes(`open queue file ${queueId}: No such file or directory`)) {
		return undefined;
	}

	throw new PostfixCommandError('postcat', args, result);
}

/** The Message-ID header's value without its angle brackets, from a message's header lines. */
export function messageIdOf(headers: string): string | undefined {
	const match = /^message-id:[ \t]*<?([^>\s]+)>?/im.exec(headers);
	return match?.[1];
}
