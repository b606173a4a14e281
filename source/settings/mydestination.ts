import {domainWithReferencesProblem, isFileName, isLookupTable, isParameterReference, listItems, problem} from './syntax.js';
import {type OriginFacts, resolveOrigin} from './origin.js';
import type {EarlierAnswers, Setting, SettingWarning} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'mydestination';

/**
 * Mail for these domains stays here: said with the relay and the myorigin answered on the
 * steps before, when they were (where that mail was meant to go; whether cron's is caught).
 */
function risks(trimmed: string, earlier: EarlierAnswers | undefined, facts: OriginFacts | undefined): SettingWarning[] {
	if (trimmed === '') {
		return [];
	}

	const relay = earlier?.['relayhost']?.trim();
	const stays = relay === undefined
		? {en: `Not empty: mail for these domains is delivered on this machine instead of going to the relay.`, zh: '非空：发往这些域的邮件会在本机投递，而不是交给中继。'}
		: relay === ''
			? {en: `Not empty: mail for ${trimmed} is delivered on this machine instead of being sent on.`, zh: `非空：发往 ${trimmed} 的邮件会在本机投递，而不是发送出去。`}
			: {en: `Not empty: mail for ${trimmed} is delivered on this machine instead of going to ${relay}, your relay.`, zh: `非空：发往 ${trimmed} 的邮件会在本机投递，而不是交给你的中继 ${relay}。`};
	const origin = earlier?.['myorigin']?.trim();
	const resolved = origin ? resolveOrigin(origin, facts ?? {}) : undefined;
	const domain = resolved?.ok ? resolved.domain.toLowerCase() : origin?.toLowerCase();
	const items = listItems(trimmed).map(item => item.toLowerCase());
	const catchesOrigin = origin !== undefined && domain !== undefined && domain !== '' && (items.includes(domain) || items.includes(origin.toLowerCase()) || items.includes('$myorigin'));
	const cron = catchesOrigin
		? {en: ` That includes ${domain}, your myorigin: mail to any address there, cron's to root@${domain} among it, stays here unread.`, zh: `其中包括你的 myorigin ${domain}：发往该域任何地址的邮件（包括 cron 发给 root@${domain} 的）都会留在本机，无人阅读。`}
		: {en: '', zh: ''};
	return [warning(name, `${stays.en}${cron.en} A null client keeps mydestination empty.`, `${stays.zh}${cron.zh}空客户端应让 mydestination 留空。`)];
}

export const mydestination: Setting = {
	name,
	explanation: {
		en: 'The domains whose mail this machine delivers to its own mailboxes. A null client delivers nothing locally, so this is empty: mail even to root@ this host goes to the relay. Left at the default ($myhostname, localhost…), mail to those names stays on this machine, where nobody reads it.',
		zh: '本机把哪些域的邮件投递到自己的邮箱。空客户端不做任何本地投递，因此这里留空：即使发给本机 root@ 的邮件也交给中继。若保留默认值（$myhostname、localhost…），发往这些名称的邮件会留在本机，无人阅读。',
	},
	postfixDefault: '$myhostname, localhost.$mydomain, localhost',
	recommended: () => '',
	serviceAction: 'reload',
	validate: (value, facts, earlier) => validateWith(
		name,
		value,
		trimmed => firstProblem(listItems(trimmed), item => {
			if (isParameterReference(item) || isFileName(item) || isLookupTable(item)) {
				return undefined;
			}

			return domainWithReferencesProblem(item)
				&& problem(item, 'each item is a domain (example.com, localhost.$mydomain), a $parameter, a /file or a type:table', '每一项须为域名（example.com、localhost.$mydomain）、$参数、/文件或 type:table');
		}),
		trimmed => risks(trimmed, earlier, facts),
	),
};
