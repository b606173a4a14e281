import type {VirtualEntry} from './virtual-map.js';

/** Whose mail "send as" rewrites: this machine's own names, or every sender. */
export type SendAsScope = 'local' | 'all';

export const sendAsScopes: readonly SendAsScope[] = ['local', 'all'];

export function isSendAsScope(value: string): value is SendAsScope {
	return (sendAsScopes as readonly string[]).includes(value);
}

/** A name as a regexp matches it literally (POSIX ERE specials escaped). */
export function regexpLiteral(text: string): string {
	return text.replaceAll(/[.[\]{}()*+?^$|\\/]/g, '\\$&');
}

/** The right-hand side of a regexp table expands `$1`; a literal `$` is `$$`. */
export function regexpReplacement(text: string): string {
	return text.replaceAll('$', '$$$$');
}

export const senderCanonicalHeader = [
	'Written by postfix-wizard: mail this machine sends leaves as the address the relay verified.',
	'A regexp table is read when Postfix starts: after an edit, run `postfix reload`.',
];

/**
 * The rule of the regexp table behind sender_canonical_maps. Cleanup qualifies a bare
 * sender (`root`) with @$myorigin before it looks here, so matching the machine's own
 * domains catches cron, root and every local account; `localhost…` are the names programs
 * invent. Postfix keeps the display name of a header sender.
 */
export function senderCanonicalRule(sendAs: string, scope: SendAsScope, ownDomains: readonly string[]): VirtualEntry {
	const replacement = regexpReplacement(sendAs);
	if (scope === 'all') {
		return {key: '/^.+$/', values: [replacement]};
	}

	const names = [...new Set(ownDomains.map(domain => domain.trim().toLowerCase()).filter(domain => domain !== '' && !/^localhost(\.|$)/.test(domain)))];
	const alternatives = [...names.map(name => regexpLiteral(name)), String.raw`localhost(\.[a-z0-9.-]+)?`].join('|');
	return {key: `/^(.+)@(${alternatives})$/`, values: [replacement]};
}
