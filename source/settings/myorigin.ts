import {domainWithReferencesProblem, isFileName, isHostname, problem} from './syntax.js';
import type {ProposalContext, Setting} from './types.js';
import {originDomainProblem, resolveOrigin, type OriginFacts} from './origin.js';
import type {SyntaxProblem} from './syntax.js';
import {validateWith} from './validate.js';

const name = 'myorigin';

/** A real domain only: `localdomain` and friends would give senders no relay accepts. */
function recommended(context: ProposalContext): string {
	const domain = context.mydomain?.trim();
	return domain && isHostname(domain) && domain.includes('.') ? domain : '$mydomain';
}

/**
 * Judged on what the value resolves to: a literal domain as written, `$mydomain` or
 * /etc/mailname only when the facts say what they hold (otherwise nothing to judge yet).
 */
function resolvedProblem(value: string, facts: OriginFacts | undefined): SyntaxProblem | undefined {
	const literal = !value.includes('$') && !value.startsWith('/');
	if (!literal && facts === undefined) {
		return undefined;
	}

	const resolved = resolveOrigin(value, facts ?? {});
	if (!resolved.ok) {
		return resolved.reason === 'unreadable-file' && facts?.files?.has(resolved.what)
			? problem(value, `${resolved.what} does not exist or cannot be read: Postfix would stop; write the domain itself, e.g. example.com`, `${resolved.what} 不存在或无法读取：Postfix 会停止运行；请直接写域名，例如 example.com`)
			: undefined;
	}

	return originDomainProblem(resolved.domain, value);
}

export const myorigin: Setting = {
	name,
	explanation: {
		en: 'The domain added to mail sent by a local user or program without one: with example.com, the user `alerts` sends as alerts@example.com. Use a real domain that your relay accepts as a sender, usually your DNS domain. `$mydomain` means this host\'s domain; Debian often names a file, /etc/mailname, whose first line is used.',
		zh: '本机用户或程序发信时若地址没有域名，就加上这个域名：设为 example.com 时，用户 `alerts` 会以 alerts@example.com 发信。请使用中继服务器接受的真实发件域，通常是你的 DNS 域名。`$mydomain` 表示本机所在的域；Debian 常写成文件 /etc/mailname，取其第一行。',
	},
	postfixDefault: '$myhostname',
	recommended,
	serviceAction: 'reload',
	validate: (value, facts) => validateWith(
		name,
		value,
		trimmed => {
			if (trimmed === '') {
				return problem(trimmed, 'myorigin cannot be empty: give a domain such as example.com', 'myorigin 不能为空：请填写域名，例如 example.com');
			}

			if (trimmed.includes('@')) {
				return originDomainProblem(trimmed);
			}

			if (/[\s,]/.test(trimmed)) {
				return problem(trimmed, 'myorigin is one domain, without spaces or commas', 'myorigin 只能是一个域名，不能含空格或逗号');
			}

			// Debian's /etc/mailname; Postfix reads the domain from the file's first line.
			if (trimmed.startsWith('/') || /^\$[^/]*\//.test(trimmed)) {
				return isFileName(trimmed) ? resolvedProblem(trimmed, facts) : problem(trimmed, 'a file name is an absolute path of letters, digits, ".", "_", "-" and "/"', '文件名须为绝对路径，只含字母、数字、“.”、“_”、“-”和“/”');
			}

			// A DNS-style final dot would end up in every sender address (alerts@example.com.).
			if (trimmed.endsWith('.')) {
				return problem(trimmed, 'myorigin is written without a final dot, e.g. example.com', 'myorigin 末尾不能带点，例如 example.com');
			}

			// $mydomain, $myhostname, or a domain built from them such as mail.$mydomain.
			return domainWithReferencesProblem(trimmed) ?? resolvedProblem(trimmed, facts);
		},
	),
};
