import {hostnameProblem, problem, type SyntaxProblem} from './syntax.js';

/** A plain address split at its last `@`. */
export interface Address {
	readonly local: string;
	readonly domain: string;
}

/**
 * Characters a local part may not hold here: whitespace and the RFC 5322 specials that
 * would need quoting, and `$`, which a regexp table reads as a substitution. Quoted
 * local parts are legal mail syntax but no relay account is named like that.
 */
// eslint-disable-next-line no-control-regex
const badLocal = /[\s@<>(),;:"\\[\]$\u0000-\u001F\u007F]/;

/** Names that mean "this machine": an address there stays where nobody reads it. */
const localOnlyDomain = /^(?:localhost|localdomain)(?:\.|$)|\.(?:localhost|localdomain)$/i;

/**
 * The one check of an e-mail address in the project: `local@domain`, as sendmail takes it
 * on its command line and a map file holds it. A leading `-` would read as an option.
 */
export function addressProblem(value: string): SyntaxProblem | undefined {
	const trimmed = value.trim();
	const at = trimmed.lastIndexOf('@');
	const rule = ['not an e-mail address like ops@example.com', '不是 ops@example.com 这样的电子邮件地址'] as const;
	if (at <= 0 || at === trimmed.length - 1) {
		return problem(trimmed, ...rule);
	}

	const local = trimmed.slice(0, at);
	const domain = trimmed.slice(at + 1);
	if (badLocal.test(local) || local.startsWith('-') || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
		return problem(trimmed, ...rule);
	}

	if (domain.endsWith('.') || hostnameProblem(domain)) {
		return problem(trimmed, ...rule);
	}

	return undefined;
}

export function parseAddress(value: string): Address | undefined {
	const trimmed = value.trim();
	if (addressProblem(trimmed)) {
		return undefined;
	}

	const at = trimmed.lastIndexOf('@');
	return {local: trimmed.slice(0, at), domain: trimmed.slice(at + 1)};
}

/** `localhost`, `localdomain` and their subdomains: names every machine gives itself. */
export function isLocalOnlyDomain(domain: string): boolean {
	return localOnlyDomain.test(domain.trim());
}

/**
 * An address whose mailbox is on another machine, for root's mail and the sender: a
 * domain with a dot that is not one of the names every machine calls itself.
 */
export function mailboxProblem(value: string): SyntaxProblem | undefined {
	const found = addressProblem(value);
	if (found) {
		return found;
	}

	const {domain} = parseAddress(value)!;
	if (isLocalOnlyDomain(domain)) {
		return problem(value.trim(), `"${domain}" is this machine's own name: the mail would stay where nobody reads it; give an address on a real mail domain, e.g. ops@example.com`, `“${domain}”是本机自己的名字：邮件会留在无人阅读的地方；请填写真实邮件域的地址，例如 ops@example.com`);
	}

	if (!domain.includes('.')) {
		return problem(value.trim(), `"${domain}" has no dot: it names a machine, not a mail domain; give an address whose mailbox someone reads, e.g. ops@example.com`, `“${domain}”中没有点：它是主机名而不是邮件域；请填写有人阅读的邮箱地址，例如 ops@example.com`);
	}

	return undefined;
}
