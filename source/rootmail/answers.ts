import type {RootMailRequest} from './plan.js';
import {isSendAsScope} from './sender-canonical.js';

/** The wizard's answers that are not main.cf parameters (Postfix names never hold a `-`). */
export const rootMailAnswer = {rootTo: 'root-to', sendAs: 'send-as', scope: 'send-as-scope'} as const;

const keys = new Set<string>(Object.values(rootMailAnswer));

/** Splits the wizard's answers: main.cf parameters, and the request for root's mail and the sender (empty = not asked). */
export function splitAnswers(answers: ReadonlyMap<string, string>): {settings: Map<string, string>; rootMail: RootMailRequest} {
	const settings = new Map([...answers].filter(([name]) => !keys.has(name)));
	const rootTo = answers.get(rootMailAnswer.rootTo)?.trim() ?? '';
	const sendAs = answers.get(rootMailAnswer.sendAs)?.trim() ?? '';
	const scope = answers.get(rootMailAnswer.scope) ?? 'local';
	return {
		settings,
		rootMail: {
			...(rootTo === '' ? {} : {rootTo}),
			...(sendAs === '' ? {} : {sendAs, sendAsScope: isSendAsScope(scope) ? scope : 'local'}),
		},
	};
}
