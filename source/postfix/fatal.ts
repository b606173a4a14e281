import type {Localized} from '../i18n/lang.js';

/** A Postfix program's fatal error that a setting in main.cf causes: what it means and what to do. */
export interface KnownFatal {
	readonly cause: Localized;
	readonly fix: Localized;
}

/**
 * Postfix's programs read main.cf before anything else, and some settings name a file that
 * must exist: Debian's `myorigin = /etc/mailname` is the usual one. Without that file every
 * program (postmap, postconf -m, postfix check) stops with `FILE: cannot open file`.
 */
export function knownFatal(stderr: string): KnownFatal | undefined {
	const missing = /fatal: (\/[^\s:]+): cannot open file: No such file or directory/.exec(stderr)?.[1];
	if (missing) {
		return {
			cause: {
				en: `main.cf names the file ${missing} (as Debian's myorigin = /etc/mailname does), which does not exist, so Postfix's programs stop reading main.cf`,
				zh: `main.cf 引用了文件 ${missing}（如 Debian 的 myorigin = /etc/mailname），但该文件不存在，因此 Postfix 的程序在读取 main.cf 时停止`,
			},
			fix: {
				en: `Create ${missing} with this machine's mail domain on its first line (e.g. echo example.com > ${missing}), or set myorigin to the domain itself (postfix-wizard apply --set myorigin=example.com), then run again.`,
				zh: `请创建 ${missing}，第一行写本机的邮件域名（例如 echo example.com > ${missing}），或把 myorigin 直接设为域名（postfix-wizard apply --set myorigin=example.com），然后重新运行。`,
			},
		};
	}

	return undefined;
}
