import {prepareReview} from '../apply/prepare.js';
import {applyStagedPlan} from '../apply/transaction.js';
import {settings} from '../settings/catalogue.js';
import type {Sandbox} from './instance.js';
import {StepError} from '../errors.js';
import {stopOf} from '../interrupt.js';

/** The null-client answers for a sandbox: the recommendations, relaying to its own sink. */
export function sandboxAnswers(sandbox: Sandbox): Map<string, string> {
	return new Map(settings.map(setting => [setting.name, setting.recommended({mydomain: 'example.org', relayhost: sandbox.sink.relayhost})]));
}

/** Where the sandbox sends root's mail: its sink takes any address. */
export const sandboxRootTo = 'ops@example.org';

/** Turns a fresh sandbox into a null client through the real engine, for `--sandbox verify`: root's mail included. */
export async function configureSandboxNullClient(sandbox: Sandbox, signal?: AbortSignal): Promise<void> {
	const review = await prepareReview(sandbox.target, sandboxAnswers(sandbox), {rootMail: {rootTo: sandboxRootTo}});
	const outcome = await applyStagedPlan(sandbox.target, review.plan, {signal});
	if (outcome.status === 'interrupted') {
		throw stopOf(signal);
	}

	if (outcome.status === 'failed') {
		throw new StepError(`could not configure the sandbox: ${outcome.reason.en}`);
	}
}
