import type {Messages} from '../../i18n/lang.js';

const en = {
	rootTitle: 'Who reads this machine\'s mail',
	/** `origin`: the myorigin answered two steps before, as it resolves (example.com). */
	rootExplanation: (origin: string) => `Cron, root and the system's services send their mail to root. A null client delivers nothing on this machine, so /etc/aliases is never read and that mail would leave as root@${origin}, which relays reject or nobody reads. Give one address that a person reads: root, postmaster, MAILER-DAEMON and the system accounts your aliases send to root go there (virtual_alias_maps). Role addresses such as info or sales are left alone. Leave it empty to change nothing.`,
	rootLabel: 'root\'s mail to',
	rootFromAliases: (address: string) => `Your aliases already send root's mail to ${address}.`,
	sendAsTitle: 'Send as (optional)',
	sendAsExplanation: (origin: string) => `Some relays accept only a sender address they have verified (Amazon SES, Postmark, Microsoft 365, Gmail): mail from root@${origin} is refused even with a correct login. If yours is one of them, give the verified address, and mail from this machine's own names is sent as it, envelope and header alike (the display name is kept; sender_canonical_maps). Your relay accepts any sender? Leave it empty: this step is optional.`,
	sendAsNeededTitle: (provider: string) => `Send as — ${provider} needs it`,
	sendAsNeeded: (provider: string, origin: string) => `${provider} accepts only senders it has verified, so mail from root@${origin} is refused even with a correct login. Give the verified address, and mail from this machine's own names is sent as it, envelope and header alike (the display name is kept; sender_canonical_maps).`,
	providerNeeds: (sender: string) => `Your relay: ${sender}`,
	proposedLogin: 'Proposed: the address you log in with, which this relay lets you send as.',
	skipNeeded: (provider: string) => `skip (${provider} will likely refuse this machine's mail)`,
	senderMissing: (provider: string) => `${provider} accepts only verified senders, and no "Send as" address is set: mail from this machine's own names will likely be refused. n/Esc goes back to give the verified address.`,
	sendAsLabel: 'send as',
	scope: {
		local: 'only mail from this machine\'s own names (@$myorigin, @$myhostname, localhost); mail already from another domain is left alone',
		all: 'every sender, whatever its domain',
	},
	scopeLabel: 'Rewrite',
	tab: 'Tab',
	toggleScope: 'this machine / every sender',
	skip: 'skip (left empty)',
	rootSending: 'Sending the same test to root, as cron\'s mail goes…',
	rootTest: 'The same test to root, as cron sends it',
	rootResult: (status: string, to: string, from: string | undefined, queueId: string | undefined) => `${status === 'sent' ? '✔' : '✖'} ${status}: root → ${to}${from === undefined ? '' : `, from ${from || '<>'}`}${queueId ? ` (queue ID ${queueId})` : ''}`,
};

const zh: typeof en = {
	rootTitle: '谁来读本机的邮件',
	rootExplanation: (origin: string) => `cron、root 和系统服务会把邮件发给 root。空客户端不在本机投递任何邮件，因此 /etc/aliases 不会被读取，这些邮件会以 root@${origin} 发出，中继会拒收或无人阅读。请填写一个有人阅读的地址：root、postmaster、MAILER-DAEMON 以及 aliases 转给 root 的系统账户都会发到这里（virtual_alias_maps）。info、sales 等角色地址保持不变。留空则不做更改。`,
	rootLabel: 'root 的邮件发往',
	rootFromAliases: (address: string) => `你的 aliases 已将 root 的邮件转给 ${address}。`,
	sendAsTitle: '发件地址（可选）',
	sendAsExplanation: (origin: string) => `有些中继只接受经过验证的发件地址（Amazon SES、Postmark、Microsoft 365、Gmail）：即使登录正确，来自 root@${origin} 的邮件也会被拒收。如果你的中继属于此类，请填写已验证的地址，本机自己名字发出的邮件将改用它发送，信封和信头都改（保留显示名；sender_canonical_maps）。中继接受任何发件人？请留空：此步骤可选。`,
	sendAsNeededTitle: (provider: string) => `发件地址 — ${provider} 需要`,
	sendAsNeeded: (provider: string, origin: string) => `${provider} 只接受已验证的发件人，因此即使登录正确，来自 root@${origin} 的邮件也会被拒收。请填写已验证的地址，本机自己名字发出的邮件将改用它发送，信封和信头都改（保留显示名；sender_canonical_maps）。`,
	providerNeeds: (sender: string) => `你的中继：${sender}`,
	proposedLogin: '建议值：你登录所用的地址，此中继允许以它发信。',
	skipNeeded: (provider: string) => `跳过（${provider} 很可能拒收本机的邮件）`,
	senderMissing: (provider: string) => `${provider} 只接受已验证的发件人，而“发件地址”未设置：本机自己名字发出的邮件很可能被拒收。按 n/Esc 返回填写已验证的地址。`,
	sendAsLabel: '发件地址',
	scope: {
		local: '仅改写本机自己名字发出的邮件（@$myorigin、@$myhostname、localhost）；已来自其他域的邮件保持不变',
		all: '所有发件人，不论域名',
	},
	scopeLabel: '改写范围',
	tab: 'Tab',
	toggleScope: '本机 / 所有发件人',
	skip: '跳过（留空）',
	rootSending: '正在按 cron 邮件的路径，把同一封测试邮件发给 root……',
	rootTest: '发给 root 的同一封测试邮件（与 cron 相同）',
	rootResult: (status: string, to: string, from: string | undefined, queueId: string | undefined) => `${status === 'sent' ? '✔' : '✖'} ${({sent: '已发送', deferred: '已延迟', bounced: '已退回', expired: '已过期', queued: '仍在队列中'} as Record<string, string>)[status] ?? status}：root → ${to}${from === undefined ? '' : `，发件人 ${from || '<>'}`}${queueId ? `（队列 ID ${queueId}）` : ''}`,
};

export const rootMailMessages: Messages<typeof en> = {en, zh};
