import {
	type SyntaxProblem,
	hostnameProblem,
	ipv4NetworkProblem,
	ipv6NetworkProblem,
	isBareIPv6Network,
	isFileName,
	isLookupTable,
	isLoopbackNetwork,
	isParameterReference,
	listItems,
	problem,
} from './syntax.js';
import {listensBeyondLoopback} from './inet-interfaces.js';
import type {EarlierAnswers, Localized, Setting, SettingWarning} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'mynetworks';

/** `!pattern` excludes clients (Postfix 2.4+); what follows the `!` is an ordinary item. */
function negated(item: string): string | undefined {
	return item.startsWith('!') ? item.slice(1) : undefined;
}

function itemProblem(item: string): SyntaxProblem | undefined {
	const inner = negated(item);
	if (inner !== undefined) {
		return inner === '' || inner.startsWith('!')
			? problem(item, '"!" is followed by the network to exclude, e.g. !192.0.2.1', '“!”后面应是要排除的网络，例如 !192.0.2.1')
			: itemProblem(inner);
	}

	if (item.startsWith('[')) {
		return ipv6NetworkProblem(item);
	}

	// Checked before type:table, which a bare IPv6 address would otherwise look like.
	if (isBareIPv6Network(item)) {
		const [address = '', prefix] = item.split('/');
		const bracketed = `[${address}]${prefix === undefined ? '' : `/${prefix}`}`;
		return problem(item, `an IPv6 network must be written in brackets: ${bracketed}`, `IPv6 网络必须写在方括号中：${bracketed}`);
	}

	if (/^\d+(?:\.\d+)*(?:\/|$)/.test(item)) {
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

/** Items Postfix fills in from elsewhere: this check cannot see what they trust. */
function isIndirect(item: string): boolean {
	return isFileName(item) || isLookupTable(item) || isParameterReference(item);
}

function isEverything(item: string): boolean {
	return /^(?:[\d.]+|\[[^\]]*\])\/0$/.test(item);
}

/**
 * What the inet_interfaces answered on the step before means for clients trusted beyond
 * loopback, quoting it: they can connect now (an open relay), or not yet. Undefined when
 * it was not answered (a headless run that leaves it as it is).
 */
function listening(earlier: EarlierAnswers | undefined): Localized | undefined {
	const interfaces = earlier?.['inet_interfaces']?.trim();
	if (interfaces === undefined || interfaces === '') {
		return undefined;
	}

	return listensBeyondLoopback(interfaces)
		? {
			en: ` You set inet_interfaces = ${interfaces}, so the network can connect: this is an open relay as soon as it is applied.`,
			zh: `你把 inet_interfaces 设为 ${interfaces}，网络上的机器可以连进来：一经应用，这就是开放中继。`,
		}
		: {
			en: ` You set inet_interfaces = ${interfaces}, so nothing outside can connect for now; listening wider later would open the relay.`,
			zh: `你把 inet_interfaces 设为 ${interfaces}，目前外部无法连入；以后若扩大监听范围，就成了开放中继。`,
		};
}

function risks(trimmed: string, earlier?: EarlierAnswers): SettingWarning[] {
	const items = listItems(trimmed);
	if (items.length === 0) {
		return [warning(name, 'Empty: no client is trusted, not even this machine over SMTP. The sendmail command still works, but programs that connect to localhost port 25 are refused with "Relay access denied". The null-client value is 127.0.0.0/8 [::1]/128.', '留空：不信任任何客户端，连本机通过 SMTP 发信也不行。sendmail 命令仍可用，但连接 localhost 25 端口的程序会被拒绝（“Relay access denied”）。空客户端的值是 127.0.0.0/8 [::1]/128。')];
	}

	// Exclusions never widen the list; localhost only ever matches this machine.
	const trusted = items.filter(item => negated(item) === undefined && item.toLowerCase() !== 'localhost');
	const found: SettingWarning[] = [];
	const answered = listening(earlier);
	const everything = trusted.filter(item => isEverything(item));
	if (everything.length > 0) {
		found.push(warning(name, `${everything.join(', ')} is every address on the Internet: anyone who can reach this server may relay mail through it. This is an open relay, and it gets the server blacklisted within hours.${answered?.en ?? ''}`, `${everything.join('、')} 包含互联网上的所有地址：任何能连到本服务器的人都可以通过它转发邮件。这就是开放中继，几小时内就会被列入黑名单。${answered?.zh ?? ''}`));
	}

	const wide = trusted.filter(item => !isEverything(item) && !isIndirect(item) && !isLoopbackNetwork(item));
	if (wide.length > 0) {
		found.push(answered
			? warning(name, `${wide.join(', ')} is wider than loopback: those clients may relay mail through this server.${answered.en} A null client trusts only 127.0.0.0/8 [::1]/128.`, `${wide.join('、')} 超出了回环范围：这些客户端可以通过本服务器转发邮件。${answered.zh}空客户端只信任 127.0.0.0/8 [::1]/128。`)
			: warning(name, `${wide.join(', ')} is wider than loopback: those clients may relay mail through this server. Combined with inet_interfaces = all this is an open relay risk; a null client trusts only 127.0.0.0/8 [::1]/128.`, `${wide.join('、')} 超出了回环范围：这些客户端可以通过本服务器转发邮件。若同时 inet_interfaces = all，就有开放中继的风险；空客户端只信任 127.0.0.0/8 [::1]/128。`));
	}

	const indirect = trusted.filter(item => isIndirect(item));
	if (indirect.length > 0) {
		found.push(warning(name, `${indirect.join(', ')} is a file, table or parameter whose contents the wizard cannot check: make sure it lists only loopback networks, or this server may become an open relay.`, `${indirect.join('、')} 是文件、查找表或参数，向导无法检查其内容：请确保其中只有回环网络，否则本服务器可能成为开放中继。`));
	}

	return found;
}

export const mynetworks: Setting = {
	name,
	explanation: {
		en: 'The clients Postfix trusts to relay mail through it to anywhere. On a null client only programs on this machine send mail, so only the loopback networks belong here: 127.0.0.0/8 and [::1]/128. Anything wider lets other machines use this server to send mail, which spammers look for.',
		zh: 'Postfix 信任哪些客户端可以通过它把邮件转发到任何地方。空客户端上只有本机程序发信，因此这里只应包含回环网络：127.0.0.0/8 和 [::1]/128。范围更宽就会让其他机器借此服务器发信，这正是垃圾邮件发送者寻找的漏洞。',
	},
	/*
	 * Postfix computes this default from the network interfaces: `postconf -d` printed
	 * `127.0.0.1/32 192.0.2.2/32 [::1]/128 [fd00::2]/128 …` (mynetworks_style = host, the
	 * style for compatibility_level >= 2, as every shipped main.cf sets) and whole subnets
	 * such as `192.0.2.0/24` under level 0. A constant can only give the part common to
	 * every machine; show the live `postconf -d` value to people when there is one.
	 */
	postfixDefault: '127.0.0.1/32 [::1]/128',
	// Without IPv6 on the host, [::1]/128 matches nothing (and inet_protocols becomes ipv4).
	recommended: context => (context.ipv6 === false ? '127.0.0.0/8' : '127.0.0.0/8 [::1]/128'),
	serviceAction: 'reload',
	validate: (value, _facts, earlier) => validateWith(name, value, trimmed => firstProblem(listItems(trimmed), itemProblem), trimmed => risks(trimmed, earlier)),
};
