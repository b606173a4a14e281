import type {Localized} from '../i18n/lang.js';

/**
 * The parts of a verify run, in the order they run. A live checklist shows them all at once
 * (pending ones dimmed) and fills each in as its checks arrive; a run that is stopped says
 * which one it was in, and what it was doing.
 */
export type VerifyStageId = 'sandbox' | 'settings' | 'root-mail' | 'postfix' | 'login' | 'relay' | 'delivery';

export interface VerifyStage {
	readonly id: VerifyStageId;
	readonly title: Localized;
}

/** A stage has begun: what it does now, in words a person waiting can follow. */
export interface StageProgress {
	readonly id: VerifyStageId;
	readonly doing: Localized;
}

const titles: Readonly<Record<VerifyStageId, Localized>> = {
	sandbox: {en: 'Sandbox', zh: '沙盒'},
	settings: {en: 'Null-client settings', zh: '空客户端设置'},
	'root-mail': {en: 'Root\'s mail', zh: 'root 的邮件'},
	postfix: {en: 'Postfix\'s own check and service', zh: 'Postfix 自检与服务'},
	login: {en: 'Relay login setup', zh: '中继登录设置'},
	relay: {en: 'Relay', zh: '中继'},
	delivery: {en: 'Test mail', zh: '测试邮件'},
};

/** The stages a run with these options goes through. */
export function verifyStages(options: {readonly sandbox?: boolean; readonly to?: string}): VerifyStage[] {
	const ids: VerifyStageId[] = [
		...(options.sandbox ? ['sandbox' as const] : []),
		'settings', 'root-mail', 'postfix', 'login', 'relay',
		...(options.to === undefined ? [] : ['delivery' as const]),
	];
	return ids.map(id => ({id, title: titles[id]}));
}

/** What each stage does, said while it runs (and repeated if the run is stopped there). */
export const stageDoing = {
	sandbox: {en: 'starting a throwaway Postfix and its loopback relay, then configuring it as a null client', zh: '正在启动一次性 Postfix 及其回环中继，并将其配置为空客户端'},
	settings: (dir: string): Localized => ({en: `reading ${dir}/main.cf with postconf`, zh: `正在用 postconf 读取 ${dir}/main.cf`}),
	rootMail: {en: 'looking up who receives root\'s mail (virtual_alias_maps)', zh: '正在查询谁接收 root 的邮件（virtual_alias_maps）'},
	postfix: {en: 'running postfix check (a few seconds) and looking for the master process', zh: '正在运行 postfix check（需要几秒）并查找 master 进程'},
	login: {en: 'reading the login settings and the sasl_passwd map', zh: '正在读取登录设置和 sasl_passwd 映射表'},
	relay: (relayhost: string, login: boolean): Localized => login
		? {en: `connecting to the relay ${relayhost}, then logging in (no mail is sent)`, zh: `正在连接中继 ${relayhost} 并登录（不发送邮件）`}
		: {en: `connecting to the relay ${relayhost}`, zh: `正在连接中继 ${relayhost}`},
	noRelay: {en: 'no relayhost: nothing to connect to', zh: '没有 relayhost：无处可连接'},
	sending: (to: string): Localized => ({en: `handing a test mail for ${to} to sendmail`, zh: `正在把发给 ${to} 的测试邮件交给 sendmail`}),
	queueId: {en: 'waiting for Postfix to log the message\'s queue ID', zh: '正在等待 Postfix 在日志中记录该邮件的队列 ID'},
	deliveryLine: (queueId: string, log: string | undefined): Localized => ({
		en: `waiting for the log line with the delivery status of queue ID ${queueId}${log ? ` in ${log}` : ''}`,
		zh: `正在等待${log ? ` ${log} 中` : ''}队列 ID ${queueId} 的投递状态日志行`,
	}),
	queueWatch: {en: 'no log to follow: watching the queue until the message leaves it', zh: '没有可跟踪的日志：正在观察队列，直到邮件离开'},
} as const;
