import {constants, existsSync} from 'node:fs';
import {type Localized, untranslated} from '../i18n/lang.js';
import {canAccess} from '../postfix/locate.js';
import type {RunOptions} from '../postfix/run.js';
import {type FileFacts, type MapEntry, fileFacts, holdsSecretInline, lookupCredentials} from '../postfix/sasl-map.js';
import {mapFilesOf} from '../postfix/map-files.js';
import {listItems} from '../settings/syntax.js';
import {type SaslPluginReport, checkSaslPlugins} from '../postfix/sasl-plugins.js';
import type {PostfixTarget} from '../postfix/target.js';
import {parseRelay} from '../settings/relayhost.js';
import {explain} from './explain.js';
import {isWeakLevel} from '../relay/encryption.js';
import {type RelaySecurity, type SecurityLevel, securityLevels} from './relay-probe.js';
import type {CheckResult, CheckStatus} from './types.js';

/** The parameters the login checks read, expanded (`postconf -x`) as the daemons see them. */
export const loginParameters = [
	'relayhost',
	'smtp_sasl_auth_enable',
	'smtp_sasl_password_maps',
	'smtp_sasl_security_options',
	'smtp_sasl_tls_security_options',
	'smtp_tls_security_level',
	'smtp_tls_wrappermode',
	'smtp_tls_CAfile',
] as const;

export type LoginValues = ReadonlyMap<string, string>;

const yes = (value: string | undefined) => /^(?:yes|true|1)$/i.test(value?.trim() ?? '');

/** How Postfix will talk to the relay, from main.cf: what the relay probe judges against. */
export function relaySecurityOf(values: LoginValues): RelaySecurity {
	const level = (values.get('smtp_tls_security_level') ?? '').trim();
	const caFile = values.get('smtp_tls_CAfile')?.trim();
	return {
		level: (securityLevels as readonly string[]).includes(level) ? level as SecurityLevel : 'none',
		wrappermode: yes(values.get('smtp_tls_wrappermode')),
		...(caFile ? {caFile} : {}),
		loginConfigured: yes(values.get('smtp_sasl_auth_enable')),
	};
}

const titles = {
	map: {en: 'Password map', zh: '密码映射文件'},
	entry: {en: 'Credentials for the relay', zh: '中继的登录凭据'},
	permissions: {en: 'Password files protected', zh: '密码文件受保护'},
	plugin: {en: 'SASL client plugins', zh: 'SASL 客户端插件'},
	tls: {en: 'Encryption for the login', zh: '登录所用的加密'},
	options: {en: 'SASL security options', zh: 'SASL 安全选项'},
} as const satisfies Record<string, Localized>;

function result(id: keyof typeof titles, status: CheckStatus, detail: Localized): CheckResult {
	return {id: `login-${id}`, title: titles[id], status, detail};
}

function withFix(text: Localized, hint: string): Localized {
	const explanation = explain(hint);
	return explanation ? {en: `${text.en} — Fix: ${explanation.fix.en}`, zh: `${text.zh}——解决：${explanation.fix.zh}`} : text;
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/** 0600, or the system role's 0640, owned by root: nobody else may read a password. */
function exposure(file: FileFacts): Localized | undefined {
	if (!file.exists || file.mode === undefined) {
		return undefined;
	}

	if ((file.mode & 0o037) !== 0) {
		return {en: `${file.path} is mode ${octal(file.mode)}: other users can read (or change) it — chmod 600 ${file.path}`, zh: `${file.path} 的权限为 ${octal(file.mode)}：其他用户可以读取（或修改）——chmod 600 ${file.path}`};
	}

	if (file.uid !== 0) {
		return {en: `${file.path} is owned by uid ${file.uid}, not root — chown root:root ${file.path}`, zh: `${file.path} 的属主是 uid ${file.uid}，不是 root——chown root:root ${file.path}`};
	}

	return undefined;
}

export function pluginCheck(report: SaslPluginReport): CheckResult {
	const found = [...report.found.entries()].map(([mechanism, file]) => `${mechanism} (${file})`).join(', ');
	const install = report.install?.display ?? report.packages.join(' or ');
	if (!report.usable) {
		return result('plugin', 'fail', withFix({
			en: `the Cyrus SASL PLAIN and LOGIN plugins are not installed (looked in ${report.searched.join(', ') || 'no sasl2 directory'}): Postfix logs "No worthy mechs found" and sends no login — install ${report.packages.join(' ')} (${install})`,
			zh: `未安装 Cyrus SASL 的 PLAIN 和 LOGIN 插件（已查找 ${report.searched.join('、') || '无 sasl2 目录'}）：Postfix 会记录 "No worthy mechs found" 且不发送登录信息——请安装 ${report.packages.join(' ')}（${install}）`,
		}, 'no mechanism available'));
	}

	if (report.missing.length > 0) {
		return result('plugin', 'warn', {
			en: `${found}; ${report.missing.join(', ')} missing (relays offering only ${report.missing.join('/')} cannot be logged in to) — install ${report.packages.join(' ')} (${install})`,
			zh: `${found}；缺少 ${report.missing.join('、')}（只提供 ${report.missing.join('/')} 的中继将无法登录）——请安装 ${report.packages.join(' ')}（${install}）`,
		});
	}

	return result('plugin', 'pass', untranslated(found));
}

export interface LoginAudit {
	readonly checks: readonly CheckResult[];
	/** The entry Postfix will use, for `verify --login`. Holds the password: never print it. */
	readonly entry: MapEntry | undefined;
}

/**
 * The login setup, when `smtp_sasl_auth_enable = yes`: the map exists, is built and
 * current, holds an entry for this relay, only root can read it, the SASL plugins are
 * installed, and nothing lets the password go out without TLS.
 */
export async function auditLogin(target: PostfixTarget, values: LoginValues, options: RunOptions & {plugins?: SaslPluginReport} = {}): Promise<LoginAudit> {
	const checks: CheckResult[] = [];
	const security = relaySecurityOf(values);
	const relayhost = (values.get('relayhost') ?? '').split(/[\s,]+/).find(Boolean) ?? '';
	const mapList = values.get('smtp_sasl_password_maps') ?? '';
	const maps = mapFilesOf(mapList);
	const parsed = parseRelay(relayhost);
	const relay = 'rule' in parsed ? undefined : parsed;
	let entry: MapEntry | undefined;

	if (listItems(mapList).some(item => holdsSecretInline(item))) {
		// Never echo the value: it is the password.
		checks.push(result('map', 'fail', {en: 'smtp_sasl_password_maps holds the credentials in main.cf itself (static: or inline:), which every user can read: move them to a sasl_passwd file (0600, root) and postmap it', zh: 'smtp_sasl_password_maps 把凭据直接写在 main.cf 中（static: 或 inline:），所有用户都能读取：请改放到 sasl_passwd 文件中（0600，root）并运行 postmap'}));
	} else if (maps.length === 0) {
		checks.push(result('map', 'fail', {en: `smtp_sasl_password_maps = ${mapList || '(empty)'}: no password file Postfix could log in with`, zh: `smtp_sasl_password_maps = ${mapList || '（空）'}：没有 Postfix 可用于登录的密码文件`}));
	} else {
		const map = maps[0]!;
		const shown = `${map.type}:${map.source}`;
		const source = await fileFacts(map.source);
		// dbm and sdbm build two files (.dir and .pag): every one must be there and current.
		const built = await Promise.all(map.built.map(async file => fileFacts(file)));
		const missing = built.filter(file => !file.exists).map(file => file.path);
		const builtNames = map.built.join(' + ');
		const oldest = Math.min(...built.map(file => file.mtimeMs ?? 0));
		if (!source.exists) {
			checks.push(result('map', 'fail', {en: `${map.source} does not exist: Postfix has no credentials to log in with`, zh: `${map.source} 不存在：Postfix 没有可用于登录的凭据`}));
		} else if (missing.length > 0) {
			checks.push(result('map', 'fail', withFix({en: `${missing.join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not exist: postmap was not run (Postfix logs "${shown} is unavailable")`, zh: `${missing.join(' 和 ')} 不存在：未运行 postmap（Postfix 会记录 "${shown} is unavailable"）`}, 'sasl_passwd is unavailable')));
		} else if (oldest < (source.mtimeMs ?? 0)) {
			checks.push(result('map', 'fail', {en: `${map.source} changed after postmap built ${builtNames}: Postfix still uses the old credentials — run postmap ${shown}`, zh: `${builtNames} 生成之后 ${map.source} 又被修改：Postfix 仍在使用旧凭据——请运行 postmap ${shown}`}));
		} else {
			const when = new Date(oldest).toISOString().slice(0, 16).replace('T', ' ');
			checks.push(result('map', 'pass', {en: `${shown}, built ${when} UTC, after its last edit`, zh: `${shown}，生成于 ${when} UTC，晚于最后一次修改`}));
		}

		const host = relay?.host.replace(/^ipv6:/i, '');
		// Postfix asks for the relay's host name first, then for the next hop exactly as relayhost spells it.
		const keys = [host ?? '', relayhost];
		const isBuilt = missing.length === 0;
		if (isBuilt && !map.built.every(file => canAccess(file, constants.R_OK))) {
			// A map kept from others (as it must be) cannot be looked into without root: say so, do not guess.
			checks.push(result('entry', 'skip', {en: `${builtNames} is readable by root only: run verify as root to check the entry for the relay`, zh: `${builtNames} 只有 root 可读：请以 root 身份运行 verify 来检查中继的条目`}));
		} else if (isBuilt) {
			entry = await lookupCredentials(target, shown, keys, options).catch(() => undefined);
			if (!entry) {
				checks.push(result('entry', 'fail', withFix({en: `no entry for ${keys.filter(Boolean).join(' or ')} in ${shown}: Postfix silently sends no login and the relay answers 530 Authentication Required`, zh: `${shown} 中没有 ${keys.filter(Boolean).join(' 或 ')} 的条目：Postfix 会默默地不登录，中继则回复 530 Authentication Required`}, 'Authentication Required')));
			} else if (entry.username === '' || entry.password.isEmpty) {
				checks.push(result('entry', 'fail', {en: `the entry for ${entry.key} is not "user:password" (${entry.username === '' ? 'no user name' : 'no password'})`, zh: `${entry.key} 的条目不是“用户名:密码”格式（${entry.username === '' ? '缺少用户名' : '缺少密码'}）`}));
			} else {
				checks.push(result('entry', 'pass', {en: `found under ${entry.key}: user ${entry.username}, password set (not shown)`, zh: `在 ${entry.key} 下找到：用户 ${entry.username}，已设置密码（不显示）`}));
			}
		}

		const exposed = [source, ...built].map(file => exposure(file)).filter(problem => problem !== undefined);
		checks.push(exposed.length > 0
			? result('permissions', 'fail', {en: exposed.map(problem => problem.en).join('; '), zh: exposed.map(problem => problem.zh).join('；')})
			: result('permissions', 'pass', {en: [source, ...built].flatMap(file => (file.exists ? [`${file.path} ${octal(file.mode!)} root`] : [])).join(', '), zh: [source, ...built].flatMap(file => (file.exists ? [`${file.path} ${octal(file.mode!)} root`] : [])).join('，')}));
	}

	checks.push(pluginCheck(options.plugins ?? checkSaslPlugins()));

	const tlsProblems: Localized[] = [];
	if (isWeakLevel(security.level)) {
		tlsProblems.push({en: `smtp_tls_security_level = ${values.get('smtp_tls_security_level') || '(empty)'} lets the password go out unencrypted: set encrypt (or verify)`, zh: `smtp_tls_security_level = ${values.get('smtp_tls_security_level') || '（空）'} 会让密码以明文发出：请设置为 encrypt（或 verify）`});
	}

	if (['465', 'smtps', 'submissions'].includes(String(relay?.port)) && !security.wrappermode) {
		tlsProblems.push(withFix({en: 'port 465 speaks TLS from the first byte, but smtp_tls_wrappermode is not yes', zh: '465 端口从第一个字节起使用 TLS，但 smtp_tls_wrappermode 不是 yes'}, 'SMTPS wrappermode'));
	}

	if (security.caFile && !existsSync(security.caFile)) {
		tlsProblems.push(withFix({en: `smtp_tls_CAfile ${security.caFile} does not exist: Postfix disables TLS ("TLS engine is unavailable")`, zh: `smtp_tls_CAfile ${security.caFile} 不存在：Postfix 会禁用 TLS（"TLS engine is unavailable"）`}, 'TLS engine is unavailable'));
	} else if (['verify', 'secure'].includes(security.level) && !security.caFile) {
		tlsProblems.push(withFix({en: `level ${security.level} checks the relay's certificate, but smtp_tls_CAfile is not set: Postfix has no CA to check against`, zh: `${security.level} 级别会验证中继证书，但未设置 smtp_tls_CAfile：Postfix 没有可用于验证的 CA`}, 'Server certificate not verified'));
	}

	checks.push(tlsProblems.length > 0
		? result('tls', 'fail', {en: tlsProblems.map(problem => problem.en).join('; '), zh: tlsProblems.map(problem => problem.zh).join('；')})
		: result('tls', 'pass', {en: `${security.level}${security.wrappermode ? ', TLS from the first byte (smtp_tls_wrappermode = yes)' : ', STARTTLS'}${security.caFile ? `, CAs from ${security.caFile}` : ''}`, zh: `${security.level}${security.wrappermode ? '，从第一个字节起使用 TLS（smtp_tls_wrappermode = yes）' : '，STARTTLS'}${security.caFile ? `，CA 来自 ${security.caFile}` : ''}`}));

	// Postfix's default `noplaintext, noanonymous` refuses PLAIN and LOGIN, the mechanisms relays offer.
	const noPlaintext = ['smtp_sasl_security_options', 'smtp_sasl_tls_security_options'].filter(name => /\bnoplaintext\b/.test(values.get(name) ?? ''));
	checks.push(noPlaintext.length > 0
		? result('options', 'fail', withFix({en: `${noPlaintext.join(' and ')} contain noplaintext, which forbids PLAIN and LOGIN: Postfix logs "No worthy mechs found"`, zh: `${noPlaintext.join(' 和 ')} 含有 noplaintext，它禁止 PLAIN 和 LOGIN：Postfix 会记录 "No worthy mechs found"`}, 'offered no compatible authentication mechanisms'))
		: result('options', 'pass', {en: `smtp_sasl_security_options = ${values.get('smtp_sasl_security_options') || '(empty)'}`, zh: `smtp_sasl_security_options = ${values.get('smtp_sasl_security_options') || '（空）'}`}));

	return {checks, entry};
}
