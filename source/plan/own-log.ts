import {ownLogFile, type LogFacts} from '../postfix/log-places.js';
import type {Localized, SettingWarning} from '../settings/types.js';
import type {HostAdjustment} from './ipv6.js';

/** `3.7.11` >= 3.4: maillog_file and postlogd came with Postfix 3.4. */
export function hasOwnLogging(version: string): boolean {
	const [major = 0, minor = 0] = version.split('.').map(part => Number.parseInt(part, 10) || 0);
	return major > 3 || (major === 3 && minor >= 4);
}

/** Where Postfix's lines go today: its own file, syslog/journal, or nowhere. */
export function logsNowhere(facts: LogFacts): boolean {
	return !(facts.maillogFile !== '' && facts.postlog) && !facts.systemLog;
}

/**
 * Pure: on a host where Postfix logs nowhere (Debian 12 ships no rsyslog; containers run no
 * journald), nothing can say whether a message reached the relay. Postfix's own log needs no
 * daemon: offer `maillog_file = /var/log/postfix.log` as part of the change, when this
 * Postfix can write it; otherwise say what is missing.
 */
export function ownLogAdjustment(facts: LogFacts, desired: ReadonlyMap<string, string>): HostAdjustment {
	if (desired.has('maillog_file') || !logsNowhere(facts)) {
		return {settings: new Map(), warnings: []};
	}

	const nowhere = {en: 'Postfix logs nowhere on this host (no syslog file such as /var/log/mail.log, no journal)', zh: '本机上 Postfix 的日志无处可写（没有 /var/log/mail.log 之类的 syslog 文件，也没有 journal）'};
	const {offered, fix} = ownLogFix(facts);
	const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
	const warning: SettingWarning = {parameter: 'maillog_file', message: {en: `${nowhere.en}: ${lower(fix.en)}`, zh: `${nowhere.zh}：${fix.zh}`}};
	return {settings: offered ? new Map([['maillog_file', ownLogFile]]) : new Map(), warnings: [warning]};
}

/** What is done about a host that logs nowhere: Postfix's own log when this Postfix can write it, else what is missing. */
export function ownLogFix(facts: LogFacts): {offered: boolean; fix: Localized} {
	if (!hasOwnLogging(facts.version)) {
		return {offered: false, fix: {en: `Postfix ${facts.version} cannot log by itself (maillog_file needs 3.4): install rsyslog so delivery can be seen.`, zh: `Postfix ${facts.version} 不能自己记录日志（maillog_file 需要 3.4）：请安装 rsyslog 以便看到投递结果。`}};
	}

	if (!facts.postlog) {
		return {offered: false, fix: {en: `Add the postlog service to master.cf (postlog unix-dgram n - n - 1 postlogd) and set maillog_file = ${ownLogFile}, or install rsyslog.`, zh: `请在 master.cf 中加入 postlog 服务（postlog unix-dgram n - n - 1 postlogd）并设置 maillog_file = ${ownLogFile}，或安装 rsyslog。`}};
	}

	return {offered: true, fix: {en: `The change also sets maillog_file = ${ownLogFile}, Postfix's own log (its postlog service), so delivery can be followed and proved.`, zh: `本次更改同时设置 maillog_file = ${ownLogFile}，即 Postfix 自己的日志（postlog 服务），以便跟踪并证实投递。`}};
}
