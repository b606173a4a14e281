import {domainWithReferencesProblem, isFileName, isLookupTable, isParameterReference, listItems, problem} from './syntax.js';
import type {Setting} from './types.js';
import {firstProblem, validateWith, warning} from './validate.js';

const name = 'mydestination';

export const mydestination: Setting = {
	name,
	explanation: {
		en: 'The domains whose mail this machine delivers to its own mailboxes. A null client delivers nothing locally, so this is empty: mail even to root@ this host goes to the relay. Left at the default ($myhostname, localhost…), mail to those names stays on this machine, where nobody reads it.',
		zh: '本机把哪些域的邮件投递到自己的邮箱。空客户端不做任何本地投递，因此这里留空：即使发给本机 root@ 的邮件也交给中继。若保留默认值（$myhostname、localhost…），发往这些名称的邮件会留在本机，无人阅读。',
	},
	postfixDefault: '$myhostname, localhost.$mydomain, localhost',
	recommended: () => '',
	serviceAction: 'reload',
	validate: value => validateWith(
		name,
		value,
		trimmed => firstProblem(listItems(trimmed), item => {
			if (isParameterReference(item) || isFileName(item) || isLookupTable(item)) {
				return undefined;
			}

			return domainWithReferencesProblem(item)
				&& problem(item, 'each item is a domain (example.com, localhost.$mydomain), a $parameter, a /file or a type:table', '每一项须为域名（example.com、localhost.$mydomain）、$参数、/文件或 type:table');
		}),
		trimmed => (trimmed === ''
			? []
			: [warning(name, 'Not empty: mail for these domains is delivered on this machine instead of going to the relay. A null client keeps mydestination empty.', '非空：发往这些域的邮件会在本机投递，而不是交给中继。空客户端应让 mydestination 留空。')]),
	),
};
