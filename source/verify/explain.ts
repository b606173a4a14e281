import type {Explanation} from './types.js';

interface Rule extends Explanation {
	readonly pattern: RegExp;
}

/**
 * What Postfix's log says when relaying fails, in plain words and with the fix
 * (DESIGN.md, "Relay failures"). The first match wins, so specific rules come first.
 */
const rules: readonly Rule[] = [
	{
		id: 'wrappermode',
		pattern: /SMTPS wrappermode|smtp_tls_wrappermode/i,
		cause: {en: 'The relay listens on port 465, which speaks TLS from the first byte (SMTPS), but Postfix starts in plain text.', zh: '中继在 465 端口上从第一个字节起就使用 TLS（SMTPS），而 Postfix 以明文开始会话。'},
		fix: {en: 'Set smtp_tls_wrappermode = yes and smtp_tls_security_level = encrypt, or use port 587 with STARTTLS: relayhost = [host]:587.', zh: '设置 smtp_tls_wrappermode = yes 和 smtp_tls_security_level = encrypt，或改用 587 端口的 STARTTLS：relayhost = [host]:587。'},
	},
	{
		id: 'tls-engine-unavailable',
		pattern: /TLS engine is unavailable|cannot load Certification Authority data/i,
		cause: {en: 'Postfix\'s own TLS is broken on this machine, typically because smtp_tls_CAfile (or smtp_tls_CApath) names a file that does not exist or cannot be read; Postfix then disables TLS and, at level encrypt, sends nothing.', zh: '本机 Postfix 自身的 TLS 无法使用，通常是 smtp_tls_CAfile（或 smtp_tls_CApath）指向的文件不存在或不可读；Postfix 随即禁用 TLS，在 encrypt 级别下不发送任何邮件。'},
		fix: {en: 'Point smtp_tls_CAfile at a bundle that exists (Debian: /etc/ssl/certs/ca-certificates.crt, RHEL: /etc/pki/tls/certs/ca-bundle.crt), or remove the setting under level encrypt; then postfix reload.', zh: '让 smtp_tls_CAfile 指向存在的证书包（Debian：/etc/ssl/certs/ca-certificates.crt，RHEL：/etc/pki/tls/certs/ca-bundle.crt），或在 encrypt 级别下删除该设置；然后执行 postfix reload。'},
	},
	{
		id: 'tls-handshake',
		pattern: /Cannot start TLS: handshake failure|TLS handshake failure|wrong version number/i,
		cause: {en: 'The TLS handshake failed: usually the port and the mode do not match — smtp_tls_wrappermode = yes against a STARTTLS port (587, 25), or a 465 port spoken to in plain text.', zh: 'TLS 握手失败：通常是端口与模式不匹配——对 STARTTLS 端口（587、25）使用了 smtp_tls_wrappermode = yes，或以明文连接 465 端口。'},
		fix: {en: 'Match them: port 587/25/2525 with smtp_tls_wrappermode = no (STARTTLS), port 465 with smtp_tls_wrappermode = yes; both with smtp_tls_security_level = encrypt.', zh: '使两者一致：587/25/2525 端口配 smtp_tls_wrappermode = no（STARTTLS），465 端口配 smtp_tls_wrappermode = yes；两者都设置 smtp_tls_security_level = encrypt。'},
	},
	{
		id: 'm365-smtp-auth-disabled',
		pattern: /5\.7\.139|SmtpClientAuthentication is disabled/i,
		cause: {en: 'Microsoft 365 refused the login because SMTP AUTH is turned off for the tenant (or the mailbox): the password may be right.', zh: 'Microsoft 365 拒绝登录，因为该租户（或邮箱）关闭了 SMTP AUTH：密码本身可能是正确的。'},
		fix: {en: 'Enable "Authenticated SMTP" for this mailbox in the Microsoft 365 admin center (Set-CASMailbox -SmtpClientAuthenticationDisabled $false), or relay through a connector: relayhost = [<tenant>.mail.protection.outlook.com]:25 without a login, allowed by this machine\'s IP.', zh: '在 Microsoft 365 管理中心为该邮箱启用“经过身份验证的 SMTP”（Set-CASMailbox -SmtpClientAuthenticationDisabled $false），或改用连接器中继：relayhost = [<租户>.mail.protection.outlook.com]:25，不登录，按本机 IP 放行。'},
	},
	{
		id: 'm365-basic-auth',
		pattern: /5\.7\.30|Basic authentication is not supported/i,
		cause: {en: 'Microsoft 365 no longer accepts a user name and password (basic authentication) for client submission on this tenant.', zh: 'Microsoft 365 在该租户上已不再接受用户名和密码（基本身份验证）方式的客户端提交。'},
		fix: {en: 'Postfix cannot do OAuth (XOAUTH2) by itself: relay through a Microsoft 365 connector (relayhost = [<tenant>.mail.protection.outlook.com]:25, no login, allowed by this machine\'s IP), or use another relay.', zh: 'Postfix 本身不支持 OAuth（XOAUTH2）：改用 Microsoft 365 连接器中继（relayhost = [<租户>.mail.protection.outlook.com]:25，不登录，按本机 IP 放行），或使用其他中继。'},
	},
	{
		id: 'sasl-no-compatible',
		pattern: /offered no compatible authentication mechanisms/i,
		cause: {en: 'The relay offers login mechanisms, but Postfix\'s settings exclude every one of them (smtp_sasl_mechanism_filter, or smtp_sasl_security_options / smtp_sasl_tls_security_options such as noplaintext).', zh: '中继提供了登录机制，但 Postfix 的设置把它们全部排除了（smtp_sasl_mechanism_filter，或 smtp_sasl_security_options / smtp_sasl_tls_security_options 中的 noplaintext 等）。'},
		fix: {en: 'Set smtp_sasl_security_options = noanonymous and smtp_sasl_tls_security_options = noanonymous, and remove smtp_sasl_mechanism_filter (or let it include plain and login).', zh: '设置 smtp_sasl_security_options = noanonymous 和 smtp_sasl_tls_security_options = noanonymous，并删除 smtp_sasl_mechanism_filter（或让它包含 plain 和 login）。'},
	},
	{
		id: 'sasl-map-unavailable',
		pattern: /sasl_passwd(?:\.\w+)? is unavailable|table .*sasl.* is unavailable|lookup error for .*sasl/i,
		cause: {en: 'The password map Postfix should read relay credentials from cannot be opened: postmap was not run, or the map type is wrong.', zh: 'Postfix 读取中继凭据的密码映射文件无法打开：未运行 postmap，或映射类型不对。'},
		fix: {en: 'Run postmap on the file (postmap hash:/etc/postfix/sasl_passwd) and use the type `postconf -h default_database_type` prints (lmdb on EL10).', zh: '对该文件运行 postmap（postmap hash:/etc/postfix/sasl_passwd），并使用 `postconf -h default_database_type` 显示的类型（EL10 上为 lmdb）。'},
	},
	{
		id: 'no-sasl-mechanism',
		pattern: /no mechanism available|no worthy mechs/i,
		cause: {en: 'Postfix has no SASL mechanism it may use with this relay: the SASL plugins are missing, or the security options forbid plain-text passwords.', zh: 'Postfix 没有可与此中继使用的 SASL 机制：缺少 SASL 插件，或安全选项禁止明文密码。'},
		fix: {en: 'Install libsasl2-modules (Debian) or cyrus-sasl-plain (RHEL), and set smtp_sasl_security_options = noanonymous together with TLS (smtp_tls_security_level = encrypt).', zh: '安装 libsasl2-modules（Debian）或 cyrus-sasl-plain（RHEL），并设置 smtp_sasl_security_options = noanonymous，同时启用 TLS（smtp_tls_security_level = encrypt）。'},
	},
	{
		id: 'sasl-credentials',
		pattern: /SASL authentication failed|\b535\b|authentication failed|Username and Password not accepted/i,
		cause: {en: 'The relay refused the user name or password. The message stays deferred, not bounced, until that is fixed.', zh: '中继拒绝了用户名或密码。修好之前邮件会保持延迟状态，而不会被退回。'},
		fix: {en: 'Check the credentials in sasl_passwd and run postmap again: Gmail needs an app password, Microsoft 365 needs SMTP AUTH enabled for the mailbox, Amazon SES needs SMTP credentials (not IAM keys), SendGrid uses the user name "apikey".', zh: '检查 sasl_passwd 中的凭据并重新运行 postmap：Gmail 需要应用专用密码，Microsoft 365 需为该邮箱启用 SMTP AUTH，Amazon SES 需要 SMTP 凭据（不是 IAM 密钥），SendGrid 的用户名是 "apikey"。'},
	},
	{
		id: 'starttls-not-offered',
		pattern: /TLS is required, but was not offered|offers no STARTTLS/i,
		cause: {en: 'Postfix must encrypt (smtp_tls_security_level = encrypt), but the relay offers no STARTTLS on this port, so Postfix sends nothing there.', zh: 'Postfix 必须加密（smtp_tls_security_level = encrypt），但中继在该端口上不提供 STARTTLS，因此 Postfix 不会向它发送。'},
		fix: {en: 'Use the relay\'s port that offers TLS: 587 with STARTTLS, or 465 with smtp_tls_wrappermode = yes; or another relay. Never lower the level while a password is configured.', zh: '改用中继提供 TLS 的端口：587（STARTTLS），或 465 并设置 smtp_tls_wrappermode = yes；或换一个中继。配置了密码时绝不要降低级别。'},
	},
	{
		id: 'starttls-required',
		pattern: /Must issue a STARTTLS command first|STARTTLS is required/i,
		cause: {en: 'The relay only talks over an encrypted connection, and Postfix did not use TLS (or the port offers none).', zh: '中继只接受加密连接，而 Postfix 没有使用 TLS（或该端口不提供 TLS）。'},
		fix: {en: 'Set smtp_tls_security_level = encrypt, and check the port: 587 uses STARTTLS, 465 needs smtp_tls_wrappermode = yes.', zh: '设置 smtp_tls_security_level = encrypt，并检查端口：587 使用 STARTTLS，465 需要 smtp_tls_wrappermode = yes。'},
	},
	{
		id: 'certificate',
		pattern: /certificate verification failed|Server certificate not verified|untrusted issuer|certificate verify failed/i,
		cause: {en: 'Postfix could not verify the relay\'s TLS certificate: the CA bundle is not configured, or the name in relayhost is not the certificate\'s name.', zh: 'Postfix 无法验证中继的 TLS 证书：未配置 CA 证书包，或 relayhost 中的名称与证书名称不符。'},
		fix: {en: 'Set smtp_tls_CAfile (Debian: /etc/ssl/certs/ca-certificates.crt, RHEL: /etc/pki/tls/certs/ca-bundle.crt) and use the host name the certificate is issued for.', zh: '设置 smtp_tls_CAfile（Debian：/etc/ssl/certs/ca-certificates.crt，RHEL：/etc/pki/tls/certs/ca-bundle.crt），并使用证书所签发的主机名。'},
	},
	{
		id: 'auth-required',
		pattern: /Authentication Required|Client not authenticated|5\.7\.57|Relay access denied|relaying denied|Relaying not permitted/i,
		cause: {en: 'The relay does not accept mail from this machine without logging in: Postfix sent no credentials, or this address is not allowed to relay.', zh: '中继不接受本机未登录就发来的邮件：Postfix 没有发送凭据，或本机地址无权中继。'},
		fix: {en: 'Set smtp_sasl_auth_enable = yes and smtp_sasl_password_maps with a sasl_passwd whose key equals the relayhost value exactly (e.g. [smtp.example.com]:587), run postmap; or ask the relay\'s admin to allow this IP.', zh: '设置 smtp_sasl_auth_enable = yes 和 smtp_sasl_password_maps，sasl_passwd 的键须与 relayhost 的值完全相同（如 [smtp.example.com]:587），再运行 postmap；或请中继管理员允许本机 IP。'},
	},
	{
		id: 'sender-not-owned',
		pattern: /not owned by user/i,
		cause: {en: 'The relay lets the login send only as its own addresses, and this message\'s sender (often root@ this machine) is not one of them.', zh: '中继只允许该登录账号以其自身地址发信，而这封邮件的发件人（通常是本机的 root@）不在其中。'},
		fix: {en: 'Rewrite this machine\'s senders to an address the login owns: sender_canonical_maps = regexp:/etc/postfix/sender_canonical with e.g. /^(.*)@(this-host\\.example\\.com|localhost.*)$/ alerts@example.com.', zh: '把本机的发件人改写为该登录账号拥有的地址：sender_canonical_maps = regexp:/etc/postfix/sender_canonical，例如 /^(.*)@(this-host\\.example\\.com|localhost.*)$/ alerts@example.com。'},
	},
	{
		id: 'ses-not-verified',
		pattern: /Email address is not verified|identities failed the check|not verified\. The following identities/i,
		cause: {en: 'Amazon SES refused the message: the sender is not a verified identity in this region; in the SES sandbox the recipient must be verified too.', zh: 'Amazon SES 拒收该邮件：发件人不是该区域中已验证的身份；在 SES 沙盒中，收件人也必须经过验证。'},
		fix: {en: 'Verify the sender\'s address or domain in the SES console of this region (and request production access to leave the sandbox), and rewrite this machine\'s senders to it with sender_canonical_maps.', zh: '在该区域的 SES 控制台中验证发件人地址或域名（并申请生产访问权限以离开沙盒），再用 sender_canonical_maps 把本机发件人改写为该地址。'},
	},
	{
		id: 'sender-rejected',
		pattern: /Sender address rejected|SendAsDenied|sender .*rejected|5\.1\.[07]\b.*sender|MAIL FROM/i,
		cause: {en: 'The relay refused the sender address: it does not let this account send as that address, or the domain is not verified with it.', zh: '中继拒绝了发件人地址：它不允许该账号以此地址发信，或该域名未在中继处验证。'},
		fix: {en: 'Set myorigin to a domain the relay accepts, or rewrite senders with sender_canonical_maps / smtp_generic_maps to an address the account may use.', zh: '把 myorigin 设为中继接受的域，或用 sender_canonical_maps / smtp_generic_maps 把发件人改写为该账号可用的地址。'},
	},
	{
		id: 'local-unknown-user',
		pattern: /unknown user: /i,
		cause: {en: 'Postfix treated the recipient\'s domain as local and found no such user on this machine.', zh: 'Postfix 把收件人的域当作本地域，并且本机没有这个用户。'},
		fix: {en: 'Empty mydestination (mydestination =), so every domain goes to the relay.', zh: '清空 mydestination（mydestination =），让所有域都交给中继。'},
	},
	{
		// A 4xx reply is temporary whatever command it answered: read as "recipient unknown",
		// a greylisting or busy relay sends the user chasing a mailbox that exists.
		id: 'relay-deferred',
		pattern: /said: 4\d\d[ -]/i,
		cause: {en: 'The relay refused the message for now with a temporary reply (4xx): it is busy, greylisting, limiting this sender\'s rate, or having trouble of its own. Postfix keeps the message and tries again.', zh: '中继以临时性回复（4xx）暂时拒收：它繁忙、正在灰名单检查、限制该发件人的速率，或自身出现故障。Postfix 会保留邮件并稍后重试。'},
		fix: {en: 'Read the relay\'s own words in the reply; if it passes on a later try nothing needs changing: mailq shows the queue, postqueue -f retries now. If it persists, ask the relay\'s operator.', zh: '先看回复中中继自己的说明；如果之后重试能通过，则无需修改：mailq 查看队列，postqueue -f 立即重试。若一直如此，请联系中继的管理者。'},
	},
	{
		id: 'recipient-rejected',
		pattern: /Recipient address rejected|User unknown|5\.1\.1\b|mailbox unavailable|no such user|RCPT TO/i,
		cause: {en: 'The relay refused the recipient address: it does not exist or the relay will not deliver to it.', zh: '中继拒绝了收件人地址：地址不存在，或中继不愿投递给它。'},
		fix: {en: 'Check the recipient address; send the test to a mailbox you know exists.', zh: '检查收件人地址；把测试邮件发到一个确定存在的邮箱。'},
	},
	{
		id: 'loops-back',
		pattern: /loops back to myself/i,
		cause: {en: 'relayhost points at this machine itself, or the relay greets with this machine\'s own myhostname.', zh: 'relayhost 指向了本机自身，或中继问候时使用的正是本机的 myhostname。'},
		fix: {en: 'Point relayhost at the real relay, and give this machine its own myhostname.', zh: '让 relayhost 指向真正的中继，并给本机设置独立的 myhostname。'},
	},
	{
		id: 'connection-refused',
		pattern: /Connection refused/i,
		cause: {en: 'Nothing accepts connections at the relay\'s host and port: a wrong host or port, or the relay is down.', zh: '中继的主机和端口上没有服务接受连接：主机或端口错误，或中继已停止。'},
		fix: {en: 'Correct relayhost = [host]:port (587 for submission, 465 for SMTPS, 25 for server-to-server).', zh: '更正 relayhost = [host]:port（提交端口 587，SMTPS 为 465，服务器之间为 25）。'},
	},
	{
		id: 'timed-out',
		pattern: /Connection timed out|conversation with .* timed out|timed out while/i,
		cause: {en: 'The connection to the relay got no answer: outgoing traffic to that port is probably blocked by a firewall or the provider (port 25 often is).', zh: '连接中继没有回应：去往该端口的出站流量可能被防火墙或服务商封锁（25 端口经常如此）。'},
		fix: {en: 'Use the relay\'s submission port 587 (or 2525, or 465 with smtp_tls_wrappermode = yes), and open it in the firewall.', zh: '改用中继的提交端口 587（或 2525，或 465 并设置 smtp_tls_wrappermode = yes），并在防火墙中放行。'},
	},
	{
		id: 'network-unreachable',
		pattern: /Network is unreachable/i,
		cause: {en: 'Postfix tried an address it has no route to, typically the relay\'s IPv6 address on a machine without IPv6.', zh: 'Postfix 尝试了一个没有路由的地址，通常是在没有 IPv6 的机器上连接中继的 IPv6 地址。'},
		fix: {en: 'Set inet_protocols = ipv4 (then stop and start Postfix).', zh: '设置 inet_protocols = ipv4（然后停止并重新启动 Postfix）。'},
	},
	{
		id: 'host-not-found',
		pattern: /Host or domain name not found|Host not found|Name service error|No address associated|not resolve/i,
		cause: {en: 'The relay\'s name does not resolve: a typo, DNS trouble, or an MX lookup on a name that has no MX records.', zh: '中继的名称无法解析：拼写错误、DNS 故障，或对没有 MX 记录的名称做了 MX 查询。'},
		fix: {en: 'Check the name, and write it in brackets to skip the MX lookup: relayhost = [smtp.example.com]:587.', zh: '检查名称，并用方括号写法跳过 MX 查询：relayhost = [smtp.example.com]:587。'},
	},
	{
		id: 'suspended',
		pattern: /delivery temporarily suspended/i,
		cause: {en: 'Postfix is not trying this relay for now because an earlier attempt failed; the text after the colon is that earlier failure.', zh: 'Postfix 暂时不再尝试此中继，因为之前的尝试失败了；冒号后的文字就是那次失败。'},
		fix: {en: 'Fix the earlier failure shown after "suspended:", then run `postqueue -f` to retry now.', zh: '修复“suspended:”后显示的那个失败，然后运行 `postqueue -f` 立即重试。'},
	},
];

/** The known cause of a failure, from a log line or a relay's reply; undefined when unknown. */
export function explain(text: string | undefined): Explanation | undefined {
	if (!text) {
		return undefined;
	}

	const rule = rules.find(candidate => candidate.pattern.test(text));
	return rule ? {id: rule.id, cause: rule.cause, fix: rule.fix} : undefined;
}

export const explanationIds: readonly string[] = rules.map(rule => rule.id);
