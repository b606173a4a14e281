import {type Localized, untranslated} from '../i18n/lang.js';
import {sameValue} from '../plan/plan.js';
import {readCurrentConfig} from '../postfix/current.js';
import {readExpanded, readServices} from '../postfix/postconf.js';
import {runCheck, serviceStatus} from '../postfix/service.js';
import type {PostfixTarget} from '../postfix/target.js';
import {settings} from '../settings/catalogue.js';
import {originDomainProblem, resolveOrigin} from '../settings/origin.js';
import {readFile} from 'node:fs/promises';
import {isLoopbackNetwork, listItems} from '../settings/syntax.js';
import {isLoopbackAddress, readListeners, serviceEndpoint} from './listening.js';
import {probeRelay, type RelayProbe} from './relay-probe.js';
import {auditLogin, loginParameters, relaySecurityOf} from './login-checks.js';
import {followTestMail} from './test-mail.js';
import type {CheckResult, CheckStatus, DeliveryReport, TrackEvent} from './types.js';
import {shellQuote} from '../commands/format.js';
import {rootMailChecks} from './root-mail.js';
import {type StageProgress, stageDoing} from './stages.js';

export type {CheckResult, CheckStatus} from './types.js';

export interface VerifyReport {
	readonly configDir: string;
	readonly ok: boolean;
	readonly checks: readonly CheckResult[];
	readonly relay: RelayProbe | undefined;
	readonly delivery: DeliveryReport | undefined;
}

function shownValue(value: string): Localized {
	return value === '' ? {en: '(empty)', zh: '（空）'} : untranslated(value);
}

/** How bad a deviation from the null-client value is, per parameter. */
function settingVerdict(name: string, value: string, recommended: string): {status: CheckStatus; detail: Localized} {
	const setting = settings.find(entry => entry.name === name)!;
	const shown = shownValue(value);
	const validation = setting.validate(value);
	if (!validation.ok) {
		return {status: 'fail', detail: {en: `${shown.en}: ${validation.error.rule.en}`, zh: `${shown.zh}：${validation.error.rule.zh}`}};
	}

	const warnings = validation.warnings.map(warning => warning.message);
	const joined = {en: warnings.map(w => w.en).join(' '), zh: warnings.map(w => w.zh).join(' ')};
	if (warnings.length === 0) {
		// relayhost and myorigin are the site's own choice; the others have one right value.
		const siteSpecific = name === 'relayhost' || name === 'myorigin';
		const quiet = siteSpecific || sameValue(value, recommended);
		const better = shownValue(recommended);
		return {status: 'pass', detail: {en: `${shown.en}${quiet ? '' : ` (recommended: ${better.en})`}`, zh: `${shown.zh}${quiet ? '' : `（建议值：${better.zh}）`}`}};
	}

	const open = (name === 'inet_interfaces' && listItems(value).includes('all'))
		|| (name === 'mynetworks' && listItems(value).some(item => /^[\d[]/.test(item) && !isLoopbackNetwork(item)))
		|| (name === 'relayhost' && value.trim() === '');
	return {status: open ? 'fail' : 'warn', detail: {en: `${shown.en}: ${joined.en}`, zh: `${shown.zh}：${joined.zh}`}};
}

/**
 * myorigin naming a file (Debian's /etc/mailname) is judged by what the file says: without
 * it every Postfix program that reads main.cf stops, so a ✔ on the value alone would lie.
 */
async function originFileVerdict(value: string, verdict: {status: CheckStatus; detail: Localized}): Promise<{status: CheckStatus; detail: Localized}> {
	const file = value.trim();
	if (!file.startsWith('/')) {
		return verdict;
	}

	const line = (await readFile(file, 'utf8').catch(() => undefined))?.split('\n')[0];
	const resolved = resolveOrigin(file, {files: new Map([[file, line]])});
	if (!resolved.ok) {
		return {status: 'fail', detail: {
			en: `${file} cannot be read, and Postfix takes its senders' domain from it: every Postfix program that reads main.cf stops. Fix: write this machine's mail domain on its first line, or postfix-wizard apply --set myorigin=example.com`,
			zh: `无法读取 ${file}，而 Postfix 从中获取发件人的域名：读取 main.cf 的每个 Postfix 程序都会停止。解决：在其第一行写入本机的邮件域名，或运行 postfix-wizard apply --set myorigin=example.com`,
		}};
	}

	const found = originDomainProblem(resolved.domain, file);
	if (found) {
		return {status: 'fail', detail: {en: `${file}: ${found.rule.en}`, zh: `${file}：${found.rule.zh}`}};
	}

	return {status: verdict.status, detail: {en: `${verdict.detail.en} (${resolved.domain.trim()})`, zh: `${verdict.detail.zh}（${resolved.domain.trim()}）`}};
}

const titles: Readonly<Record<string, Localized>> = {
	check: {en: 'postfix check', zh: 'postfix check'},
	service: {en: 'Postfix running', zh: 'Postfix 正在运行'},
	listening: {en: 'Listening on loopback only', zh: '仅在回环地址上监听'},
	delivery: {en: 'Test mail delivered to the relay', zh: '测试邮件已交给中继'},
};

export interface VerifyOptions {
	readonly to?: string;
	readonly timeoutMs: number;
	/** Also log in to the relay with the map's credentials (then QUIT): `verify --login`. */
	readonly login?: boolean;
	readonly signal?: AbortSignal;
	/** Each check as soon as it is known, for a live checklist. */
	readonly onCheck?: (check: CheckResult) => void;
	/** Each part of the run as it begins, with what it does (for a checklist that shows what it waits for). */
	readonly onStage?: (stage: StageProgress) => void;
}

/** What the test mail's stage waits for, from the tracker's events. */
function deliveryDoing(onStage: (stage: StageProgress) => void): (event: TrackEvent) => void {
	let log: string | undefined;
	return event => {
		if (event.type === 'following') {
			log = event.log;
		} else if (event.type === 'no-log') {
			onStage({id: 'delivery', doing: stageDoing.queueWatch});
		} else if (event.type === 'submitted' && log !== undefined) {
			onStage({id: 'delivery', doing: stageDoing.queueId});
		} else if (event.type === 'queued' && log !== undefined) {
			onStage({id: 'delivery', doing: stageDoing.deliveryLine(event.queueId, log)});
		}
	};
}

/**
 * The audit behind `verify` and the wizard's last screen: the five settings against
 * the null-client values, Postfix's own check, the service, what it listens on, the
 * relay, and with a recipient a test mail followed to its status.
 */
export async function verifyNullClient(target: PostfixTarget, options: VerifyOptions): Promise<VerifyReport> {
	const checks: CheckResult[] = [];
	const add = (check: CheckResult) => {
		checks.push(check);
		options.onCheck?.(check);
		return check;
	};

	const stage = options.onStage ?? (() => {});
	stage({id: 'settings', doing: stageDoing.settings(target.configDir)});
	const names = settings.map(setting => setting.name);
	const current = await readCurrentConfig(target, [...names, 'mydomain', 'myhostname'], {signal: options.signal});
	if (!current.mainCfExists) {
		await missingMainCf(target, current.startingPoint, add, options);
		return {configDir: target.configDir, ok: false, checks, relay: undefined, delivery: undefined};
	}

	const context = {mydomain: current.values.get('mydomain'), myhostname: current.values.get('myhostname')};
	for (const setting of settings) {
		const value = current.values.get(setting.name) ?? setting.postfixDefault;
		const verdict = settingVerdict(setting.name, value, setting.recommended(context));
		add({id: setting.name, title: untranslated(setting.name), ...(setting.name === 'myorigin' && verdict.status !== 'fail' ? await originFileVerdict(value, verdict) : verdict)});
	}

	// Cron's mail: on a null client /etc/aliases is never read, so root needs a mapping.
	stage({id: 'root-mail', doing: stageDoing.rootMail});
	for (const found of await rootMailChecks(target, options.signal)) {
		add(found);
	}

	stage({id: 'postfix', doing: stageDoing.postfix});
	const [check, status] = await Promise.all([runCheck(target, {signal: options.signal}), serviceStatus(target, {signal: options.signal})]);
	add({
		id: 'check',
		title: titles['check']!,
		status: check.ok ? (check.messages.length > 0 ? 'warn' : 'pass') : 'fail',
		detail: check.ok && check.messages.length === 0 ? {en: 'no problems found', zh: '未发现问题'} : untranslated(check.messages.join('\n')),
	});
	add({
		id: 'service',
		title: titles['service']!,
		status: status.running ? 'pass' : 'fail',
		detail: status.running
			? {en: `master PID ${status.pid ?? '?'} (${status.manager === 'systemd' ? 'systemd' : 'postfix start'})`, zh: `master 进程 ${status.pid ?? '?'}（${status.manager === 'systemd' ? 'systemd' : 'postfix start'}）`}
			: {en: `not running: start it with ${status.manager === 'systemd' ? 'systemctl start postfix' : `postfix${target.isDefault ? '' : ` -c ${target.configDir}`} start`}`, zh: `未运行：请用 ${status.manager === 'systemd' ? 'systemctl start postfix' : `postfix${target.isDefault ? '' : ` -c ${target.configDir}`} start`} 启动`},
	});

	add({id: 'listening', title: titles['listening']!, ...(await listeningVerdict(target, current.values.get('inet_interfaces') ?? 'all', status.running))});

	// Login and TLS parameters as the daemons see them ($config_directory expanded).
	stage({id: 'login', doing: stageDoing.login});
	const loginValues = (await readExpanded(target, loginParameters, {signal: options.signal}).catch(() => undefined))?.values ?? new Map<string, string>();
	const security = relaySecurityOf(loginValues);
	const audit = security.loginConfigured ? await auditLogin(target, loginValues, {signal: options.signal}) : undefined;
	for (const check of audit?.checks ?? []) {
		add(check);
	}

	const relayhost = current.values.get('relayhost') ?? '';
	// The login is tried only when asked: failed logins count toward providers' lockouts.
	const login = options.login ? audit?.entry : undefined;
	stage({id: 'relay', doing: relayhost.trim() === '' ? stageDoing.noRelay : stageDoing.relay(relayhost, login !== undefined)});
	const relay = await probeRelay(relayhost, {timeoutMs: Math.min(options.timeoutMs, 10_000), signal: options.signal, security, login});
	for (const line of relay.lines) {
		add(line);
	}

	if (options.login && !security.loginConfigured) {
		add({id: 'relay-login', title: {en: 'Login', zh: '登录'}, status: 'skip', detail: {en: 'no login is configured (smtp_sasl_auth_enable is not yes)', zh: '未配置登录（smtp_sasl_auth_enable 不是 yes）'}});
	}

	let delivery: DeliveryReport | undefined;
	if (options.to) {
		stage({id: 'delivery', doing: stageDoing.sending(options.to)});
		delivery = await followTestMail(target, {
			to: options.to,
			timeoutMs: options.timeoutMs,
			signal: options.signal,
			onEvent: deliveryDoing(stage),
		});
		const reply = delivery.reply ? ` (${delivery.reply})` : '';
		add({
			id: 'delivery',
			title: titles['delivery']!,
			// Left the queue with no log to say where: not a failure, not a proof either.
			status: delivery.status === 'sent' ? 'pass' : delivery.status === 'left-queue' ? 'warn' : 'fail',
			detail: delivery.status === 'sent'
				? {en: `sent, queue ID ${delivery.queueId}, relay ${delivery.relay}${reply}: the relay accepted it (not proof it reached the mailbox)`, zh: `已发送，队列 ID ${delivery.queueId}，中继 ${delivery.relay}${reply}：中继已接受（不代表已到达收件箱）`}
				: delivery.status === 'left-queue'
					? {en: `left the queue${delivery.queueId ? ` (queue ID ${delivery.queueId})` : ''}: Postfix handed it on, but this host keeps no mail log to say where. Fix: let Postfix log itself, maillog_file = /var/log/postfix.log (the postlog service in master.cf, Postfix 3.4+).`, zh: `已离开队列${delivery.queueId ? `（队列 ID ${delivery.queueId}）` : ''}：Postfix 已将其转交，但本机没有邮件日志说明去向。解决：让 Postfix 自己记录日志，maillog_file = /var/log/postfix.log（需 master.cf 中的 postlog 服务，Postfix 3.4+）。`}
					: {en: `${delivery.status}${delivery.queueId ? `, queue ID ${delivery.queueId}` : ''}${reply}${delivery.explanation ? ` — ${delivery.explanation.cause.en} Fix: ${delivery.explanation.fix.en}` : ''}`, zh: `${delivery.status}${delivery.queueId ? `，队列 ID ${delivery.queueId}` : ''}${reply}${delivery.explanation ? ` — ${delivery.explanation.cause.zh} 解决：${delivery.explanation.fix.zh}` : ''}`},
		});
	}

	return {configDir: target.configDir, ok: checks.every(check => check.status !== 'fail'), checks, relay, delivery};
}

/**
 * No main.cf (Debian's "No configuration"): Postfix cannot start, and there is nothing of
 * the null client's to audit. One failed check says so and how to create it; the rest
 * would only judge the distribution's sample, so they are skipped, not guessed.
 */
async function missingMainCf(target: PostfixTarget, startingPoint: string | undefined, add: (check: CheckResult) => CheckResult, options: VerifyOptions): Promise<void> {
	const file = `${target.configDir}/main.cf`;
	const wizard = `postfix-wizard${target.isDefault ? '' : ` --config-dir ${shellQuote(target.configDir)}`}`;
	const from = startingPoint ?? '';
	add({
		id: 'main-cf',
		title: {en: 'main.cf exists', zh: 'main.cf 存在'},
		status: 'fail',
		detail: {
			en: `${file} does not exist (Debian's "No configuration"): Postfix cannot start without it. Fix: run ${wizard} (or ${wizard} apply --set …), which creates it${from ? ` from ${from}` : ''} with the null-client settings.`,
			zh: `${file} 不存在（Debian 的 "No configuration"）：没有它 Postfix 无法启动。解决：运行 ${wizard}（或 ${wizard} apply --set …），它会${from ? `以 ${from} 为基础` : ''}创建该文件并写入空客户端设置。`,
		},
	});
	const skipped = {status: 'skip' as const, detail: {en: 'no main.cf', zh: '没有 main.cf'}};
	for (const setting of settings) {
		add({id: setting.name, title: untranslated(setting.name), ...skipped});
	}

	add({id: 'check', title: titles['check']!, ...skipped});
	const status = await serviceStatus(target, {signal: options.signal});
	add({
		id: 'service',
		title: titles['service']!,
		status: status.running ? 'warn' : 'fail',
		detail: status.running
			? {en: `master PID ${status.pid ?? '?'} runs on a configuration whose main.cf is gone`, zh: `master 进程 ${status.pid ?? '?'} 仍在运行，但其 main.cf 已不存在`}
			: {en: 'not running (it cannot start without main.cf)', zh: '未运行（没有 main.cf 无法启动）'},
	});
	add({id: 'listening', title: titles['listening']!, ...skipped});
	add({id: 'relay', title: {en: 'Relay reachable', zh: '中继可达'}, ...skipped});
	if (options.to) {
		add({id: 'delivery', title: titles['delivery']!, status: 'fail', detail: {en: 'not sent: there is no main.cf', zh: '未发送：没有 main.cf'}});
	}
}

async function listeningVerdict(target: PostfixTarget, inetInterfaces: string, running: boolean): Promise<{status: CheckStatus; detail: Localized}> {
	if (!running) {
		return {status: 'skip', detail: {en: 'Postfix is not running', zh: 'Postfix 未运行'}};
	}

	const services = (await readServices(target).catch(() => [])).filter(service => service.type === 'inet' && /\bsmtpd\b/.test(service.command));
	const endpoints = services.map(service => serviceEndpoint(service.service)).filter(endpoint => endpoint !== undefined);
	if (endpoints.length === 0) {
		return {status: 'pass', detail: {en: 'no smtpd service in master.cf: Postfix accepts no mail over the network', zh: 'master.cf 中没有 smtpd 服务：Postfix 不从网络接收邮件'}};
	}

	const listeners = await readListeners();
	const ports = new Set(endpoints.map(endpoint => endpoint.port));
	const exposed = listeners.filter(listener => ports.has(listener.port) && !isLoopbackAddress(listener.address));
	const shown = [...ports].join(', ');
	const loopbackOnly = listItems(inetInterfaces).every(item => ['loopback-only', 'localhost'].includes(item) || isLoopbackAddress(item.replace(/^\[|\]$/g, '')));
	if (exposed.length === 0) {
		return {status: 'pass', detail: {en: `port ${shown}: loopback only`, zh: `端口 ${shown}：仅回环地址`}};
	}

	const where = exposed.map(listener => `${listener.address}:${listener.port}`).join(', ');
	return loopbackOnly
		? {status: 'fail', detail: {en: `inet_interfaces says loopback, but ${where} listens: stop and start Postfix (a reload does not apply inet_interfaces)`, zh: `inet_interfaces 要求仅回环，但 ${where} 在监听：请停止并重新启动 Postfix（重新加载不会应用 inet_interfaces）`}}
		: {status: 'fail', detail: {en: `listening on ${where}: reachable from the network (inet_interfaces = ${inetInterfaces})`, zh: `正在 ${where} 上监听：网络可达（inet_interfaces = ${inetInterfaces}）`}};
}
