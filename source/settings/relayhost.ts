import {type SyntaxProblem, hostnameProblem, isIPv6Address, isLoopbackAddress, isStrictIPv4, listItems, problem} from './syntax.js';
import type {ProposalContext, Setting, SettingWarning} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'relayhost';

/** One relay as Postfix reads it: host or [host], then an optional :port. */
export interface RelayTarget {
	/** As written between the brackets, including an `ipv6:` prefix. */
	readonly host: string;
	readonly port: number | string | undefined;
	/** Brackets: connect to the host itself, no MX lookup. */
	readonly bracketed: boolean;
}

/** Splits `[smtp.example.com]:587`, `[ipv6:2001:db8::1]`, `mail.example.com:25`, as Postfix's host_port() does. */
export function parseRelay(item: string): RelayTarget | SyntaxProblem {
	const bracketed = item.match(/^\[([^[\]]*)\](?::([^:]*))?$/);
	if (item.startsWith('[') || item.includes(']')) {
		if (!bracketed) {
			return problem(item, 'brackets must be balanced and enclose the whole host: [host] or [host]:port', '方括号必须成对并包住整个主机名：[host] 或 [host]:port');
		}

		return {host: bracketed[1] ?? '', port: bracketed[2], bracketed: true};
	}

	const [host = '', port, extra] = item.split(':');
	if (extra !== undefined) {
		return problem(item, 'an IPv6 relay goes in brackets: [2001:db8::1] or [ipv6:2001:db8::1], then :port', 'IPv6 中继须写在方括号中：[2001:db8::1] 或 [ipv6:2001:db8::1]，之后可加 :端口');
	}

	return {host, port, bracketed: false};
}

/** The address or name to connect to, without brackets or an `ipv6:` prefix. */
function bareHost(relay: RelayTarget): string {
	return relay.host.replace(/^ipv6:/i, '');
}

/**
 * The relay's host name, the first key Postfix looks its password up by (then the
 * relayhost as written): `[smtp.example.com]:587` → `smtp.example.com`. Undefined when
 * relayhost is empty or not a relay.
 */
export function relayHostName(relayhost: string): string | undefined {
	const first = listItems(relayhost)[0];
	const relay = first === undefined ? undefined : parseRelay(first);
	return relay === undefined || 'rule' in relay || relay.host === '' ? undefined : bareHost(relay);
}

function isAddress(relay: RelayTarget): boolean {
	const host = bareHost(relay);
	return isStrictIPv4(host) || isIPv6Address(host);
}

function hostProblem(relay: RelayTarget, item: string): SyntaxProblem | undefined {
	const {host} = relay;
	if (host === '') {
		return problem(item, 'give a host name or address, e.g. [smtp.example.com]:587', '请填写主机名或地址，例如 [smtp.example.com]:587');
	}

	if (/^ipv6:/i.test(host)) {
		return isIPv6Address(host.slice(5)) ? undefined : problem(host, 'after "ipv6:" comes a valid IPv6 address, e.g. [ipv6:2001:db8::1]', '“ipv6:”之后须是有效的 IPv6 地址，例如 [ipv6:2001:db8::1]');
	}

	// Only reachable in brackets: parseRelay refuses a bare IPv6 address.
	if (isIPv6Address(host)) {
		return undefined;
	}

	if (/^[\d.]+$/.test(host)) {
		return isStrictIPv4(host) ? undefined : problem(host, 'an IPv4 address is four numbers from 0 to 255, without leading zeros', 'IPv4 地址是四个 0 到 255 的数字，不能有前导零');
	}

	return hostnameProblem(host);
}

const portRule = {en: 'port must be a number from 1 to 65535', zh: '端口必须是 1 到 65535 之间的数字'};

function portProblem(port: number | string | undefined): SyntaxProblem | undefined {
	if (port === undefined) {
		return undefined;
	}

	const text = String(port);
	if (/^\d+$/.test(text)) {
		const number = Number(text);
		if (number < 1 || number > 65_535) {
			return problem(text, portRule.en, portRule.zh);
		}

		// 0587 works in Postfix, but sasl_passwd keys must repeat relayhost exactly: keep one spelling.
		return text.startsWith('0') ? problem(text, `${portRule.en}, written without leading zeros (${number})`, `${portRule.zh}，且不能有前导零（${number}）`) : undefined;
	}

	// Service names from /etc/services (submission, smtps) are valid too.
	return /^[a-z][a-z\d-]*$/.test(text) ? undefined : problem(text || ':', `${portRule.en} (or a service name such as submission)`, `${portRule.zh}（或服务名，例如 submission）`);
}

function relayProblem(item: string): SyntaxProblem | undefined {
	const relay = parseRelay(item);
	if ('rule' in relay) {
		return relay;
	}

	return hostProblem(relay, item) ?? portProblem(relay.port);
}

/** Port 25 on loopback is this very Postfix (inet_interfaces covers loopback in every null-client setup). */
function loopsBack(relay: RelayTarget): boolean {
	const port = relay.port === undefined ? 'smtp' : String(relay.port);
	return isLoopbackAddress(bareHost(relay)) && (port === '25' || port === 'smtp');
}

function risks(trimmed: string): SettingWarning[] {
	const relays = listItems(trimmed).map(item => parseRelay(item)).filter((relay): relay is RelayTarget => !('rule' in relay));
	if (relays.length === 0) {
		return [warning(name, 'Empty means direct delivery to every recipient\'s mail server: this is not a null client, and most networks block outgoing port 25.', '留空表示直接投递到每个收件人的邮件服务器：这不是空客户端，而且多数网络会封锁出站 25 端口。')];
	}

	const found: SettingWarning[] = [];
	for (const relay of relays) {
		if (loopsBack(relay)) {
			found.push(warning(name, `${relay.host} port 25 is this machine's own Postfix: mail would loop back to itself ("mail for … loops back to myself"). Give the real relay, or the port your local relay agent listens on.`, `${relay.host} 的 25 端口就是本机的 Postfix：邮件会回到自己（“mail for … loops back to myself”）。请填写真正的中继，或本地中继代理监听的端口。`));
		} else if (!relay.bracketed && !isAddress(relay)) {
			found.push(warning(name, `${relay.host} has no brackets, so Postfix looks up its MX records first; write [${relay.host}] to connect to that host itself.`, `${relay.host} 没有方括号，Postfix 会先查询它的 MX 记录；写成 [${relay.host}] 可直接连接该主机。`));
		}
	}

	return found;
}

/** The sandbox's or caller's relay first; otherwise the usual shape of a provider's submission host. */
function recommended(context: ProposalContext): string {
	if (context.relayhost !== undefined) {
		return context.relayhost;
	}

	const domain = context.mydomain?.trim();
	return domain?.includes('.') && !hostnameProblem(domain) ? `[smtp.${domain}]:587` : '[smtp.example.com]:587';
}

/**
 * `smtp example com`: several bare single-label names read as three relays, but it is one
 * host name typed with spaces for dots. A real list of relays names hosts (smtp1.example.com).
 */
function typedWithSpaces(trimmed: string): SyntaxProblem | undefined {
	const items = listItems(trimmed);
	const singleLabel = (item: string) => /^[a-z\d-]+$/i.test(item) && !/^\d+$/.test(item);
	return items.length > 1 && items.every(item => singleLabel(item))
		? problem(trimmed, `this reads as ${items.length} relays named ${items.join(', ')}; a host name has dots: ${items.join('.')}?`, `这会被读成 ${items.length} 个名为 ${items.join('、')} 的中继；主机名用点分隔：${items.join('.')}？`)
		: undefined;
}

export const relayhost: Setting = {
	name,
	explanation: {
		en: 'The mail server (smarthost) that receives every message this machine sends and delivers it onwards, e.g. your provider\'s or company\'s SMTP relay. Square brackets, as in [smtp.example.com], make Postfix connect to that host directly instead of looking up its MX records; add :587 for the submission port. Empty means Postfix delivers straight to each recipient\'s domain, which a null client must not do.',
		zh: '接收本机发出的每封邮件并继续投递的邮件服务器（智能主机），例如服务商或公司的 SMTP 中继。写成 [smtp.example.com] 这样带方括号，Postfix 会直接连接该主机而不查询 MX 记录；加上 :587 使用提交端口。留空表示 Postfix 直接投递到每个收件人的域，空客户端不应如此。',
	},
	postfixDefault: '',
	recommended,
	serviceAction: 'reload',
	validate: value => validateWith(name, value, trimmed => typedWithSpaces(trimmed) ?? firstProblem(listItems(trimmed), relayProblem), risks),
};
