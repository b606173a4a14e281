import {hostnameProblem, isStrictIPv4, listItems, problem} from './syntax.js';
import type {Setting} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';
import {isIPv6} from 'node:net';

const name = 'inet_interfaces';
const keywords = new Set(['all', 'loopback-only', 'localhost']);

function isLoopbackAddress(item: string): boolean {
	const bare = item.replace(/^\[|\]$/g, '');
	return bare === 'localhost' || bare.startsWith('127.') || bare === '::1';
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

			const keyword = items.find(item => keywords.has(item));
			if (keyword && items.length > 1) {
				return problem(keyword, `"${keyword}" stands alone; it cannot be combined with other addresses`, `“${keyword}”必须单独使用，不能与其他地址组合`);
			}

			return firstProblem(items, item => {
				if (keywords.has(item) || isStrictIPv4(item) || isIPv6(item.replace(/^\[|\]$/g, ''))) {
					return undefined;
				}

				return hostnameProblem(item) && problem(item, 'each interface is an IPv4 or IPv6 address, or a host name', '每个接口须为 IPv4 或 IPv6 地址，或主机名');
			});
		},
		trimmed => {
			const items = listItems(trimmed);
			if (items.includes('all')) {
				return [warning(name, '`all` accepts mail from the whole network: with a mynetworks wider than loopback this is an open relay risk, and a null client never needs it.', '`all` 会接收来自整个网络的邮件：若 mynetworks 比回环更宽，就有开放中继的风险，而空客户端从不需要它。')];
			}

			const outside = items.filter(item => !keywords.has(item) && !isLoopbackAddress(item));
			return outside.length > 0
				? [warning(name, `${outside.join(', ')} is reachable from the network: a null client should listen on loopback only.`, `${outside.join('、')} 可从网络访问：空客户端应只监听回环地址。`)]
				: [];
		},
	),
};
