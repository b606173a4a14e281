import {runProgram} from './run.js';
import {type PostfixTarget, configArgs} from './target.js';

/** One message in Postfix's queue, as `postqueue -j` prints it. */
export interface QueuedMessage {
	readonly queueName: string;
	readonly queueId: string;
	readonly sender: string;
	readonly recipients: ReadonlyArray<{readonly address: string; readonly delayReason?: string}>;
}

/** `postqueue -j`: one JSON object per line; an empty queue prints nothing. */
export async function listQueue(target: PostfixTarget, options: {signal?: AbortSignal} = {}): Promise<QueuedMessage[]> {
	const result = await runProgram('postqueue', [...configArgs(target), '-j'], {signal: options.signal, timeoutMs: 10_000});
	if (result.exitCode !== 0) {
		return [];
	}

	return result.stdout
		.split('\n')
		.filter(line => line.startsWith('{'))
		.map(line => JSON.parse(line) as {queue_name: string; queue_id: string; sender: string; recipients: Array<{address: string; delay_reason?: string}>})
		.map(entry => ({
			queueName: entry.queue_name,
			queueId: entry.queue_id,
			sender: entry.sender,
			recipients: entry.recipients.map(recipient => ({address: recipient.address, ...(recipient.delay_reason ? {delayReason: recipient.delay_reason} : {})})),
		}));
}
