import {isIPv6} from 'node:net';
import {type SyntaxProblem, hostnameProblem, isStrictIPv4, listItems, problem} from './syntax.js';
import type {Setting} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'relayhost';

/** One relay as Postfix reads it: host or [host], then an optional :port. */
export interface RelayTarget {
	readonly host: string;
	readonly port: number | string | undefined;
	/** Brackets: connect to the host itself, no MX lookup. */
	readonly bracketed: boolean;
}

/** Splits `[smtp.example.com]:587`, `[ipv6:2001:db8::1]`, `mail.example.com:25`. */
export function parseRelay(item: string): RelayTarget | SyntaxProblem {
	const bracketed = /^\[([^[\]]*)\](?::([^:]*))?$/.exec(item);
	if (item.startsWith('[') || item.includes(']')) {
		if (!bracketed) {
			return problem(item, 'brackets must be balanced and enclose the whole host: [host] or [host]:port', '方括号必须成对并包住整个主机名：[host] 或 [host]:port');
		}

		return {host: bracketed[1] ?? '', port: bracketed[2], bracketed: true};
	}

	const [host = '', port, extra] = item.split(':');
	if (extra !== undefined) {
		return problem(item, 'an IPv6 relay is written [ipv6:address], e.g. [ipv6:2001:db8::1]:587', 'IPv6 中继应写成 [ipv6:地址]，例如 [ipv6:2001:db8::1]:587');
	}

	return {host, port, bracketed: false};
}

function hostProblem(relay: RelayTarget, item: string): SyntaxProblem | undefined {
	const {host} = relay;
	if (host.toLowerCase().startsWith('ipv6:')) {
		return relay.bracketed && isIPv6(host.slice(5)) ? undefined : problem(host, 'after "ipv6:" comes a valid IPv6 address, inside brackets', '“ipv6:”之后须是有效的 IPv6 地址，并写在方括号内');
	}

	if (isIPv6(host)) {
		return problem(item, 'write an IPv6 relay as [ipv6:address]', 'IPv6 中继应写成 [ipv6:地址]');
	}

	if (/^[\d.]+$/.test(host)) {
		return isStrictIPv4(host) ? undefined : problem(host, 'an IPv4 address is four numbers from 0 to 255', 'IPv4 地址是四个 0 到 255 的数字');
	}

	return hostnameProblem(host);
}

function portProblem(port: number | string | undefined): SyntaxProblem | undefined {
	if (port === undefined) {
		return undefined;
	}

	const text = String(port);
	if (/^\d+$/.test(text)) {
		const number = Number(text);
		return number >= 1 && number <= 65_535 && !text.startsWith('0') ? undefined : problem(text, 'port must be a number from 1 to 65535', '端口必须是 1 到 65535 之间的数字');
	}

	// Service names from /etc/services (submission, smtps) are valid too.
	return /^[a-z][a-z\d-]*$/.test(text) ? undefined : problem(text || ':', 'port must be a number from 1 to 65535', '端口必须是 1 到 65535 之间的数字');
}

function relayProblem(item: string): SyntaxProblem | undefined {
	const relay = parseRelay(item);
	if ('rule' in relay) {
		return relay;
	}

	return hostProblem(relay, item) ?? portProblem(relay.port);
}

export const relayhost: Setting = {
	name,
	explanation: {
		en: 'The mail server (smarthost) that receives every message this machine sends and delivers it onwards, e.g. your provider\'s or company\'s SMTP relay. Square brackets, as in [smtp.example.com], make Postfix connect to that host directly instead of looking up its MX records; add :587 for the submission port. Empty means Postfix delivers straight to each recipient\'s domain, which a null client must not do.',
		zh: '接收本机发出的每封邮件并继续投递的邮件服务器（智能主机），例如服务商或公司的 SMTP 中继。写成 [smtp.example.com] 这样带方括号，Postfix 会直接连接该主机而不查询 MX 记录；加上 :587 使用提交端口。留空表示 Postfix 直接投递到每个收件人的域，空客户端不应如此。',
	},
	postfixDefault: '',
	recommended: context => context.relayhost ?? (context.mydomain?.includes('.') ? `[smtp.${context.mydomain}]:587` : '[smtp.example.com]:587'),
	serviceAction: 'reload',
	validate: value => validateWith(
		name,
		value,
		trimmed => firstProblem(listItems(trimmed), relayProblem),
		trimmed => {
			const items = listItems(trimmed);
			if (items.length === 0) {
				return [warning(name, 'Empty means direct delivery to every recipient\'s mail server: this is not a null client, and most networks block outgoing port 25.', '留空表示直接投递到每个收件人的邮件服务器：这不是空客户端，而且多数网络会封锁出站 25 端口。')];
			}

			return items
				.map(item => parseRelay(item))
				.filter((relay): relay is RelayTarget => !('rule' in relay) && !relay.bracketed && !/^[\d.]+$/.test(relay.host))
				.map(relay => warning(name, `${relay.host} has no brackets, so Postfix looks up its MX records first; write [${relay.host}] to connect to that host itself.`, `${relay.host} 没有方括号，Postfix 会先查询它的 MX 记录；写成 [${relay.host}] 可直接连接该主机。`));
		},
	),
};
