import {isIPv4, isIPv6} from 'node:net';
import type {Localized, ValidationError} from './types.js';

/** A failed syntax rule: the offending part and the rule it breaks (the parameter is added by the caller). */
export interface SyntaxProblem {
	readonly part: string;
	readonly rule: Localized;
}

export function problem(part: string, en: string, zh: string): SyntaxProblem {
	return {part, rule: {en, zh}};
}

export function toError(parameter: string, found: SyntaxProblem): ValidationError {
	return {parameter, part: found.part, rule: found.rule};
}

/**
 * Refused in every value: control characters (a newline would start a new main.cf
 * line) and characters no null-client parameter's syntax uses, which in a value are
 * far more likely an injection or a paste accident than intent.
 */
export function unsafeCharacters(value: string): SyntaxProblem | undefined {
	// eslint-disable-next-line no-control-regex
	const control = /[\u0000-\u0008\u000A-\u001F\u007F]/.exec(value);
	if (control) {
		const code = control[0].codePointAt(0)!.toString(16).padStart(2, '0');
		return problem(`\\x${code}`, 'control characters and newlines are not allowed', '不允许控制字符和换行符');
	}

	const shell = /[;|&`<>"'\\()]/.exec(value);
	if (shell) {
		return problem(shell[0], `"${shell[0]}" has no place in this setting (shell metacharacters are refused)`, `此设置中不能出现“${shell[0]}”（拒绝 shell 元字符）`);
	}

	return undefined;
}

/** Postfix splits lists at commas and whitespace alike. */
export function listItems(value: string): string[] {
	return value.split(/[\s,]+/).filter(Boolean);
}

const labelPattern = /^[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/i;

/** RFC 1123 host or domain name: labels of 1–63 letters, digits, hyphens; 253 characters at most. */
export function hostnameProblem(name: string): SyntaxProblem | undefined {
	const bare = name.endsWith('.') ? name.slice(0, -1) : name;
	if (bare.length === 0) {
		return problem(name, 'a host or domain name cannot be empty', '主机名或域名不能为空');
	}

	if (bare.length > 253) {
		return problem(name, 'a host or domain name has at most 253 characters', '主机名或域名最多 253 个字符');
	}

	const labels = bare.split('.');
	if (/^\d+$/.test(labels.at(-1) ?? '')) {
		// 127.0.0.256 is a broken address, not a host name; no top-level domain is all digits.
		return problem(name, 'not a valid IPv4 address (four numbers from 0 to 255) nor a host name', '既不是有效的 IPv4 地址（四个 0 到 255 的数字），也不是主机名');
	}

	for (const label of labels) {
		if (label.length === 0) {
			return problem(name, 'a name cannot have an empty label (two dots in a row, or a leading dot)', '名称中不能有空标签（连续两个点或以点开头）');
		}

		if (label.length > 63) {
			return problem(label, 'each label of a name has at most 63 characters', '名称的每个标签最多 63 个字符');
		}

		if (!labelPattern.test(label)) {
			return problem(label, 'labels use letters, digits and hyphens, and do not start or end with a hyphen', '标签只能包含字母、数字和连字符，且不能以连字符开头或结尾');
		}
	}

	return undefined;
}

/** Dotted-quad IPv4 with octets 0–255 and no leading zeros (Postfix reads 010 as octal elsewhere). */
export function isStrictIPv4(value: string): boolean {
	return isIPv4(value) && value.split('.').every(octet => octet === '0' || !octet.startsWith('0'));
}

function prefixProblem(text: string, max: number, whole: string): SyntaxProblem | undefined {
	if (!/^\d{1,3}$/.test(text) || Number(text) > max) {
		return problem(whole, `the prefix length after "/" must be a number from 0 to ${max}`, `“/”后的前缀长度必须是 0 到 ${max} 之间的数字`);
	}

	return undefined;
}

/** `1.2.3.0/24` or a bare IPv4 address. */
export function ipv4NetworkProblem(item: string): SyntaxProblem | undefined {
	const [address = '', prefix, extra] = item.split('/');
	if (extra !== undefined || !isStrictIPv4(address)) {
		return problem(item, 'an IPv4 network is four numbers 0–255 with an optional /prefix, e.g. 127.0.0.0/8', 'IPv4 网络是四个 0–255 的数字，可带 /前缀，例如 127.0.0.0/8');
	}

	return prefix === undefined ? undefined : prefixProblem(prefix, 32, item);
}

/** `[2001:db8::]/32` or `[::1]`: Postfix wants IPv6 in brackets in mynetworks. */
export function ipv6NetworkProblem(item: string): SyntaxProblem | undefined {
	const match = /^\[([^\]]*)\](?:\/(.*))?$/.exec(item);
	if (!match || !isIPv6(match[1] ?? '')) {
		return problem(item, 'an IPv6 network is written in brackets with an optional /prefix, e.g. [::1]/128', 'IPv6 网络需写在方括号中，可带 /前缀，例如 [::1]/128');
	}

	return match[2] === undefined ? undefined : prefixProblem(match[2], 128, item);
}

/** `$name` or `${name}` — a reference to another parameter. */
export function isParameterReference(item: string): boolean {
	return /^\$(?:[a-z\d_]+|\{[a-z\d_]+\})$/.test(item);
}

/** An absolute file name, as in `/etc/postfix/network_table`, `/etc/mailname` or `$config_directory/mynetworks`. */
export function isFileName(item: string): boolean {
	return /^(?:\$(?:[a-z\d_]+|\{[a-z\d_]+\}))?\/[\w.+/@-]*$/.test(item) && !item.includes('//') && !item.split('/').includes('..');
}

/** `type:table`, e.g. `hash:/etc/postfix/relay_clients`, `cidr:/etc/postfix/net.cidr`. */
export function isLookupTable(item: string): boolean {
	return /^(?:proxy:)?[a-z][a-z\d_]*:[\w.+/@:-]+$/.test(item) && !item.startsWith('[');
}

/** A domain, possibly with `$parameter` parts as in `localhost.$mydomain`. */
export function domainWithReferencesProblem(item: string): SyntaxProblem | undefined {
	if (!item.includes('$')) {
		return hostnameProblem(item);
	}

	const labels = item.split('.');
	for (const label of labels) {
		if (label.startsWith('$')) {
			if (!isParameterReference(label)) {
				return problem(label, 'a parameter reference is $name or ${name}, e.g. $mydomain', '参数引用的写法是 $name 或 ${name}，例如 $mydomain');
			}
		} else if (!labelPattern.test(label)) {
			return problem(label, 'labels use letters, digits and hyphens, and do not start or end with a hyphen', '标签只能包含字母、数字和连字符，且不能以连字符开头或结尾');
		}
	}

	return undefined;
}

/** True for loopback networks only: 127/8 and its subnets, ::1. */
export function isLoopbackNetwork(item: string): boolean {
	const ipv4 = /^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?$/.exec(item);
	if (ipv4) {
		return ipv4[1]!.startsWith('127.') && Number(ipv4[2] ?? 32) >= 8;
	}

	const ipv6 = /^\[([^\]]+)\](?:\/(\d+))?$/.exec(item);
	if (ipv6) {
		const address = ipv6[1]!.toLowerCase();
		const prefix = Number(ipv6[2] ?? 128);
		if (address === '::1' || address === '0:0:0:0:0:0:0:1') {
			return prefix === 128;
		}

		// ::ffff:127.0.0.0/104 is the IPv4 loopback net seen through IPv6.
		return /^::ffff:127\./.test(address) && prefix >= 104;
	}

	return false;
}
