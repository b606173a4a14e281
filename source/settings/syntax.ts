import {isIPv4} from 'node:net';
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

/** Shown as the part for an invisible character, so the message names it: `\x0a`. */
function escapeCharacter(character: string): string {
	return `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`;
}

/**
 * Control characters other than TAB. A newline would start a new main.cf line, so it is
 * the one that matters most; TAB is spared because Postfix reads it as plain whitespace.
 */
export function controlCharacterProblem(value: string): SyntaxProblem | undefined {
	// eslint-disable-next-line no-control-regex
	const control = value.match(/[\u0000-\u0008\u000A-\u001F\u007F]/);
	return control
		? problem(escapeCharacter(control[0]), 'control characters and newlines are not allowed', '不允许控制字符和换行符')
		: undefined;
}

/**
 * Refused in every catalogue value: control characters, and characters no null-client
 * parameter's syntax uses, which in a value are far more likely an injection attempt or a
 * paste accident than intent. `$` and braces stay: `${name}` and `inline:{…}` need them.
 */
export function unsafeCharacters(value: string): SyntaxProblem | undefined {
	const control = controlCharacterProblem(value);
	if (control) {
		return control;
	}

	const shell = value.match(/[;|&`<>"'\\()]/);
	if (shell) {
		return problem(shell[0], `"${shell[0]}" has no place in this setting (shell metacharacters are refused)`, `此设置中不能出现“${shell[0]}”（拒绝 shell 元字符）`);
	}

	return undefined;
}

/**
 * Postfix splits lists at commas and whitespace alike, but keeps a `{…}` group whole
 * (as in `inline:{a=b, c=d}`), so this does too. An unbalanced brace ends the item at
 * the end of the value, where the item's own check refuses it.
 */
export function listItems(value: string): string[] {
	const items: string[] = [];
	let current = '';
	let depth = 0;
	for (const character of value) {
		if (character === '{') {
			depth++;
		} else if (character === '}' && depth > 0) {
			depth--;
		} else if (depth === 0 && /[\s,]/.test(character)) {
			if (current !== '') {
				items.push(current);
			}

			current = '';
			continue;
		}

		current += character;
	}

	if (current !== '') {
		items.push(current);
	}

	return items;
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

export function isHostname(name: string): boolean {
	return hostnameProblem(name) === undefined;
}

/** Dotted-quad IPv4 with octets 0–255 and no leading zeros (some resolvers read 010 as octal 8). */
export function isStrictIPv4(value: string): boolean {
	return isIPv4(value) && value.split('.').every(octet => octet === '0' || !octet.startsWith('0'));
}

const hexGroup = /^[\da-f]{1,4}$/i;

/**
 * An IPv6 address as node:net's isIPv6 takes it (eight groups of 1–4 hex digits, one `::`
 * for a run of zero groups, a dotted quad for the last two), but without a zone
 * (`fe80::1%eth0`), which no Postfix address syntax has. Not isIPv6 itself: its first call
 * compiles one very large regular expression, ~10 ms of every `apply` that names an address.
 */
export function isIPv6Address(value: string): boolean {
	const halves = value.split('::');
	if (halves.length > 2) {
		return false;
	}

	const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groupsOf(halves[0]!);
	const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
	const groups = [...head, ...tail];
	// A dotted quad only ends the address: not before a trailing `::`.
	const endsInQuad = (halves.length === 1 || tail.length > 0) && groups.at(-1)?.includes('.') === true;
	if (endsInQuad && !isIPv4(groups.pop()!)) {
		return false;
	}

	const count = groups.length + (endsInQuad ? 2 : 0);
	return groups.every(group => hexGroup.test(group)) && (halves.length === 2 ? count <= 7 : count === 8);
}

function prefixProblem(text: string, max: number, whole: string): SyntaxProblem | undefined {
	if (!/^\d{1,3}$/.test(text) || Number(text) > max) {
		return problem(whole, `the prefix length after "/" must be a number from 0 to ${max}`, `“/”后的前缀长度必须是 0 到 ${max} 之间的数字`);
	}

	return undefined;
}

function ipv4ToNumber(address: string): bigint {
	return address.split('.').reduce((sum, octet) => (sum << 8n) + BigInt(octet), 0n);
}

function numberToIPv4(value: bigint): string {
	return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 0xFFn)).join('.');
}

/** Expands `::` and a trailing dotted quad, so prefixes can be compared bit by bit. */
function ipv6ToNumber(address: string): bigint {
	let text = address;
	const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
	if (dotted) {
		const embedded = ipv4ToNumber(dotted[1]!);
		text = `${text.slice(0, dotted.index)}${(embedded >> 16n).toString(16)}:${(embedded & 0xFFFFn).toString(16)}`;
	}

	const [head = '', tail] = text.split('::');
	const headGroups = head === '' ? [] : head.split(':');
	const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
	const groups = tail === undefined
		? headGroups
		: [...headGroups, ...Array.from({length: 8 - headGroups.length - tailGroups.length}, () => '0'), ...tailGroups];
	return groups.reduce((sum, group) => (sum << 16n) + BigInt(`0x${group}`), 0n);
}

function numberToIPv6(value: bigint): string {
	const groups = Array.from({length: 8}, (_, index) => ((value >> BigInt((7 - index) * 16)) & 0xFFFFn).toString(16));
	// The longest run of zero groups becomes "::", as people write it.
	let best = {start: -1, length: 0};
	for (let start = 0; start < 8; start++) {
		let length = 0;
		while (start + length < 8 && groups[start + length] === '0') {
			length++;
		}

		if (length > best.length && length > 1) {
			best = {start, length};
		}
	}

	if (best.start < 0) {
		return groups.join(':');
	}

	return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

function hostBits(value: bigint, prefix: number, width: number): bigint {
	const hostWidth = BigInt(width - prefix);
	return value & ((1n << hostWidth) - 1n);
}

function networkOf(value: bigint, prefix: number, width: number): bigint {
	return value - hostBits(value, prefix, width);
}

/** The /prefix of a network: in range, and with no address bits after it (Postfix skips such a network). */
function prefixedNetworkProblem(item: string, value: bigint, prefix: string | undefined, width: 32 | 128, format: (network: bigint) => string): SyntaxProblem | undefined {
	if (prefix === undefined) {
		return undefined;
	}

	const wrongPrefix = prefixProblem(prefix, width, item);
	if (wrongPrefix) {
		return wrongPrefix;
	}

	if (hostBits(value, Number(prefix), width) !== 0n) {
		const network = `${format(networkOf(value, Number(prefix), width))}/${prefix}`;
		return problem(item, `the address has bits set after the /${prefix} prefix, and Postfix skips such a network; write ${network}`, `地址在 /${prefix} 前缀之后还有非零位，Postfix 会跳过这样的网络；请写成 ${network}`);
	}

	return undefined;
}

/**
 * `1.2.3.0/24` or a bare IPv4 address. Host bits after the prefix are refused because
 * Postfix skips such a pattern ("non-null host address bits"), silently trusting less
 * or failing the lookup.
 */
export function ipv4NetworkProblem(item: string): SyntaxProblem | undefined {
	const [address = '', prefix, extra] = item.split('/');
	if (extra !== undefined || !isStrictIPv4(address)) {
		return problem(item, 'an IPv4 network is four numbers 0–255 with an optional /prefix, e.g. 127.0.0.0/8', 'IPv4 网络是四个 0–255 的数字，可带 /前缀，例如 127.0.0.0/8');
	}

	return prefixedNetworkProblem(item, ipv4ToNumber(address), prefix, 32, numberToIPv4);
}

/** `[2001:db8::]/32` or `[::1]`: Postfix wants IPv6 in brackets in mynetworks. */
export function ipv6NetworkProblem(item: string): SyntaxProblem | undefined {
	const match = item.match(/^\[([^\]]*)\](?:\/(.*))?$/);
	const address = match?.[1] ?? '';
	if (!match || !isIPv6Address(address)) {
		return problem(item, 'an IPv6 network is written in brackets with an optional /prefix, e.g. [::1]/128', 'IPv6 网络需写在方括号中，可带 /前缀，例如 [::1]/128');
	}

	return prefixedNetworkProblem(item, ipv6ToNumber(address), match[2], 128, network => `[${numberToIPv6(network)}]`);
}

/** `2001:db8::/32` without brackets: Postfix would read it as a `type:table`. */
export function isBareIPv6Network(item: string): boolean {
	return isIPv6Address(item.split('/')[0] ?? '');
}

const reference = String.raw`\$(?:[a-z\d_]+|\{[a-z\d_]+\})`;

/** `$name` or `${name}` — a reference to another parameter. */
export function isParameterReference(item: string): boolean {
	return new RegExp(`^${reference}$`).test(item);
}

/** An absolute file name, as in `/etc/postfix/network_table`, `/etc/mailname` or `$config_directory/mynetworks`. */
export function isFileName(item: string): boolean {
	return new RegExp(String.raw`^(?:${reference})?\/[\w.+/@-]*$`).test(item) && !item.includes('//') && !item.split('/').includes('..');
}

function bracesBalance(text: string): boolean {
	let depth = 0;
	for (const character of text) {
		depth += character === '{' ? 1 : character === '}' ? -1 : 0;
		if (depth < 0) {
			return false;
		}
	}

	return depth === 0;
}

/**
 * `type:table`: `hash:/etc/postfix/relay_clients`, `proxy:lmdb:${config_directory}/x`,
 * `inline:{127.0.0.1=ok}`, `static:all`. The table part is a name or path (parameter
 * references allowed) or one `{…}` group.
 */
export function isLookupTable(item: string): boolean {
	// Full IPv6 addresses (1:2:3:4:5:6:7:8) would otherwise pass as nested types.
	if (isBareIPv6Network(item)) {
		return false;
	}

	const match = item.match(/^(?:[a-z\d_]+:)+(.+)$/);
	const table = match?.[1];
	if (table === undefined || table.startsWith(':')) {
		return false;
	}

	if (table.startsWith('{')) {
		return table.endsWith('}') && table.length > 2 && bracesBalance(table);
	}

	return /^[\w.+/@:=${}-]+$/.test(table) && bracesBalance(table) && !table.split('/').includes('..');
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
	const ipv4 = item.match(/^(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?$/);
	if (ipv4) {
		return ipv4[1]!.startsWith('127.') && Number(ipv4[2] ?? 32) >= 8;
	}

	const ipv6 = item.match(/^\[([^\]]+)\](?:\/(\d+))?$/);
	if (ipv6) {
		const address = ipv6[1]!.toLowerCase();
		const prefix = Number(ipv6[2] ?? 128);
		if (!isIPv6Address(address)) {
			return false;
		}

		const value = ipv6ToNumber(address);
		if (value === 1n) {
			return prefix === 128;
		}

		// ::ffff:127.0.0.0/104 is the IPv4 loopback net seen through IPv6.
		return value >> 24n === 0xFFFF7Fn && prefix >= 104;
	}

	return false;
}

/** True for a single loopback address (no prefix): 127.x.y.z, ::1, or the name localhost. */
export function isLoopbackAddress(item: string): boolean {
	const bare = item.replace(/^\[(?:ipv6:)?|\]$/gi, '');
	if (bare.toLowerCase() === 'localhost') {
		return true;
	}

	if (isStrictIPv4(bare)) {
		return bare.startsWith('127.');
	}

	return isIPv6Address(bare) && ipv6ToNumber(bare) === 1n;
}

/** Rewrites each item of a list value in place, keeping the separators as written. */
export function mapListItems(value: string, rewrite: (item: string) => string): string {
	let result = '';
	let rest = value;
	for (const item of listItems(value)) {
		const at = rest.indexOf(item);
		result += rest.slice(0, at) + rewrite(item);
		rest = rest.slice(at + item.length);
	}

	return result + rest;
}
