import {isLocalOnlyDomain} from './address.js';
import {isHostname, problem, type SyntaxProblem} from './syntax.js';

/** What a myorigin value may refer to, read from the machine (all optional: pure code). */
export interface OriginFacts {
	/** Values in force, `$refs` expanded (`postconf -x`): mydomain, myhostname, config_directory… */
	readonly parameters?: ReadonlyMap<string, string>;
	/** First line of each file a value may name (/etc/mailname), or undefined when unreadable. */
	readonly files?: ReadonlyMap<string, string | undefined>;
}

export type OriginResolution =
	| {readonly ok: true; readonly domain: string}
	| {readonly ok: false; readonly reason: 'unknown-parameter' | 'unreadable-file'; readonly what: string};

/** `$name` and `${name}` replaced from the facts; an unknown one stops the resolution. */
function expand(value: string, parameters: ReadonlyMap<string, string>): {text: string; missing?: string} {
	let missing: string | undefined;
	const text = value.replaceAll(/\$(?:\{([a-z\d_]+)\}|([a-z\d_]+))/gi, (whole, braced: string | undefined, plain: string | undefined) => {
		const name = braced ?? plain ?? '';
		const known = parameters.get(name);
		if (known === undefined) {
			missing ??= `$${name}`;
			return whole;
		}

		return known;
	});
	return missing === undefined ? {text} : {text, missing};
}

/**
 * What a myorigin value means for senders: the domain Postfix appends. A file name
 * (Debian's /etc/mailname) gives the first line of that file, `$mydomain` its value.
 */
export function resolveOrigin(value: string, facts: OriginFacts): OriginResolution {
	const expanded = expand(value.trim(), facts.parameters ?? new Map());
	if (expanded.missing !== undefined) {
		return {ok: false, reason: 'unknown-parameter', what: expanded.missing};
	}

	if (expanded.text.startsWith('/')) {
		const line = facts.files?.get(expanded.text);
		return line === undefined ? {ok: false, reason: 'unreadable-file', what: expanded.text} : {ok: true, domain: line.trim()};
	}

	return {ok: true, domain: expanded.text};
}

/**
 * Why a resolved origin gives senders no relay accepts: an address where a domain
 * belongs, a single label (a host's short name), `localhost` or `localdomain`.
 */
export function originDomainProblem(domain: string, shown = domain): SyntaxProblem | undefined {
	const trimmed = domain.trim();
	const via = shown === domain ? '' : ` (${shown} is ${trimmed || 'empty'})`;
	const viaZh = shown === domain ? '' : `（${shown} 的值是 ${trimmed || '空'}）`;
	if (trimmed.includes('@')) {
		return problem(shown, `a domain, not an address: myorigin is what comes after the @, e.g. ${trimmed.slice(trimmed.lastIndexOf('@') + 1) || 'example.com'}${via}`, `这里要的是域名，不是邮件地址：myorigin 是 @ 之后的部分，例如 ${trimmed.slice(trimmed.lastIndexOf('@') + 1) || 'example.com'}${viaZh}`);
	}

	if (isLocalOnlyDomain(trimmed)) {
		return problem(shown, `"${trimmed}" is what every machine calls itself: cron mail would leave as root@${trimmed}, which relays reject and nobody reads; use your DNS domain, e.g. example.com${via}`, `“${trimmed}”是每台机器对自己的称呼：cron 邮件会以 root@${trimmed} 发出，中继会拒收且无人阅读；请使用你的 DNS 域名，例如 example.com${viaZh}`);
	}

	if (trimmed !== '' && isHostname(trimmed) && !trimmed.includes('.')) {
		return problem(shown, `"${trimmed}" is a single label (a host's short name): cron mail would leave as root@${trimmed}, which relays reject; use your DNS domain, e.g. example.com${via}`, `“${trimmed}”只有一个标签（主机的短名）：cron 邮件会以 root@${trimmed} 发出，中继会拒收；请使用你的 DNS 域名，例如 example.com${viaZh}`);
	}

	if (trimmed === '' || !isHostname(trimmed)) {
		return problem(shown, `resolves to "${trimmed}", which is not a domain name${via}`, `解析结果“${trimmed}”不是域名${viaZh}`);
	}

	return undefined;
}

/** The line the myorigin step shows: the sender cron's mail from root will carry. */
export function rootSenderLine(domain: string): {en: string; zh: string} {
	return {en: `cron mail from root will be sent as root@${domain}`, zh: `root 的 cron 邮件将以 root@${domain} 发出`};
}
