import {promises as dns} from 'node:dns';
import {readFile} from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import {isNameNotFound, systemReason} from '../errors.js';
import {type Localized, untranslated} from '../i18n/lang.js';
import {isWeakLevel} from '../relay/encryption.js';
import {masked} from '../relay/secret.js';
import type {RelayLogin} from '../relay/types.js';
import {parseRelay} from '../settings/relayhost.js';
import {type CertificateReport, certificateReport} from './certificate-report.js';
import {explain} from './explain.js';
import {SmtpTalk, type SmtpReply, TalkTimeout, type TranscriptLine} from './smtp-talk.js';
import type {CheckResult, CheckStatus} from './types.js';

export type {TranscriptLine} from './smtp-talk.js';
export type {CertificateReport} from './certificate-report.js';

/** Any `smtp_tls_security_level` as main.cf may hold it; empty (Postfix < 3.11's default) means `none`. */
export type SecurityLevel = 'none' | 'may' | 'encrypt' | 'dane' | 'dane-only' | 'fingerprint' | 'verify' | 'secure';

export const securityLevels: readonly SecurityLevel[] = ['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure'];
/** Levels at which Postfix also verifies the certificate against its CAs. */
const verifyingLevels: readonly SecurityLevel[] = ['verify', 'secure'];

/** How Postfix is (or will be) set up to talk to the relay: what the probe judges against. */
export interface RelaySecurity {
	readonly level: SecurityLevel;
	/** `smtp_tls_wrappermode = yes`: TLS from the first byte (port 465). */
	readonly wrappermode: boolean;
	/** `smtp_tls_CAfile`, when set. */
	readonly caFile?: string;
	/** `smtp_sasl_auth_enable = yes`. */
	readonly loginConfigured: boolean;
}

/** Credentials for one real login (then QUIT: no mail): relay-config's RelayLogin fits. Never in a result. */
export type ProbeLogin = Pick<RelayLogin, 'username' | 'password'>;

export type LoginOutcome = 'ok' | 'refused' | 'not-tried' | 'none';

/** What the relay said when we knocked, as Postfix would meet it, phase by phase. */
export interface RelayProbe {
	readonly relayhost: string;
	/** The host and port actually contacted (after an MX lookup for an unbracketed name). */
	readonly host: string | undefined;
	readonly port: number | undefined;
	readonly reachable: boolean;
	readonly greeting: string | undefined;
	/** STARTTLS offered in the clear. */
	readonly starttls: boolean;
	/** How the connection was encrypted, if it was. */
	readonly tls: {readonly mode: 'starttls' | 'implicit'; readonly protocol: string; readonly cipher: string} | undefined;
	readonly certificate: CertificateReport | undefined;
	/** AUTH mechanisms as Postfix sees them: after TLS when TLS was used. */
	readonly authMechanisms: readonly string[];
	readonly sizeLimit: number | undefined;
	readonly login: LoginOutcome;
	/** Why the conversation could not be completed (unreachable, no greeting, TLS failed), in short; judgments are in `lines`. */
	readonly error: string | undefined;
	/** One ✔/✖ line per phase, in plain words (en, zh). */
	readonly lines: readonly CheckResult[];
	/** Every line said, by phase; anything sent during AUTH reads `********`. */
	readonly transcript: readonly TranscriptLine[];
	/** No line failed. */
	readonly ok: boolean;
	readonly elapsedMs: number;
}

export interface ProbeOptions {
	/** The deadline of each phase (connect, greeting, EHLO, TLS, AUTH), not of the whole probe. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
	/** Default: STARTTLS when offered (`may`), wrappermode on port 465, no login configured. */
	readonly security?: RelaySecurity;
	/** Try this login (review, `verify --login`): failed logins count toward providers' lockouts. */
	readonly login?: ProbeLogin;
}

const servicePorts: Readonly<Record<string, number>> = {smtp: 25, submission: 587, smtps: 465, submissions: 465};

/** Brackets: the host itself; no brackets: its MX, as Postfix does. Default port 25. */
async function resolveRelay(relayhost: string, timeoutMs: number, signal?: AbortSignal): Promise<{host: string; port: number}> {
	const first = relayhost.split(/[\s,]+/).find(Boolean) ?? '';
	const relay = parseRelay(first);
	if ('rule' in relay) {
		throw new Error(`relayhost "${first}": ${relay.rule.en}`);
	}

	const port = relay.port === undefined ? 25 : /^\d+$/.test(String(relay.port)) ? Number(relay.port) : servicePorts[String(relay.port)] ?? 25;
	let host = relay.host.replace(/^ipv6:/i, '');
	if (!relay.bracketed && net.isIP(host) === 0) {
		// The MX lookup has its deadline too (one try); without an answer the name itself is used, as a plain host.
		const resolver = new dns.Resolver({timeout: timeoutMs, tries: 1});
		const cancel = () => resolver.cancel();
		signal?.addEventListener('abort', cancel, {once: true});
		const mx = await resolver.resolveMx(host).catch(() => []).finally(() => signal?.removeEventListener('abort', cancel));
		const best = mx.sort((a, b) => a.priority - b.priority)[0];
		if (best) {
			host = best.exchange;
		}
	}

	return {host, port};
}

/** The failure as an administrator reads it: where, and what went wrong, without Node's codes. */
function describeFailure(failure: {message: string; code?: string; reason?: string}, target: {host: string; port: number}, timeoutMs: number): Localized {
	const where = `${target.host}:${target.port}`;
	const system = failure instanceof TalkTimeout || failure.code === 'ETIMEDOUT' ? undefined : systemReason(failure);
	if (system) {
		// DNS failed: the name is at fault, not a port.
		const subject = isNameNotFound(failure) ? target.host : where;
		return {en: `${subject}: ${system.en}`, zh: `${subject}：${system.zh}`};
	}

	if (failure instanceof TalkTimeout || failure.code === 'ETIMEDOUT' || /timeout|timed out/i.test(failure.message)) {
		return {en: `${where}: no answer within ${timeoutMs / 1000} s`, zh: `${where}：${timeoutMs / 1000} 秒内没有应答`};
	}

	if (failure.code?.startsWith('ERR_SSL') || /before secure TLS connection/.test(failure.message)) {
		const reason = failure.reason ?? failure.message.trim();
		return {en: `${where}: TLS handshake failure (${reason})`, zh: `${where}：TLS 握手失败（${reason}）`};
	}

	return {en: `${where}: ${failure.message}`, zh: `${where}：${failure.message}`};
}

const titles = {
	relay: {en: 'Relay reachable', zh: '中继可达'},
	tls: {en: 'Encryption', zh: '加密'},
	certificate: {en: 'Relay certificate', zh: '中继证书'},
	auth: {en: 'Login offered', zh: '中继提供的登录方式'},
	login: {en: 'Login', zh: '登录'},
} as const satisfies Record<string, Localized>;

function line(id: keyof typeof titles, status: CheckStatus, detail: Localized): CheckResult {
	return {id: id === 'relay' ? 'relay' : `relay-${id}`, title: titles[id], status, detail};
}

/** A failure with what it means and the fix, when the explanation table knows it. */
function withExplanation(text: Localized, hint = text.en): Localized {
	const explanation = explain(hint);
	return explanation
		? {en: `${text.en} — ${explanation.cause.en} Fix: ${explanation.fix.en}`, zh: `${text.zh}——${explanation.cause.zh}解决：${explanation.fix.zh}`}
		: text;
}

function capabilities(reply: SmtpReply): {extensions: string[]; auth: string[]; size: number | undefined} {
	const extensions = reply.lines.slice(1).map(entry => entry.trim().toUpperCase());
	const authLine = extensions.find(entry => /^AUTH[ =]/.test(entry));
	const sizeLine = extensions.find(entry => /^SIZE\b/.test(entry));
	const size = sizeLine ? Number(sizeLine.split(/\s+/)[1]) : undefined;
	return {extensions, auth: authLine ? authLine.slice(5).split(/\s+/).filter(Boolean) : [], size: size && size > 0 ? size : undefined};
}

function certificateLine(report: CertificateReport | undefined, host: string, security: RelaySecurity, caError: string | undefined): CheckResult {
	if (!report) {
		return line('certificate', verifyingLevels.includes(security.level) ? 'fail' : 'skip', {en: 'the relay presented no certificate', zh: '中继没有出示证书'});
	}

	const names = report.names.join(', ') || '?';
	const namesZh = report.names.join('、') || '?';
	const facts: Localized = {
		en: `issued to ${names} (${report.matchesHost ? `matches ${host}` : `does not match ${host}`}), by ${report.selfSigned ? 'itself (self-signed)' : report.issuer ?? '?'}, valid until ${report.validTo}${report.expired ? ' (EXPIRED)' : ''}, SHA-256 ${report.fingerprintSha256}`,
		zh: `签发给 ${namesZh}（${report.matchesHost ? `与 ${host} 相符` : `与 ${host} 不符`}），签发者${report.selfSigned ? '为自身（自签名）' : ` ${report.issuer ?? '?'}`}，有效期至 ${report.validTo}${report.expired ? '（已过期）' : ''}，SHA-256 ${report.fingerprintSha256}`,
	};
	if (!verifyingLevels.includes(security.level)) {
		// Under `encrypt` Postfix encrypts without checking whom it talks to: information only.
		return line('certificate', 'pass', {en: `${facts.en}; not checked at level ${security.level}`, zh: `${facts.zh}；在 ${security.level} 级别下不验证`});
	}

	const problems: Localized[] = [];
	if (!security.caFile) {
		problems.push({en: 'smtp_tls_CAfile is not set, so Postfix has no CA to check it against (Server certificate not verified)', zh: '未设置 smtp_tls_CAfile，Postfix 没有可用于验证的 CA（Server certificate not verified）'});
	} else if (caError) {
		problems.push({en: `the CA file ${security.caFile} cannot be read (${caError})`, zh: `无法读取 CA 文件 ${security.caFile}（${caError}）`});
	} else if (!report.trusted) {
		problems.push({en: `not signed by a CA in ${security.caFile} (${report.trustError ?? 'untrusted issuer'})`, zh: `不是由 ${security.caFile} 中的 CA 签发的（${report.trustError ?? 'untrusted issuer'}）`});
	}

	if (!report.matchesHost) {
		problems.push({en: `the certificate is not issued for ${host}`, zh: `该证书不是为 ${host} 签发的`});
	}

	if (report.expired) {
		problems.push({en: 'the certificate has expired', zh: '证书已过期'});
	}

	if (problems.length === 0) {
		return line('certificate', 'pass', {en: `${facts.en}; trusted`, zh: `${facts.zh}；受信任`});
	}

	const explanation = explain('certificate verification failed');
	return line('certificate', 'fail', {
		en: `${problems.map(problem => problem.en).join('; ')} — ${facts.en}. Fix: ${explanation?.fix.en ?? ''}`,
		zh: `${problems.map(problem => problem.zh).join('；')} — ${facts.zh}。解决：${explanation?.fix.zh ?? ''}`,
	});
}

function authLine(mechanisms: readonly string[], encrypted: boolean, security: RelaySecurity): CheckResult {
	const offered = mechanisms.join(' ');
	const usable = mechanisms.filter(mechanism => mechanism === 'PLAIN' || mechanism === 'LOGIN');
	const after = encrypted ? {en: ' after TLS', zh: '（TLS 之后）'} : {en: '', zh: ''};
	if (!security.loginConfigured) {
		if (mechanisms.length === 0) {
			return line('auth', 'pass', {en: 'the relay asks for no login: it decides by this machine\'s address', zh: '中继不要求登录：它按本机地址决定是否接收'});
		}

		// A relay that wants a login will refuse the mail with 530; a ✔ here would be a lie.
		return line('auth', 'fail', withExplanation({
			en: `the relay offers a login (AUTH ${offered}) but none is configured: unless it trusts this machine's address, it refuses the mail with 530 Authentication Required`,
			zh: `中继提供登录（AUTH ${offered}），但没有配置登录：除非它信任本机地址，否则会以 530 Authentication Required 拒收邮件。`,
		}, '530 5.7.0 Authentication Required'));
	}

	if (mechanisms.length === 0) {
		return line('auth', 'fail', {en: `the relay offers no login${after.en}: Postfix would send the mail without the configured credentials, and a relay that expects them refuses it`, zh: `中继${after.zh}不提供登录：Postfix 会不带已配置的凭据发信，而需要凭据的中继会拒收`});
	}

	if (usable.length === 0) {
		return line('auth', 'fail', withExplanation({en: `the relay offers only AUTH ${offered}${after.en}; Postfix logs in with PLAIN or LOGIN`, zh: `中继${after.zh}只提供 AUTH ${offered}；Postfix 使用 PLAIN 或 LOGIN 登录。`}, 'no mechanism available'));
	}

	return line('auth', 'pass', {en: `AUTH ${offered}${after.en}`, zh: `AUTH ${offered}${after.zh}`});
}

/** AUTH PLAIN (or LOGIN when PLAIN is not offered); the transcript shows no credential. */
async function tryLogin(talk: SmtpTalk, login: ProbeLogin, mechanisms: readonly string[], timeoutMs: number): Promise<{ok: boolean; reply: SmtpReply; mechanism: string}> {
	const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
	if (mechanisms.includes('PLAIN')) {
		talk.send('auth', `AUTH PLAIN ${b64(`\0${login.username}\0${login.password.reveal()}`)}`, `AUTH PLAIN ${masked}`);
		const reply = await talk.reply('auth', timeoutMs);
		return {ok: reply.code === 235, reply, mechanism: 'PLAIN'};
	}

	talk.send('auth', 'AUTH LOGIN');
	let reply = await talk.reply('auth', timeoutMs);
	for (const secret of [login.username, login.password.reveal()]) {
		if (reply.code !== 334) {
			return {ok: false, reply, mechanism: 'LOGIN'};
		}

		talk.send('auth', b64(secret), masked);
		reply = await talk.reply('auth', timeoutMs);
	}

	return {ok: reply.code === 235, reply, mechanism: 'LOGIN'};
}

const defaultSecurity = (port: number): RelaySecurity => ({level: 'may', wrappermode: port === 465, loginConfigured: false});

/**
 * Knocks at the relay the way Postfix will: connect, greeting, EHLO, STARTTLS or
 * implicit TLS, EHLO again, the certificate, the AUTH mechanisms, and with credentials
 * a real login followed by QUIT. Nothing is ever sent for delivery. Each wait has
 * its own deadline; the socket is destroyed whatever happens.
 */
export async function probeRelay(relayhost: string, options: ProbeOptions = {}): Promise<RelayProbe> {
	const started = Date.now();
	const timeoutMs = options.timeoutMs ?? 5000;
	const lines: CheckResult[] = [];
	let talk: SmtpTalk | undefined;
	const state: {-readonly [K in keyof RelayProbe]: RelayProbe[K]} = {
		relayhost, host: undefined, port: undefined, reachable: false, greeting: undefined, starttls: false, tls: undefined,
		certificate: undefined, authMechanisms: [], sizeLimit: undefined, login: options.login ? 'not-tried' : options.security?.loginConfigured ? 'not-tried' : 'none',
		error: undefined, lines, transcript: [], ok: false, elapsedMs: 0,
	};
	const finish = (): RelayProbe => {
		return {...state, transcript: [...(talk?.transcript ?? [])], lines, ok: lines.every(entry => entry.status !== 'fail'), elapsedMs: Date.now() - started};
	};

	if (relayhost.trim() === '') {
		state.error = 'relayhost is empty: there is no relay';
		lines.push(line('relay', 'fail', {en: state.error, zh: 'relayhost 为空：没有中继'}));
		return finish();
	}

	let target: {host: string; port: number};
	try {
		target = await resolveRelay(relayhost, timeoutMs, options.signal);
	} catch (error) {
		state.error = (error as Error).message;
		lines.push(line('relay', 'fail', withExplanation(untranslated(state.error))));
		return finish();
	}

	state.host = target.host;
	state.port = target.port;
	const security = options.security ?? defaultSecurity(target.port);
	let caError: string | undefined;
	const ca = security.caFile ? await readFile(security.caFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
		caError = error.code ?? error.message;
		return undefined;
	}) : undefined;
	const tlsOptions = {
		// Trust exactly what Postfix would: its CA file, never node's own roots.
		...(ca ? {ca} : {}),
		rejectUnauthorized: false,
		...(net.isIP(target.host) === 0 ? {servername: target.host} : {}),
	};
	// Port 465 speaks TLS from the first byte; without wrappermode Postfix waits for a greeting that never comes.
	const implicit = security.wrappermode || target.port === 465;
	const where = `${target.host}:${target.port}`;
	try {
		talk = await SmtpTalk.connect(target.host, target.port, timeoutMs, options.signal);
		if (implicit) {
			await talk.startTls(tlsOptions, timeoutMs);
		}

		const greeting = await talk.reply('greeting', timeoutMs);
		state.greeting = greeting.text;
		if (greeting.code !== 220) {
			state.error = `${where} answered ${greeting.text}`;
			lines.push(line('relay', 'fail', withExplanation({en: `${where} answered ${greeting.text}`, zh: `${where} 的应答：${greeting.text}`})));
			return finish();
		}

		state.reachable = true;
		lines.push(line('relay', 'pass', {en: `${where} — ${greeting.text}`, zh: `${where} — ${greeting.text}`}));
		if (target.port === 465 && !security.wrappermode) {
			lines.push(line('tls', 'fail', withExplanation(
				{en: `${where} speaks TLS from the first byte (SMTPS), but smtp_tls_wrappermode is off`, zh: `${where} 从第一个字节起使用 TLS（SMTPS），但 smtp_tls_wrappermode 未开启。`},
				'SMTPS wrappermode (TCP port 465) requires setting "smtp_tls_wrappermode = yes"',
			)));
		}

		const helo = os.hostname();
		talk.send('ehlo', `EHLO ${helo}`);
		let ehlo = await talk.reply('ehlo', timeoutMs);
		if (ehlo.code !== 250) {
			lines.push(line('relay', 'fail', {en: `EHLO refused: ${ehlo.text}`, zh: `EHLO 被拒绝：${ehlo.text}`}));
			return finish();
		}

		let caps = capabilities(ehlo);
		state.starttls = caps.extensions.includes('STARTTLS');
		state.sizeLimit = caps.size;
		const requireTls = !isWeakLevel(security.level) || security.loginConfigured;
		if (!implicit && state.starttls && security.level !== 'none') {
			talk.send('starttls', 'STARTTLS');
			const ready = await talk.reply('starttls', timeoutMs);
			if (ready.code !== 220) {
				lines.push(line('tls', requireTls ? 'fail' : 'warn', {en: `STARTTLS refused: ${ready.text}`, zh: `STARTTLS 被拒绝：${ready.text}`}));
			} else {
				await talk.startTls(tlsOptions, timeoutMs);
				talk.send('ehlo', `EHLO ${helo}`);
				ehlo = await talk.reply('ehlo', timeoutMs);
				caps = capabilities(ehlo);
				state.sizeLimit = caps.size ?? state.sizeLimit;
			}
		}

		const secure = talk.tlsSocket;
		if (secure) {
			const protocol = secure.getProtocol() ?? 'TLS';
			const cipher = secure.getCipher()?.name ?? '';
			state.tls = {mode: implicit ? 'implicit' : 'starttls', protocol, cipher};
			if (!lines.some(entry => entry.id === 'relay-tls')) {
				lines.push(line('tls', 'pass', implicit
					? {en: `TLS from the first byte (port 465 style): ${protocol}, ${cipher}`, zh: `从第一个字节起使用 TLS（465 端口方式）：${protocol}，${cipher}`}
					: {en: `STARTTLS: ${protocol}, ${cipher}`, zh: `STARTTLS：${protocol}，${cipher}`}));
			}

			state.certificate = certificateReport(secure, target.host);
			lines.push(certificateLine(state.certificate, target.host, security, caError));
		} else if (!lines.some(entry => entry.id === 'relay-tls')) {
			const text = security.level === 'none' && state.starttls
				? {en: `the relay offers STARTTLS, but smtp_tls_security_level is none: mail${security.loginConfigured ? ' and the password' : ''} would travel unencrypted`, zh: `中继提供 STARTTLS，但 smtp_tls_security_level 为 none：邮件${security.loginConfigured ? '和密码' : ''}将以明文传输`}
				: requireTls
					? withExplanation({
						en: `${where} offers no STARTTLS: mail${security.loginConfigured ? ' and the password' : ''} cannot be encrypted on this port`,
						zh: `${where} 不提供 STARTTLS：邮件${security.loginConfigured ? '和密码' : ''}在该端口上无法加密。`,
					}, `TLS is required, but was not offered by host ${target.host}`)
					: {en: `${where} offers no STARTTLS: mail travels to the relay unencrypted`, zh: `${where} 不提供 STARTTLS：邮件以明文传给中继`};
			lines.push(line('tls', requireTls ? 'fail' : 'warn', text));
		}

		state.authMechanisms = caps.auth;
		lines.push(authLine(caps.auth, Boolean(secure), security));

		if (options.login) {
			if (!secure) {
				// A password never goes out in the clear, whatever the relay accepts.
				lines.push(line('login', 'fail', {en: 'not tried: the connection is not encrypted, and a password is never sent without TLS', zh: '未尝试：连接未加密，密码绝不在没有 TLS 的情况下发送'}));
			} else if (caps.auth.some(mechanism => mechanism === 'PLAIN' || mechanism === 'LOGIN')) {
				const result = await tryLogin(talk, options.login, caps.auth, timeoutMs);
				state.login = result.ok ? 'ok' : 'refused';
				lines.push(result.ok
					? line('login', 'pass', {en: `logged in as ${options.login.username} (AUTH ${result.mechanism}, ${result.reply.text}); no mail was sent`, zh: `已以 ${options.login.username} 登录（AUTH ${result.mechanism}，${result.reply.text}）；未发送任何邮件`})
					: line('login', 'fail', withExplanation(
						{en: `the relay refused the login of ${options.login.username}: ${result.reply.text}`, zh: `中继拒绝了 ${options.login.username} 的登录：${result.reply.text}。`},
						`SASL authentication failed; server said: ${result.reply.text}`,
					)));
			} else {
				lines.push(line('login', 'fail', {en: 'not tried: the relay offers neither AUTH PLAIN nor AUTH LOGIN', zh: '未尝试：中继既不提供 AUTH PLAIN 也不提供 AUTH LOGIN'}));
			}
		} else if (security.loginConfigured) {
			lines.push(line('login', 'skip', {en: 'not tried (`verify --login` tries it; failed logins count toward the provider\'s lockout)', zh: '未尝试（`verify --login` 会尝试；失败的登录会计入服务商的锁定次数）'}));
		}

		talk.send('quit', 'QUIT');
		await talk.reply('quit', Math.min(timeoutMs, 2000)).catch(() => undefined);
		return finish();
	} catch (error) {
		const failure = error as {message: string; code?: string; reason?: string};
		const text = describeFailure(failure, target, timeoutMs);
		state.error = text.en;
		const phase = error instanceof TalkTimeout ? error.phase : undefined;
		const handshake = phase === 'tls' || /TLS handshake failure/.test(text.en);
		if (talk && handshake) {
			// The relay answered TCP; the TLS itself failed (implicit TLS against a STARTTLS port, or the reverse).
			if (!state.reachable) {
				lines.push(line('relay', 'pass', {en: `${where} accepts connections`, zh: `${where} 接受连接`}));
			}

			lines.push(line('tls', 'fail', withExplanation(text, 'Cannot start TLS: handshake failure')));
		} else if (talk && phase === 'greeting' && !implicit) {
			// Connected, then silence: the port may speak TLS from the first byte, as 465 does.
			lines.push(line('relay', 'fail', withExplanation(
				{
					en: `${where} accepted the connection but sent no greeting within ${timeoutMs / 1000} s: if this port speaks TLS from the first byte (like 465), Postfix needs smtp_tls_wrappermode = yes`,
					zh: `${where} 接受了连接，但 ${timeoutMs / 1000} 秒内没有发出问候：如果该端口从第一个字节起使用 TLS（如 465），Postfix 需要 smtp_tls_wrappermode = yes。`,
				},
				'SMTPS wrappermode (TCP port 465) requires setting "smtp_tls_wrappermode = yes"',
			)));
		} else if (!state.reachable) {
			lines.push(line('relay', 'fail', withExplanation(text)));
		} else {
			lines.push(line(phase === 'auth' ? 'login' : 'relay', 'fail', withExplanation(text)));
		}

		return finish();
	} finally {
		talk?.destroy();
	}
}

/** The transcript as swaks prints it: `phase  C: line` / `S:` / `*`. */
export function formatTranscript(transcript: readonly TranscriptLine[]): string[] {
	return transcript.map(entry => `${entry.phase.padEnd(9)} ${entry.from === '*' ? '*' : `${entry.from}:`} ${entry.text}`);
}
