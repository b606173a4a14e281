import type {Localized} from '../i18n/lang.js';
import {sameValue} from '../plan/plan.js';
import {readCurrentConfig} from '../postfix/current.js';
import {readServices} from '../postfix/postconf.js';
import {runCheck, serviceStatus} from '../postfix/service.js';
import type {PostfixTarget} from '../postfix/target.js';
import {settings} from '../settings/catalogue.js';
import {isLoopbackNetwork, listItems} from '../settings/syntax.js';
import {isLoopbackAddress, readListeners, serviceEndpoint} from './listening.js';
import {probeRelay, type RelayProbe} from './relay-probe.js';
import {followTestMail} from './test-mail.js';
import type {DeliveryReport, TrackEvent} from './types.js';
import {explain} from './explain.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One line of the checklist. */
export interface CheckResult {
	readonly id: string;
	readonly title: Localized;
	readonly status: CheckStatus;
	readonly detail: Localized;
}

export interface VerifyReport {
	readonly configDir: string;
	readonly ok: boolean;
	readonly checks: readonly CheckResult[];
	readonly relay: RelayProbe | undefined;
	readonly delivery: DeliveryReport | undefined;
}

function same(text: string): Localized {
	return {en: text, zh: text};
}

function shownValue(value: string): Localized {
	return value === '' ? {en: '(empty)', zh: '（空）'} : same(value);
}

/** What a reachable relay said and offers (STARTTLS, AUTH, SIZE). */
function relayOffers(relay: RelayProbe): Localized {
	const offers = (noTls: string) => [relay.starttls ? 'STARTTLS' : noTls, relay.authMechanisms.length > 0 ? `AUTH ${relay.authMechanisms.join(' ')}` : '', relay.sizeLimit ? `SIZE ${relay.sizeLimit}` : ''].filter(Boolean).join(', ');
	const head = `${relay.host}:${relay.port} — ${relay.greeting ?? '220'}`;
	return {en: `${head}; ${offers('no STARTTLS')}`, zh: `${head}；${offers('不支持 STARTTLS')}`};
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

const titles: Readonly<Record<string, Localized>> = {
	check: {en: 'postfix check', zh: 'postfix check'},
	service: {en: 'Postfix running', zh: 'Postfix 正在运行'},
	listening: {en: 'Listening on loopback only', zh: '仅在回环地址上监听'},
	relay: {en: 'Relay reachable', zh: '中继可达'},
	delivery: {en: 'Test mail delivered to the relay', zh: '测试邮件已交给中继'},
};

export interface VerifyOptions {
	readonly to?: string;
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
	/** Each check as soon as it is known, for a live checklist. */
	readonly onCheck?: (check: CheckResult) => void;
	readonly onMailEvent?: (event: TrackEvent) => void;
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

	const names = settings.map(setting => setting.name);
	const current = await readCurrentConfig(target, [...names, 'mydomain', 'myhostname'], {signal: options.signal});
	const context = {mydomain: current.values.get('mydomain'), myhostname: current.values.get('myhostname')};
	for (const setting of settings) {
		const value = current.values.get(setting.name) ?? setting.postfixDefault;
		add({id: setting.name, title: same(setting.name), ...settingVerdict(setting.name, value, setting.recommended(context))});
	}

	const [check, status] = await Promise.all([runCheck(target, {signal: options.signal}), serviceStatus(target, {signal: options.signal})]);
	add({
		id: 'check',
		title: titles['check']!,
		status: check.ok ? (check.messages.length > 0 ? 'warn' : 'pass') : 'fail',
		detail: check.ok && check.messages.length === 0 ? {en: 'no problems found', zh: '未发现问题'} : same(check.messages.join('\n')),
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

	const relayhost = current.values.get('relayhost') ?? '';
	const relay = relayhost.trim() === '' ? undefined : await probeRelay(relayhost, {timeoutMs: Math.min(options.timeoutMs, 10_000), signal: options.signal});
	add({
		id: 'relay',
		title: titles['relay']!,
		status: relay === undefined ? 'fail' : relay.reachable ? 'pass' : 'fail',
		detail: relay === undefined
			? {en: 'relayhost is empty: there is no relay', zh: 'relayhost 为空：没有中继'}
			: relay.reachable
				? relayOffers(relay)
				: explained(`${relay.host ?? relayhost}:${relay.port ?? ''} — ${relay.error ?? 'unreachable'}`),
	});

	let delivery: DeliveryReport | undefined;
	if (options.to) {
		delivery = await followTestMail(target, {to: options.to, timeoutMs: options.timeoutMs, signal: options.signal, onEvent: options.onMailEvent});
		const reply = delivery.reply ? ` (${delivery.reply})` : '';
		add({
			id: 'delivery',
			title: titles['delivery']!,
			status: delivery.status === 'sent' ? 'pass' : 'fail',
			detail: delivery.status === 'sent'
				? {en: `sent, queue ID ${delivery.queueId}, relay ${delivery.relay}${reply}: the relay accepted it (not proof it reached the mailbox)`, zh: `已发送，队列 ID ${delivery.queueId}，中继 ${delivery.relay}${reply}：中继已接受（不代表已到达收件箱）`}
				: {en: `${delivery.status}${delivery.queueId ? `, queue ID ${delivery.queueId}` : ''}${reply}${delivery.explanation ? ` — ${delivery.explanation.cause.en} Fix: ${delivery.explanation.fix.en}` : ''}`, zh: `${delivery.status}${delivery.queueId ? `，队列 ID ${delivery.queueId}` : ''}${reply}${delivery.explanation ? ` — ${delivery.explanation.cause.zh} 解决：${delivery.explanation.fix.zh}` : ''}`},
		});
	}

	return {configDir: target.configDir, ok: checks.every(check => check.status !== 'fail'), checks, relay, delivery};
}

function explained(text: string): Localized {
	const explanation = explain(text);
	return explanation ? {en: `${text} — ${explanation.cause.en} Fix: ${explanation.fix.en}`, zh: `${text} — ${explanation.cause.zh} 解决：${explanation.fix.zh}`} : same(text);
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
