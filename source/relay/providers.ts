import type {Localized} from '../i18n/lang.js';
import {type ProviderId, providerIds} from './types.js';

/** The relays people really use, each with what it needs of this machine (../shared/RELAYS.md). */
export interface Provider {
	readonly id: ProviderId;
	readonly label: Localized;
	/** The relay's host; a function of the region for SES; undefined when the user gives it. */
	readonly host: string | ((region: string) => string) | undefined;
	/** Asked before the host is known (SES: its SMTP endpoint and credentials are per region). */
	readonly region?: {readonly example: string};
	/** The port proposed: submission with STARTTLS everywhere it exists. */
	readonly port: number;
	/** True when the provider also takes implicit TLS on 465 (Postmark and Microsoft 365 do not). */
	readonly implicitTls: boolean;
	/** Whether a login is needed: `optional` when an IP allow-list can replace it. */
	readonly login: 'required' | 'optional' | 'none';
	/** The username when it is always the same word (SendGrid's `apikey`). */
	readonly fixedUsername?: string;
	readonly usernameHint: Localized;
	readonly passwordHint: Localized;
	/** One line: which sender addresses the relay accepts. */
	readonly sender: Localized;
	/**
	 * The relay refuses (or rewrites) senders it has not verified, so mail from root@this-host
	 * fails even with a correct login: the wizard proposes its "Send as" step.
	 */
	readonly verifiedSenderOnly: boolean;
	/** The login is itself an address the relay lets this account send as (Gmail, Microsoft 365): the proposed sender. */
	readonly sendsAsLogin?: true;
	/** What else a person must know before choosing it. */
	readonly note?: Localized;
}

const other: Provider = {
	id: 'other',
	label: {en: 'Another relay (your company\'s or provider\'s submission server)', zh: '其他中继（公司或服务商的提交服务器）'},
	host: undefined,
	port: 587,
	implicitTls: true,
	login: 'required',
	usernameHint: {en: 'the login your relay gave you, often a full e-mail address', zh: '中继提供的登录名，通常是完整的邮箱地址'},
	passwordHint: {en: 'its password', zh: '对应的密码'},
	sender: {en: 'Ask the relay\'s administrator which sender addresses it accepts for this login.', zh: '请向中继管理员确认此登录允许使用哪些发件地址。'},
	verifiedSenderOnly: false,
};

/** Mailgun's two regions differ only in the host: one set of rules. */
const mailgun = {
	port: 587,
	implicitTls: true,
	login: 'required',
	usernameHint: {en: 'the domain\'s SMTP login, e.g. postmaster@mg.example.com', zh: '域名的 SMTP 登录名，例如 postmaster@mg.example.com'},
	passwordHint: {en: 'that SMTP login\'s password', zh: '该 SMTP 登录名的密码'},
	sender: {en: 'The sender must be on the Mailgun sending domain these credentials belong to.', zh: '发件人必须属于这组凭据所在的 Mailgun 发信域名。'},
	verifiedSenderOnly: true,
} as const;

export const providers: readonly Provider[] = [
	{
		id: 'ses',
		label: {en: 'Amazon SES', zh: 'Amazon SES'},
		host: region => `email-smtp.${region}.amazonaws.com`,
		region: {example: 'eu-west-1'},
		port: 587,
		implicitTls: true,
		login: 'required',
		usernameHint: {en: 'the SMTP username from the SES console (SMTP credentials, not IAM access keys)', zh: 'SES 控制台生成的 SMTP 用户名（SMTP 凭据，不是 IAM 访问密钥）'},
		passwordHint: {en: 'the SMTP password of that region', zh: '该区域的 SMTP 密码'},
		sender: {en: 'The sender must be an identity verified in this region (in the SES sandbox, the recipients too).', zh: '发件人必须是在该区域已验证的身份（在 SES 沙盒中，收件人也须验证）。'},
		verifiedSenderOnly: true,
		note: {en: 'SMTP credentials are per region; EC2 throttles port 25, so 587 is used.', zh: 'SMTP 凭据按区域区分；EC2 会限制 25 端口，因此使用 587。'},
	},
	{
		id: 'sendgrid',
		label: {en: 'SendGrid', zh: 'SendGrid'},
		host: 'smtp.sendgrid.net',
		port: 587,
		implicitTls: true,
		login: 'required',
		fixedUsername: 'apikey',
		usernameHint: {en: 'literally apikey', zh: '就是 apikey 这个词'},
		passwordHint: {en: 'an API key with the "Mail Send" permission', zh: '具有“Mail Send”权限的 API 密钥'},
		sender: {en: 'The sender must be a verified Single Sender or on an authenticated domain.', zh: '发件人必须是已验证的单一发件人，或属于已认证的域名。'},
		verifiedSenderOnly: true,
	},
	{...mailgun, id: 'mailgun', label: {en: 'Mailgun (US region)', zh: 'Mailgun（美国区域）'}, host: 'smtp.mailgun.org'},
	{
		...mailgun,
		id: 'mailgun-eu',
		label: {en: 'Mailgun (EU region)', zh: 'Mailgun（欧盟区域）'},
		host: 'smtp.eu.mailgun.org',
		note: {en: 'Domains created in Mailgun\'s EU region only work with the EU host.', zh: '在 Mailgun 欧盟区域创建的域名只能使用欧盟主机。'},
	},
	{
		id: 'postmark',
		label: {en: 'Postmark', zh: 'Postmark'},
		host: 'smtp.postmarkapp.com',
		port: 587,
		implicitTls: false,
		login: 'required',
		usernameHint: {en: 'the Server API token', zh: '服务器 API 令牌（Server API token）'},
		passwordHint: {en: 'the same Server API token again', zh: '再次填写同一个服务器 API 令牌'},
		sender: {en: 'The sender must be a confirmed Sender Signature or on a verified domain.', zh: '发件人必须是已确认的发件人签名，或属于已验证的域名。'},
		verifiedSenderOnly: true,
		note: {en: 'Postmark has no port 465: STARTTLS on 587 only.', zh: 'Postmark 没有 465 端口：只能在 587 上使用 STARTTLS。'},
	},
	{
		id: 'gmail',
		label: {en: 'Gmail (app password)', zh: 'Gmail（应用专用密码）'},
		host: 'smtp.gmail.com',
		port: 587,
		implicitTls: true,
		login: 'required',
		usernameHint: {en: 'the full Gmail address', zh: '完整的 Gmail 地址'},
		passwordHint: {en: 'a 16-character app password (needs 2-step verification), not the account password', zh: '16 位应用专用密码（需开启两步验证），不是账户密码'},
		sender: {en: 'Gmail sends as the account\'s address (or a configured "Send mail as" alias), whatever From says.', zh: '无论 From 写什么，Gmail 都以该账户地址（或已设置的“以此身份发送”别名）发送。'},
		verifiedSenderOnly: true,
		sendsAsLogin: true,
		note: {en: 'About 500 messages a day.', zh: '每天约 500 封。'},
	},
	{
		id: 'google-workspace',
		label: {en: 'Google Workspace SMTP relay', zh: 'Google Workspace SMTP 中继'},
		host: 'smtp-relay.gmail.com',
		port: 587,
		implicitTls: true,
		login: 'optional',
		usernameHint: {en: 'a Workspace address (with an app password), or choose "no login" when the relay allows this machine\'s IP address', zh: 'Workspace 地址（配合应用专用密码）；若中继已允许本机 IP，请选择“不登录”'},
		passwordHint: {en: 'that address\'s app password', zh: '该地址的应用专用密码'},
		sender: {en: 'The sender must be in one of your Workspace domains.', zh: '发件人必须属于你的某个 Workspace 域名。'},
		verifiedSenderOnly: true,
		sendsAsLogin: true,
	},
	{
		id: 'microsoft365',
		label: {en: 'Microsoft 365 (Exchange Online)', zh: 'Microsoft 365（Exchange Online）'},
		host: 'smtp.office365.com',
		port: 587,
		implicitTls: false,
		login: 'required',
		usernameHint: {en: 'the mailbox address (SMTP AUTH must be enabled for it)', zh: '邮箱地址（须为其启用 SMTP AUTH）'},
		passwordHint: {en: 'the mailbox password', zh: '该邮箱的密码'},
		sender: {en: 'The sender must be the mailbox itself or an address it has Send As rights for.', zh: '发件人必须是该邮箱本身，或它拥有“代理发送”权限的地址。'},
		verifiedSenderOnly: true,
		sendsAsLogin: true,
		note: {
			en: 'Microsoft is retiring password logins. The lasting alternative is a connector: relayhost [<tenant>.mail.protection.outlook.com]:25, which trusts this server\'s public IP address, with no login (choose "no login").',
			zh: 'Microsoft 正在停用密码登录。长期方案是连接器：relayhost 为 [<租户>.mail.protection.outlook.com]:25，按本服务器的公网 IP 信任，无需登录（请选择“不登录”）。',
		},
	},
	other,
	{
		id: 'none',
		label: {en: 'No login (the relay trusts this machine\'s address)', zh: '不登录（中继按本机地址信任）'},
		host: undefined,
		port: 25,
		implicitTls: true,
		login: 'none',
		usernameHint: {en: 'no username: the relay decides by this machine\'s IP address', zh: '无需用户名：中继按本机 IP 地址决定'},
		passwordHint: {en: 'no password', zh: '无需密码'},
		sender: {en: 'The relay decides by this machine\'s address; it may still accept only some senders.', zh: '中继按本机地址决定是否接收；它仍可能只接受部分发件人。'},
		verifiedSenderOnly: false,
	},
];

export function findProvider(id: string): Provider | undefined {
	return providers.find(provider => provider.id === id);
}

export function isProviderId(value: string): value is ProviderId {
	return (providerIds as readonly string[]).includes(value);
}

/** AWS region names: us-east-1, eu-west-1, ap-southeast-2, us-gov-west-1… */
export function isAwsRegion(value: string): boolean {
	return /^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/.test(value);
}

/**
 * The relayhost a provider means, bracketed (no MX lookup) with its port; undefined when
 * the user must give the host (another relay, no login) or the region is missing or wrong.
 */
export function providerRelayhost(provider: Provider, options: {region?: string; port?: number} = {}): string | undefined {
	let host: string | undefined;
	if (typeof provider.host === 'function') {
		const region = options.region?.trim() ?? '';
		host = isAwsRegion(region) ? provider.host(region) : undefined;
	} else {
		host = provider.host;
	}

	return host === undefined ? undefined : `[${host}]:${options.port ?? provider.port}`;
}

/**
 * The provider a relayhost already names (so the wizard starts from what main.cf has), and
 * the SES region in its host name.
 */
export function providerOfRelayhost(relayhost: string): {readonly provider: Provider; readonly region?: string} | undefined {
	const host = relayhost.trim().replace(/^\[/, '').replace(/\](?::.*)?$/, '').replace(/:\d+$/, '').toLowerCase();
	const ses = host.match(/^email-smtp\.([a-z\d-]+)\.amazonaws\.com$/);
	if (ses?.[1]) {
		return {provider: providers[0]!, region: ses[1]};
	}

	const provider = providers.find(candidate => typeof candidate.host === 'string' && candidate.host === host);
	return provider ? {provider} : undefined;
}
