import {masked} from '../relay/secret.js';
import {listItems, problem, type SyntaxProblem} from './syntax.js';

/** Next-hop parameters: a host, never a user or password. */
const nextHopParameters = new Set(['relayhost', 'fallback_relay', 'smtp_fallback_relay']);

const rule = {
	en: 'a login does not belong in main.cf, which every user can read: give it with --relay-user and --relay-password-file (or the wizard\'s login step), which writes it to sasl_passwd, readable by root only',
	zh: '登录信息不应写入所有用户都能读取的 main.cf：请用 --relay-user 和 --relay-password-file（或向导的登录步骤）提供，它会写入只有 root 可读的 sasl_passwd',
};

/** `user:secret@host` shown as `********@host`: where the problem is, without the secret. */
function redactUserInfo(item: string): string {
	return `${masked}${item.slice(item.lastIndexOf('@'))}`;
}

/**
 * Values that would put a relay password into world-readable main.cf: `user:pass@host` in a
 * relayhost (Postfix has no such syntax, so it is always a paste of a URL or a guess), and
 * `static:` / `inline:` password maps (Mailgun's own guide shows `static:user:pass`). Checked
 * before any other rule so no message ever repeats the value: the part shown is redacted.
 */
export function credentialProblem(parameter: string, value: string): SyntaxProblem | undefined {
	const items = listItems(value.trim());
	if (nextHopParameters.has(parameter)) {
		const withLogin = items.find(item => item.includes('@'));
		if (withLogin !== undefined) {
			return problem(redactUserInfo(withLogin), rule.en, rule.zh);
		}
	}

	if (/(?:^|_)sasl_password_maps$/.test(parameter)) {
		const inline = items.find(item => /^(?:static|inline):/i.test(item));
		if (inline !== undefined) {
			return problem(`${inline.slice(0, inline.indexOf(':') + 1)}${masked}`, rule.en, rule.zh);
		}
	}

	return undefined;
}
