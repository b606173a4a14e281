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
