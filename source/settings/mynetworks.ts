import {hostnameProblem, ipv4NetworkProblem, ipv6NetworkProblem, isFileName, isLookupTable, isLoopbackNetwork, isParameterReference, listItems, problem} from './syntax.js';
import type {Setting} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'mynetworks';

function itemProblem(item: string) {
	if (item.startsWith('[')) {
		return ipv6NetworkProblem(item);
	}

	if (/^\d/.test(item)) {
		return ipv4NetworkProblem(item);
	}

	if (isFileName(item) || isLookupTable(item) || isParameterReference(item)) {
		return undefined;
	}

	if (item.startsWith('/')) {
		return problem(item, 'a file name is an absolute path of letters, digits, ".", "_", "-" and "/"', '文件名须为绝对路径，只含字母、数字、“.”、“_”、“-”和“/”');
	}

	return hostnameProblem(item)
		&& problem(item, 'each item is an IPv4 network (127.0.0.0/8), an IPv6 network in brackets ([::1]/128), a /file, a type:table, or a host name', '每一项须为 IPv4 网络（127.0.0.0/8）、方括号中的 IPv6 网络（[::1]/128）、/文件、type:table 或主机名');
}

export const mynetworks: Setting = {
	name,
	explanation: {
		en: 'The clients Postfix trusts to relay mail through it to anywhere. On a null client only programs on this machine send mail, so only the loopback networks belong here: 127.0.0.0/8 and [::1]/128. Anything wider lets other machines use this server to send mail, which spammers look for.',
		zh: 'Postfix 信任哪些客户端可以通过它把邮件转发到任何地方。空客户端上只有本机程序发信，因此这里只应包含回环网络：127.0.0.0/8 和 [::1]/128。范围更宽就会让其他机器借此服务器发信，这正是垃圾邮件发送者寻找的漏洞。',
	},
	postfixDefault: '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128',
	recommended: () => '127.0.0.0/8 [::1]/128',
	serviceAction: 'reload',
	validate: value => validateWith(
		name,
		value,
		trimmed => {
			const items = listItems(trimmed);
			if (items.length === 0) {
				return problem(trimmed, 'list at least the loopback networks, e.g. 127.0.0.0/8 [::1]/128', '至少列出回环网络，例如 127.0.0.0/8 [::1]/128');
			}

			return firstProblem(items, itemProblem);
		},
		trimmed => {
			const wide = listItems(trimmed).filter(item => !isLoopbackNetwork(item));
			return wide.length > 0
				? [warning(name, `${wide.join(', ')} is wider than loopback: those clients may relay mail through this server. Combined with inet_interfaces = all this is an open relay risk.`, `${wide.join('、')} 超出了回环范围：这些客户端可以通过本服务器转发邮件。若同时 inet_interfaces = all，就有开放中继的风险。`)]
				: [];
		},
	),
};
