import {readFile} from 'node:fs/promises';
import type {Localized} from '../i18n/lang.js';
import {queryMap} from '../postfix/map-query.js';
import {readExpanded} from '../postfix/postconf.js';
import type {PostfixTarget} from '../postfix/target.js';
import {ownAddressProblem} from '../rootmail/own-address.js';
import {resolveOrigin} from '../settings/origin.js';
import {listItems} from '../settings/syntax.js';
import type {CheckResult} from './checks.js';

/** The first answer of a list of tables, as Postfix asks them: in order, each key form in turn. */
async function firstAnswer(target: PostfixTarget, tables: readonly string[], keys: readonly string[], signal?: AbortSignal): Promise<{table: string; value: string} | {error: string; table: string} | undefined> {
	for (const table of tables) {
		for (const key of keys) {
			const answer = await queryMap(target, key, table, {signal});
			if (answer.found) {
				return {table, value: answer.value};
			}

			if ('error' in answer) {
				return {table, error: answer.error};
			}
		}
	}

	return undefined;
}

/**
 * Where cron's and root's mail goes on this null client (virtual_alias_maps, asked
 * through postmap as cleanup would ask), and, when sender_canonical_maps is set, whether
 * mail from this machine's own names is sent as another address.
 */
export async function rootMailChecks(target: PostfixTarget, signal?: AbortSignal): Promise<CheckResult[]> {
	const names = ['myorigin', 'mydomain', 'myhostname', 'config_directory', 'virtual_alias_maps', 'sender_canonical_maps'];
	const {values} = await readExpanded(target, names, {signal});
	const value = (name: string) => values.get(name) ?? '';
	const origin = value('myorigin');
	const mailname = origin.startsWith('/') ? (await readFile(origin, 'utf8').catch(() => undefined))?.split('\n')[0] : undefined;
	const resolved = resolveOrigin(origin, {files: new Map([[origin, mailname]])});
	const domain = resolved.ok ? resolved.domain.trim().toLowerCase() : value('myhostname');
	const own = {origin: resolved.ok ? domain : undefined, myhostname: value('myhostname')};
	const rootAddress = `root@${domain}`;

	const checks: CheckResult[] = [];
	const virtualTables = listItems(value('virtual_alias_maps'));
	const root = await firstAnswer(target, virtualTables, [rootAddress, 'root'], signal);
	const rootTitle: Localized = {en: 'Root\'s mail reaches a person', zh: 'root 的邮件有人接收'};
	if (root === undefined) {
		checks.push({id: 'root-mail', title: rootTitle, status: 'warn', detail: {
			en: `no virtual_alias_maps entry for root: cron's and root's mail leaves as ${rootAddress}, which relays reject or nobody reads. Fix: postfix-wizard apply --root-to ADDRESS`,
			zh: `virtual_alias_maps 中没有 root：cron 和 root 的邮件会以 ${rootAddress} 发出，中继会拒收或无人阅读。解决：postfix-wizard apply --root-to 地址`,
		}});
	} else if ('error' in root) {
		checks.push({id: 'root-mail', title: rootTitle, status: 'fail', detail: {en: `${root.table}: ${root.error} (run postmap on it)`, zh: `${root.table}：${root.error}（请对其运行 postmap）`}});
	} else {
		const targets = root.value.split(',').map(item => item.trim()).filter(Boolean);
		// The same check as the wizard's step and --root-to: root@$myorigin mapped to itself, or a name of this machine, reaches nobody.
		const problems = targets.map(address => address.includes('@') ? ownAddressProblem(address, own) : undefined);
		const outside = targets.filter((address, index) => address.includes('@') && problems[index] === undefined);
		const why = problems.find(found => found !== undefined)?.rule;
		checks.push(outside.length > 0
			? {id: 'root-mail', title: rootTitle, status: 'pass', detail: {en: `root → ${root.value} (${root.table})`, zh: `root → ${root.value}（${root.table}）`}}
			: {id: 'root-mail', title: rootTitle, status: 'fail', detail: why
				? {en: `root → ${root.value}: ${why.en}`, zh: `root → ${root.value}：${why.zh}`}
				: {en: `root → ${root.value}: an address on this machine, where nobody reads it on a null client`, zh: `root → ${root.value}：这是本机地址，空客户端上无人阅读`}});
	}

	const senderTables = listItems(value('sender_canonical_maps'));
	if (senderTables.length > 0) {
		const title: Localized = {en: 'Local senders rewritten', zh: '本机发件人已改写'};
		const sender = await firstAnswer(target, senderTables, [rootAddress], signal);
		if (sender === undefined) {
			checks.push({id: 'sender', title, status: 'fail', detail: {en: `sender_canonical_maps is set, but ${rootAddress} leaves unchanged: a relay that accepts only verified senders refuses it`, zh: `已设置 sender_canonical_maps，但 ${rootAddress} 未被改写：只接受已验证发件人的中继会拒收`}});
		} else if ('error' in sender) {
			checks.push({id: 'sender', title, status: 'fail', detail: {en: `${sender.table}: ${sender.error}`, zh: `${sender.table}：${sender.error}`}});
		} else {
			checks.push({id: 'sender', title, status: 'pass', detail: {en: `${rootAddress} is sent as ${sender.value} (${sender.table})`, zh: `${rootAddress} 将以 ${sender.value} 发出（${sender.table}）`}});
		}
	}

	return checks;
}
