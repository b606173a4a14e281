import type {Localized} from '../i18n/lang.js';
import {masked, type Secret} from './secret.js';

/** The source file's name beside main.cf. */
export const saslPasswdName = 'sasl_passwd';

export function isControlFree(text: string): boolean {
	// eslint-disable-next-line no-control-regex
	return !/[\u0000-\u001F\u007F]/.test(text);
}

/**
 * Why a username cannot go into sasl_passwd: Postfix splits `user:password` at the first
 * colon, and a line break would start another entry.
 */
export function usernameProblem(username: string): Localized | undefined {
	if (username === '') {
		return {en: 'the username is empty', zh: '用户名为空'};
	}

	if (!isControlFree(username) || /\s/.test(username)) {
		return {en: 'the username has a space, tab or control character', zh: '用户名中含有空格、制表符或控制字符'};
	}

	if (username.includes(':')) {
		return {en: 'the username has a ":", which sasl_passwd uses to separate it from the password', zh: '用户名中含有“:”，sasl_passwd 用它分隔用户名和密码'};
	}

	return undefined;
}

/** Why a password cannot go into sasl_passwd. Never quotes the password. */
export function passwordProblem(password: Secret): Localized | undefined {
	const value = password.reveal();
	if (value === '') {
		return {en: 'the password is empty', zh: '密码为空'};
	}

	if (!isControlFree(value)) {
		return {en: 'the password has a line break or another control character (an API key copied with a newline?)', zh: '密码中含有换行或其他控制字符（复制 API 密钥时带上了换行？）'};
	}

	if (value.trim() !== value) {
		return {en: 'the password starts or ends with a space, which postmap would drop', zh: '密码以空格开头或结尾，postmap 会将其丢弃'};
	}

	return undefined;
}

/** The one line of sasl_passwd: the relayhost exactly as main.cf writes it, then `user:password`. */
export function saslPasswdLine(relayhost: string, username: string, password: Secret): string {
	return `${relayhost} ${username}:${password.reveal()}\n`;
}

/**
 * A sasl_passwd file as a diff may show it, whoever wrote it: every value's password part
 * (after the first colon) replaced by `mask` (asterisks by default; export puts a vault
 * variable there); comments and blank lines as they are.
 */
export function redactSaslPasswd(text: string, mask: (secret: string) => string = () => masked): string {
	return text
		.split('\n')
		.map(line => {
			if (line.startsWith('#') || line.trim() === '') {
				return line;
			}

			const entry = line.match(/^(\S+\s+)([^:]*)(:.*)?$/);
			if (!entry) {
				// A continuation line (leading space) belongs to the value: hidden whole. A lone word is a key without a value.
				return /^\s/.test(line) ? `  ${mask(line.trim())}` : line;
			}

			return entry[3] === undefined ? `${entry[1]}${mask(entry[2] ?? '')}` : `${entry[1]}${entry[2]}:${mask(entry[3].slice(1))}`;
		})
		.join('\n');
}
