import path from 'node:path';
import type {Localized} from '../i18n/lang.js';
import type {FileEdit} from '../plan/types.js';
import {isWeakLevel, modeContradictsPort, tlsModeFor} from './encryption.js';
import {passwordProblem, redactSaslPasswd, saslPasswdLine, saslPasswdName, usernameProblem} from './sasl-passwd.js';
import {builtMapPaths, fileMapTypes, mapFileOf, mapFilesOf, withOurTableFirst} from '../postfix/map-files.js';
import {listItems} from '../settings/syntax.js';
import {withRelayEntry, withoutRelayEntries} from './sasl-passwd-entries.js';
import {relayHostName} from '../settings/relayhost.js';
import {type Encryption, type RelayAccess, type RelayLogin, loginParameters} from './types.js';
import {UsageError} from '../errors.js';

/** What the planner must know of the machine; read by the caller (postconf, the file system). */
export interface LoginFacts {
	readonly configDir: string;
	/** `postconf -h default_database_type`: hash on Debian and RHEL ≤ 9, lmdb on RHEL 10 and Alpine. */
	readonly databaseType: string;
	/** `postconf -m`: the map types this Postfix supports. */
	readonly mapTypes: ReadonlySet<string>;
	/** The distribution's CA bundle when one exists (needed for verify and secure). */
	readonly caFile: string | undefined;
	/** main.cf's explicit settings (`postconf -n`). */
	readonly explicit: ReadonlyMap<string, string>;
	/** The files among those a removal may concern that exist now. */
	readonly existingFiles: ReadonlySet<string>;
	/** The text of those that are map sources (sasl_passwd…): entries for other keys are kept. */
	readonly existingTables: ReadonlyMap<string, string>;
}

/** main.cf settings to write, parameters to take out, files to write or remove: one transaction. */
export interface LoginPlan {
	readonly settings: ReadonlyMap<string, string>;
	readonly removals: readonly string[];
	readonly files: readonly FileEdit[];
	/** What the review should say about the files (entries kept for other keys). */
	readonly notes: readonly Localized[];
}

/** A login that cannot be written; the reason never contains the password. */
export class LoginPlanError extends UsageError {
	constructor(readonly reason: Localized) {
		super(reason);
	}
}


export function saslPasswdPath(configDir: string): string {
	return path.join(configDir, saslPasswdName);
}

/** The files a login may leave: DIR/sasl_passwd and its built map, under every map type. */
export function loginFileCandidates(configDir: string): string[] {
	const source = saslPasswdPath(configDir);
	return [source, ...new Set([...fileMapTypes].flatMap(type => builtMapPaths(source, type)))];
}

function tlsSettings(encryption: Encryption, facts: LoginFacts): {settings: Array<[string, string]>; removals: string[]} {
	const settings: Array<[string, string]> = [['smtp_tls_security_level', encryption.level]];
	const removals: string[] = [];
	if (encryption.mode === 'implicit-tls') {
		settings.push(['smtp_tls_wrappermode', 'yes']);
	} else if (facts.explicit.has('smtp_tls_wrappermode')) {
		// Wrappermode applies to every SMTP delivery: left on, STARTTLS on 587 would break.
		removals.push('smtp_tls_wrappermode');
	}

	if (encryption.level !== 'encrypt') {
		if (facts.caFile === undefined) {
			throw new LoginPlanError({
				en: 'certificate verification needs the distribution\'s CA bundle, and none was found (install ca-certificates), or choose encryption without verification',
				zh: '证书验证需要发行版的 CA 证书包，但未找到（请安装 ca-certificates），或选择不验证证书的加密',
			});
		}

		settings.push(['smtp_tls_CAfile', facts.caFile]);
	}

	return {settings, removals};
}

function planLogin(login: RelayLogin, facts: LoginFacts): LoginPlan {
	const problem = usernameProblem(login.username) ?? passwordProblem(login.password);
	if (problem) {
		throw new LoginPlanError(problem);
	}

	if (login.relayhost.trim() === '') {
		throw new LoginPlanError({en: 'a login needs a relayhost: it is the key of the password in sasl_passwd', zh: '登录需要 relayhost：它是 sasl_passwd 中密码的键'});
	}

	const type = facts.databaseType.trim();
	if (!fileMapTypes.has(type) || !facts.mapTypes.has(type)) {
		throw new LoginPlanError({
			en: `default_database_type is "${type}", which this Postfix cannot build into a file (postconf -m lists ${[...facts.mapTypes].join(', ')})`,
			zh: `default_database_type 为“${type}”，此 Postfix 无法用它生成映射文件（postconf -m 列出的是 ${[...facts.mapTypes].join('、')}）`,
		});
	}

	if (modeContradictsPort(login.relayhost, login.encryption.mode)) {
		throw new LoginPlanError({
			en: `the port of ${login.relayhost} and ${login.encryption.mode === 'implicit-tls' ? 'implicit TLS' : 'STARTTLS'} do not match: 465 is implicit TLS, 587 and 25 are STARTTLS`,
			zh: `${login.relayhost} 的端口与${login.encryption.mode === 'implicit-tls' ? '隐式 TLS' : 'STARTTLS'}不匹配：465 是隐式 TLS，587 和 25 是 STARTTLS`,
		});
	}

	const relayhost = login.relayhost.trim();
	const source = saslPasswdPath(facts.configDir);
	const tls = tlsSettings(login.encryption, facts);
	// Entries for other keys (senders, other relays, the relay in force before a move: a
	// transport map may still send mail there) stay byte for byte; ours replaces only those
	// Postfix would take for this relay (its relayhost, its host name).
	const existing = facts.existingTables.get(source);
	const keys = relayKeys(relayhost);
	const content = withRelayEntry(existing, keys, saslPasswdLine(relayhost, login.username, login.password));
	const others = existing === undefined ? [] : withoutRelayEntries(content, keys).others;
	return {
		settings: new Map([
			['relayhost', relayhost],
			['smtp_sasl_auth_enable', 'yes'],
			// Maps an administrator listed (other relays, senders) stay, after ours.
			['smtp_sasl_password_maps', withOurTableFirst(`${type}:${source}`, facts.explicit.get('smtp_sasl_password_maps'))],
			// The default also says noplaintext, which refuses PLAIN and LOGIN: "No worthy mechs found".
			['smtp_sasl_security_options', 'noanonymous'],
			['smtp_sasl_tls_security_options', 'noanonymous'],
			...tls.settings,
		]),
		removals: tls.removals,
		files: [{
			path: source,
			content: Buffer.from(content),
			mode: 0o600,
			secret: true,
			display: redactSaslPasswd(content),
			map: type,
		}],
		notes: others.length === 0 ? [] : [{
			en: `${source} keeps its ${others.length} other ${others.length === 1 ? 'entry' : 'entries'} (${others.join(', ')}); only the entry for ${relayhost} is written`,
			zh: `${source} 保留其他 ${others.length} 个条目（${others.join('、')}）；只写入 ${relayhost} 的条目`,
		}],
	};
}

/** The keys Postfix looks a relay's password up by: its host name first, then the relayhost as written. */
function relayKeys(relayhost: string): string[] {
	const host = relayHostName(relayhost);
	return host === undefined ? [relayhost.trim()] : [host, relayhost.trim()];
}

/**
 * The maps a login left inside the config dir: those main.cf's password maps name, and
 * DIR/sasl_passwd itself. Each loses the entries for the relay (old and new); one left
 * with entries for other keys is kept (rebuilt, unused while no login is set), one left
 * with none is removed with its built map (FileEdit.map).
 */
function loginFilesToRemove(facts: LoginFacts, keys: readonly string[]): {files: FileEdit[]; notes: Localized[]} {
	const ownSource = saslPasswdPath(facts.configDir);
	const own = {type: facts.databaseType, source: ownSource, built: builtMapPaths(ownSource, facts.databaseType)};
	const referenced = mapFilesOf(facts.explicit.get('smtp_sasl_password_maps') ?? '').filter(map => path.dirname(map.source) === facts.configDir);
	const bySource = new Map([own, ...referenced].map(map => [map.source, map]));
	const files: FileEdit[] = [];
	const notes: Localized[] = [];
	for (const map of bySource.values()) {
		if (![map.source, ...map.built].some(file => facts.existingFiles.has(file))) {
			continue;
		}

		const text = facts.existingTables.get(map.source);
		const left = text === undefined ? undefined : withoutRelayEntries(text, keys);
		if (left === undefined || left.others.length === 0) {
			files.push({path: map.source, content: undefined, mode: 0o600, secret: true, map: map.type});
			continue;
		}

		if (left.text !== text) {
			files.push({path: map.source, content: Buffer.from(left.text), mode: 0o600, secret: true, display: redactSaslPasswd(left.text), map: map.type});
		}

		notes.push({
			en: `${map.source} stays: it holds ${left.others.length} ${left.others.length === 1 ? 'entry' : 'entries'} for other keys (${left.others.join(', ')}), which Postfix does not read while no login is set`,
			zh: `${map.source} 保留：其中还有 ${left.others.length} 个其他键的条目（${left.others.join('、')}），不登录时 Postfix 不会读取它们`,
		});
	}

	return {files, notes};
}

/**
 * smtp_sasl_password_maps once "no login" has removed its files: the maps still there stay
 * listed as an administrator wrote them (unread while no login is set, ready when one is);
 * undefined when none is left, and the parameter goes.
 */
function passwordMapsLeft(maps: string | undefined, removed: ReadonlySet<string>): string | undefined {
	const left = listItems(maps ?? '').filter(item => {
		const file = mapFileOf(item)?.source;
		return file === undefined || !removed.has(file);
	});
	return left.length === 0 ? undefined : left.join(', ');
}

function planNoLogin(relayhost: string, encryption: Encryption | undefined, facts: LoginFacts): LoginPlan {
	const mode = encryption?.mode ?? tlsModeFor(relayhost);
	const settings = new Map([['relayhost', relayhost.trim()]]);
	// The entries for the relay in force and for the new one are ours to take out.
	const keys = [...relayKeys(relayhost), ...relayKeys(facts.explicit.get('relayhost') ?? '')];
	const files = loginFilesToRemove(facts, keys);
	const maps = facts.explicit.get('smtp_sasl_password_maps');
	const mapsLeft = passwordMapsLeft(maps, new Set(files.files.filter(file => file.content === undefined).map(file => file.path)));
	if (mapsLeft !== undefined && mapsLeft !== maps?.trim()) {
		settings.set('smtp_sasl_password_maps', mapsLeft);
	}

	const removals: string[] = loginParameters.filter(name => facts.explicit.has(name) && !(name === 'smtp_sasl_password_maps' && mapsLeft !== undefined));
	if (encryption) {
		const tls = tlsSettings(encryption, facts);
		tls.settings.forEach(([name, value]) => settings.set(name, value));
		removals.push(...tls.removals);
	} else if (mode === 'implicit-tls') {
		settings.set('smtp_tls_wrappermode', 'yes');
		// Port 465 speaks TLS from the first byte: at least encrypt, or Postfix refuses to connect.
		if (isWeakLevel(facts.explicit.get('smtp_tls_security_level') ?? '')) {
			settings.set('smtp_tls_security_level', 'encrypt');
		}
	} else if (facts.explicit.has('smtp_tls_wrappermode')) {
		removals.push('smtp_tls_wrappermode');
	}

	return {settings, removals, ...files};
}

/** Pure: a login (or none) and the machine's facts → what one transaction writes and removes. */
export function planRelayAccess(access: RelayAccess, facts: LoginFacts): LoginPlan {
	return access.kind === 'login' ? planLogin(access.login, facts) : planNoLogin(access.relayhost, access.encryption, facts);
}

/**
 * A password never leaves without TLS: with SASL on in the resulting main.cf, the TLS level
 * must be encrypt or stronger. Checked on any run that touches a login or TLS parameter, so
 * `--set smtp_tls_security_level=may` beside a login is refused as well.
 */
export function passwordWithoutTls(effective: ReadonlyMap<string, string>): Localized | undefined {
	if ((effective.get('smtp_sasl_auth_enable') ?? 'no').trim().toLowerCase() !== 'yes') {
		return undefined;
	}

	const level = (effective.get('smtp_tls_security_level') ?? '').trim();
	if (!isWeakLevel(level)) {
		return undefined;
	}

	const shown = level === '' ? '(empty: no TLS)' : level;
	return {
		en: `smtp_tls_security_level = ${shown} with a login would let the password go out without TLS: use encrypt (or verify)`,
		zh: `登录时 smtp_tls_security_level = ${level === '' ? '（空：不使用 TLS）' : level} 会让密码在没有 TLS 的情况下发出：请使用 encrypt（或 verify）`,
	};
}
