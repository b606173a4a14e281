import type {Lang} from '../i18n/lang.js';
import type {AliasTarget} from './aliases.js';
import type {RootMailReview} from './prepare.js';
import type {LeftAloneReason} from './virtual-map.js';

const words = {
	en: {
		/** Between the names of a list. */
		and: ', ',
		mapped: (names: string, to: string) => `Mapped to ${to}: ${names}`,
		carried: (name: string, to: string) => `Carried over from the aliases: ${name} → ${to}`,
		rootWas: (was: string) => `root's own alias (${was}) is replaced by the address you chose`,
		leftAlone: 'Left alone:',
		reasons: {
			role: 'role addresses: a bare key matches name@$myorigin, so it would capture the mail this machine sends to the company\'s real mailboxes',
			'not-system': 'not a system account of this machine (system accounts have a uid below UID_MIN in /etc/passwd)',
			'local-only': 'ends at a local mailbox, which a null client does not deliver to',
		} satisfies Record<LeftAloneReason, string>,
		notCarried: 'Not carried (a null client runs no local delivery):',
		notCarriedItem: (name: string, target: string, kind: string) => `${name}: ${target} (${kind})`,
		kinds: {pipe: 'program', file: 'file', include: ':include: list'} as Record<AliasTarget['kind'], string>,
		unreadable: (tables: string) => `Aliases not read: ${tables}`,
		sendAs: (address: string, from: string) => `Mail from ${from} is sent as ${address} (envelope and header; the display name is kept)`,
		sendAsAll: (address: string) => `Every sender is sent as ${address} (envelope and header; the display name is kept)`,
		cron: (address: string) => `cron mail from root will be sent as ${address}`,
	},
	zh: {
		and: '、',
		mapped: (names: string, to: string) => `映射到 ${to}：${names}`,
		carried: (name: string, to: string) => `沿用 aliases 中的外部地址：${name} → ${to}`,
		rootWas: (was: string) => `root 在 aliases 中原有的去向（${was}）改为你选择的地址`,
		leftAlone: '保持不变：',
		reasons: {
			role: '角色地址：不带域名的键会匹配 名字@$myorigin，会截走本机发往公司真实邮箱的邮件',
			'not-system': '不是本机的系统账户（系统账户在 /etc/passwd 中的 uid 小于 UID_MIN）',
			'local-only': '最终落到本机邮箱，而空客户端不做本地投递',
		} satisfies Record<LeftAloneReason, string>,
		notCarried: '未沿用（空客户端不做本地投递）：',
		notCarriedItem: (name: string, target: string, kind: string) => `${name}：${target}（${kind}）`,
		kinds: {pipe: '程序', file: '文件', include: ':include: 列表'} as Record<AliasTarget['kind'], string>,
		unreadable: (tables: string) => `未能读取的 aliases：${tables}`,
		sendAs: (address: string, from: string) => `来自 ${from} 的邮件将以 ${address} 发出（信封和信头；保留显示名）`,
		sendAsAll: (address: string) => `所有发件人都将以 ${address} 发出（信封和信头；保留显示名）`,
		cron: (address: string) => `root 的 cron 邮件将以 ${address} 发出`,
	},
} as const;

/**
 * The review's account of root's mail and the sender, one line per fact, for the
 * wizard's review and `apply`: what is mapped, carried over, left alone and why, not carried.
 */
export function rootMailSummary(review: RootMailReview, request: {readonly rootTo?: string; readonly sendAs?: string; readonly sendAsScope?: 'local' | 'all'}, lang: Lang): string[] {
	const w = words[lang];
	const lines: string[] = [];
	const {map} = review.changes;
	const sender = request.sendAs?.trim();
	const rootAddress = map ? request.rootTo!.trim() : undefined;
	if (review.origin !== undefined) {
		// Either scope rewrites root@$myorigin: it is one of this machine's own names.
		lines.push(w.cron(sender ?? `root@${review.origin}`));
	}

	if (map && rootAddress) {
		const direct = map.entries.filter(entry => entry.values[0] === rootAddress).map(entry => entry.key);
		lines.push(w.mapped(direct.join(w.and), rootAddress));
		if (map.rootWas.length > 0) {
			lines.push(w.rootWas(map.rootWas.join(w.and)));
		}

		for (const entry of map.carried) {
			lines.push(w.carried(entry.key, entry.values.join(w.and)));
		}

		const byReason = new Map<LeftAloneReason, string[]>();
		for (const left of map.leftAlone) {
			byReason.set(left.reason, [...(byReason.get(left.reason) ?? []), left.name]);
		}

		if (byReason.size > 0) {
			lines.push(w.leftAlone);
			for (const [reason, names] of byReason) {
				lines.push(`  ${names.join(w.and)} — ${w.reasons[reason]}`);
			}
		}

		if (map.notCarried.length > 0) {
			lines.push(w.notCarried);
			for (const item of map.notCarried) {
				lines.push(`  ${w.notCarriedItem(item.name, item.target.raw.trim(), w.kinds[item.target.kind])}`);
			}
		}

		if (review.machine.unreadableTables.length > 0) {
			lines.push(w.unreadable(review.machine.unreadableTables.join(w.and)));
		}
	}

	if (sender) {
		lines.push(request.sendAsScope === 'all' ? w.sendAsAll(sender) : w.sendAs(sender, review.changes.senderDomains.map(domain => `@${domain}`).join(w.and)));
	}

	return lines;
}
