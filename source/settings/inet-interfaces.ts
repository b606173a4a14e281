import {hostnameProblem, isIPv6Address, isLoopbackAddress, isStrictIPv4, listItems, problem} from './syntax.js';
import type {Setting} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'inet_interfaces';

/**
 * Postfix compares these two against the whole value, so they cannot share it with
 * addresses. `localhost` is not among them: it is an ordinary host name that may be
 * listed beside others.
 */
const keywords = new Set(['all', 'loopback-only']);

function isKeyword(item: string): boolean {
	return keywords.has(item.toLowerCase());
}

function interfaceProblem(item: string) {
	const bare = item.replace(/^\[|\]$/g, '');
	if (isKeyword(item) || isStrictIPv4(item) || isIPv6Address(bare)) {
		return undefined;
	}

	// eth0, ens3, enp0s3, wlan0, lo, docker0: Postfix takes addresses here and would look eth0 up as a host.
	if (/^(?:eth|en[a-z]|wl|ww|lo|br|bond|vlan|docker|virbr|veth|tun|tap|ib|em|p\d)[\w.-]*$/i.test(item) && !item.includes('.') && item.toLowerCase() !== 'localhost') {
		return problem(item, `give addresses, all or loopback-only — not interface names (${item} is an interface: use its address, e.g. from \`ip -brief address show ${item}\`)`, `请填写地址、all 或 loopback-only——不能填接口名（${item} 是网络接口：请填它的地址，可用 \`ip -brief address show ${item}\` 查看）`);
	}

	return hostnameProblem(item) && problem(item, 'each interface is an IPv4 or IPv6 address, or a host name', '每个接口须为 IPv4 或 IPv6 地址，或主机名');
}

/** Whether Postfix, given this value, takes connections from beyond this machine (`all`, or an outside address). */
export function listensBeyondLoopback(value: string): boolean {
	return listItems(value).some(item => item.toLowerCase() === 'all' || (!isKeyword(item) && !isLoopbackAddress(item)));
}

export const inetInterfaces: Setting = {
	name,
	explanation: {
		en: 'The network addresses on which Postfix accepts mail (its SMTP port 25). A null client sends only, so it should listen on this machine\'s loopback addresses alone: `loopback-only` means 127.0.0.1 and ::1, so nothing from the network can hand it mail. Changing it needs a full stop and start of Postfix; a reload is not enough.',
		zh: 'Postfix 在哪些网络地址上接收邮件（SMTP 端口 25）。空客户端只发信，因此只应监听本机回环地址：`loopback-only` 表示仅 127.0.0.1 和 ::1，网络上的任何主机都无法向它投递邮件。修改后需要完全停止并重新启动 Postfix，重新加载不够。',
	},
	postfixDefault: 'all',
	recommended: () => 'loopback-only',
	serviceAction: 'restart',
	validate: value => validateWith(
		name,
		value,
		trimmed => {
			const items = listItems(trimmed);
			if (items.length === 0) {
				return problem(trimmed, 'give `loopback-only`, `all`, or a list of addresses', '请填写 `loopback-only`、`all` 或地址列表');
			}

			const keyword = items.find(item => isKeyword(item));
			if (keyword && items.length > 1) {
				return problem(keyword, `"${keyword}" stands alone; it cannot be combined with other addresses`, `“${keyword}”必须单独使用，不能与其他地址组合`);
			}

			return firstProblem(items, interfaceProblem);
		},
		trimmed => {
			const items = listItems(trimmed);
			if (items.some(item => item.toLowerCase() === 'all')) {
				return [warning(name, '`all` accepts mail from the whole network: with a mynetworks wider than loopback this is an open relay risk, and a null client never needs it.', '`all` 会接收来自整个网络的邮件：若 mynetworks 比回环更宽，就有开放中继的风险，而空客户端从不需要它。')];
			}

			const outside = items.filter(item => !isKeyword(item) && !isLoopbackAddress(item));
			return outside.length > 0
				? [warning(name, `${outside.join(', ')} is reachable from the network, so other machines can hand this Postfix mail: a null client should listen on loopback only.`, `${outside.join('、')} 可从网络访问，其他机器可以向本机 Postfix 投递邮件：空客户端应只监听回环地址。`)]
				: [];
		},
	),
};
