import {runProgramOrThrow} from './run.js';
import type {PostfixTarget} from './target.js';

/**
 * Hands a message to Postfix's own sendmail, as any program on the machine would.
 * `-C DIR` selects a non-default instance; `-i` keeps a lone "." line in the body.
 */
export async function submitMessage(target: PostfixTarget, message: {readonly to: string; readonly from?: string; readonly content: string}, options: {signal?: AbortSignal} = {}): Promise<void> {
	const args = [
		...(target.isDefault ? [] : ['-C', target.configDir]),
		'-i',
		...(message.from ? ['-f', message.from] : []),
		'--',
		message.to,
	];
	await runProgramOrThrow('sendmail', args, {input: message.content, signal: options.signal, timeoutMs: 30_000});
}
