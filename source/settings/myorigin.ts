import {hostnameProblem, isFileName, isParameterReference, problem} from './syntax.js';
import type {Setting} from './types.js';
import {validateWith, warning} from './validate.js';

const name = 'myorigin';

export const myorigin: Setting = {
	name,
	explanation: {
		en: 'The domain added to mail sent by a local user or program without one: with example.com, the user `alerts` sends as alerts@example.com. Use a real domain that your relay accepts as a sender, usually your DNS domain. `$mydomain` means this host\'s domain; Debian often names a file, /etc/mailname, whose first line is used.',
		zh: '本机用户或程序发信时若地址没有域名，就加上这个域名：设为 example.com 时，用户 `alerts` 会以 alerts@example.com 发信。请使用中继服务器接受的真实发件域，通常是你的 DNS 域名。`$mydomain` 表示本机所在的域；Debian 常写成文件 /etc/mailname，取其第一行。',
	},
	postfixDefault: '$myhostname',
	recommended: context => (context.mydomain && !hostnameProblem(context.mydomain) && context.mydomain.includes('.') ? context.mydomain : '$mydomain'),
	serviceAction: 'reload',
	validate: value => validateWith(
		name,
		value,
		trimmed => {
			if (trimmed === '') {
				return problem(trimmed, 'myorigin cannot be empty: give a domain such as example.com', 'myorigin 不能为空：请填写域名，例如 example.com');
			}

			if (/\s/.test(trimmed)) {
				return problem(trimmed, 'myorigin is one domain, without spaces', 'myorigin 只能是一个域名，不能含空格');
			}

			if (isParameterReference(trimmed) || isFileName(trimmed)) {
				return undefined;
			}

			return hostnameProblem(trimmed);
		},
		trimmed => {
			if (trimmed.startsWith('$') || trimmed.startsWith('/')) {
				return [];
			}

			return trimmed.includes('.')
				? []
				: [warning(name, `"${trimmed}" has no dot: recipients will see senders like alerts@${trimmed}, which most relays reject.`, `“${trimmed}”中没有点：收件人会看到 alerts@${trimmed} 这样的发件人，大多数中继会拒收。`)];
		},
	),
};
