import path from 'node:path';
import type {Localized} from '../i18n/lang.js';
import type {FileEdit} from '../plan/types.js';
import type {RootMailRequest} from '../rootmail/plan.js';
import type {ShippedTables} from '../rootmail/prepare.js';
import type {SendAsScope} from '../rootmail/sender-canonical.js';
import {tableEntries} from '../rootmail/table-text.js';
import {mailboxProblem} from '../settings/address.js';
import {listItems} from '../settings/syntax.js';
import type {ResolvedProfile} from './profile-resolve.js';

/** What a profile's role variables say about root's mail and the sender, as apply takes it. */
export interface ProfileRootMail {
	/** The profile without the parameters and files turned into the request: applied as given. */
	readonly profile: ResolvedProfile;
	/** The same request --root-to, --send-as and --send-as-scope make. */
	readonly request: RootMailRequest;
	/** The file texts and other tables the profile ships, which the request is planned over (the role would write them). */
	readonly shipped: ShippedTables;
	/** What could not be read as a request, and is applied as the profile gives it. */
	readonly notes: readonly Localized[];
}

/** The file of postfix_files a map item names (`hash:/etc/postfix/virtual`, `regexp:$config_directory/x`), once resolved. */
function shippedFile(item: string, files: readonly FileEdit[], configDir: string): FileEdit | undefined {
	const match = item.match(/^([a-z\d]+):(.+)$/);
	const file = match?.[2]?.replace(/^\$(?:\{config_directory\}|config_directory)(?=\/)/, configDir);
	return file === undefined ? undefined : files.find(edit => edit.path === file && path.dirname(file) === configDir);
}

/** One table parameter of the profile: our table among its items, its file, and the items after it. */
function ourTable(profile: ResolvedProfile, parameter: string, configDir: string, type?: string) {
	const value = profile.settings.get(parameter);
	if (value === undefined) {
		return undefined;
	}

	const items = listItems(value);
	const index = items.findIndex(item => shippedFile(item, profile.files, configDir) !== undefined && (type === undefined || item.startsWith(`${type}:`)));
	const file = index === -1 ? undefined : shippedFile(items[index]!, profile.files, configDir);
	return {value, file, first: index === 0, rest: items.filter((_item, at) => at !== index).join(', ')};
}

const notInterpreted = (parameter: string, value: string, why: Localized): Localized => ({
	en: `${parameter} = ${value}: ${why.en}; applied as the profile gives it (the review cannot say what is mapped, carried or left alone)`,
	zh: `${parameter} = ${value}：${why.zh}；按配置文件原样应用（审阅无法说明映射、沿用或保持不变的内容）`,
});

/** virtual_alias_maps with postfix_files' virtual: `root ADDRESS` is --root-to ADDRESS. */
function readVirtual(profile: ResolvedProfile, configDir: string): {rootTo?: string; text?: string; rest?: string; file?: FileEdit; note?: Localized} {
	const table = ourTable(profile, 'virtual_alias_maps', configDir);
	if (table === undefined) {
		return {};
	}

	if (table.file === undefined || table.file.content === undefined) {
		return {note: notInterpreted('virtual_alias_maps', table.value, {en: 'none of its tables is a file of postfix_files', zh: '其中没有一个表是 postfix_files 中的文件'})};
	}

	if (!table.first) {
		return {note: notInterpreted('virtual_alias_maps', table.value, {en: `${path.basename(table.file.path)} is not its first table, so another table answers for root first`, zh: `${path.basename(table.file.path)} 不是第一个表，root 会先由其他表应答`})};
	}

	const text = table.file.content.toString('utf8');
	const root = tableEntries(text).find(entry => entry.key.toLowerCase() === 'root');
	const address = root?.values.length === 1 ? root.values[0]! : undefined;
	if (address === undefined || mailboxProblem(address) !== undefined) {
		const said = root ? root.values.join(', ') : '';
		return {note: notInterpreted('virtual_alias_maps', table.value, root
			? {en: `root maps to "${said}", not one address on another machine`, zh: `root 映射到“${said}”，不是一个其他机器上的地址`}
			: {en: `${path.basename(table.file.path)} has no line for root`, zh: `${path.basename(table.file.path)} 中没有 root 这一行`})};
	}

	return {rootTo: address, text, rest: table.rest, file: table.file};
}

/** The two rules postfix-wizard writes (sender-canonical.ts): this machine's names, or every sender. */
const localRule = /^\/\^\(\.[+*]\)@\((?:[^()]*\|)?localhost\(\\\.\[a-z0-9\.-\]\+\)\?\)\$\/$/;
const everyRule = '/^.+$/';

/** A regexp table's right-hand side as the address it stands for: `$$` is a literal `$`; `$1` is not an address. */
function replacementAddress(value: string): string | undefined {
	const address = value.replaceAll('$$', '\u0000');
	return address.includes('$') ? undefined : address.replaceAll('\u0000', '$');
}

/** sender_canonical_maps with postfix_files' regexp table: its first rule is --send-as (and its scope). */
function readSenderCanonical(profile: ResolvedProfile, configDir: string): {sendAs?: string; scope?: SendAsScope; text?: string; rest?: string; file?: FileEdit; note?: Localized} {
	const table = ourTable(profile, 'sender_canonical_maps', configDir, 'regexp');
	if (table === undefined) {
		return {};
	}

	if (table.file === undefined || table.file.content === undefined) {
		return {note: notInterpreted('sender_canonical_maps', table.value, {en: 'none of its tables is a regexp file of postfix_files', zh: '其中没有一个表是 postfix_files 中的 regexp 文件'})};
	}

	if (!table.first) {
		return {note: notInterpreted('sender_canonical_maps', table.value, {en: `${path.basename(table.file.path)} is not its first table`, zh: `${path.basename(table.file.path)} 不是第一个表`})};
	}

	const text = table.file.content.toString('utf8');
	const [rule] = tableEntries(text);
	const scope: SendAsScope | undefined = rule?.key === everyRule ? 'all' : rule && localRule.test(rule.key) ? 'local' : undefined;
	const sendAs = rule?.values.length === 1 ? replacementAddress(rule.values[0]!) : undefined;
	if (scope === undefined || sendAs === undefined || mailboxProblem(sendAs) !== undefined) {
		return {note: notInterpreted('sender_canonical_maps', table.value, {
			en: `the first rule of ${path.basename(table.file.path)} (${rule ? `${rule.key} ${rule.values.join(' ')}` : 'none'}) is not one postfix-wizard reads: this machine's own names, or every sender (/^.+$/), to one address`,
			zh: `${path.basename(table.file.path)} 的第一条规则（${rule ? `${rule.key} ${rule.values.join(' ')}` : '无'}）不是 postfix-wizard 能读懂的形式：本机自己的名字或所有发件人（/^.+$/）改写为一个地址`,
		})};
	}

	return {sendAs, scope, text, rest: table.rest, file: table.file};
}

/**
 * Reads root's mail and the sender out of a resolved profile, as `export --ansible` writes
 * them (and as people write them for the role by hand): `virtual_alias_maps` with a
 * `virtual` file whose `root` line names one address, `sender_canonical_maps` with a
 * regexp file whose first rule rewrites this machine's names (or every sender) to one
 * address. Those become the request the flags make, planned over the files' texts, so
 * the review explains them and a round trip export → apply --profile changes nothing.
 * Anything else stays in the profile, applied as given, with a note saying why.
 */
export function interpretProfileRootMail(profile: ResolvedProfile, configDir: string): ProfileRootMail {
	const virtual = readVirtual(profile, configDir);
	const sender = readSenderCanonical(profile, configDir);
	const consumed = new Set([virtual.file?.path, sender.file?.path].filter(file => file !== undefined));
	const settings = new Map([...profile.settings].filter(([name]) => !(name === 'virtual_alias_maps' && virtual.rootTo !== undefined) && !(name === 'sender_canonical_maps' && sender.sendAs !== undefined)));
	return {
		profile: {settings, files: profile.files.filter(file => !consumed.has(file.path))},
		request: {
			...(virtual.rootTo === undefined ? {} : {rootTo: virtual.rootTo}),
			...(sender.sendAs === undefined ? {} : {sendAs: sender.sendAs, sendAsScope: sender.scope ?? 'local'}),
		},
		shipped: {
			...(virtual.rootTo === undefined ? {} : {virtual: {text: virtual.text!, otherTables: virtual.rest!}}),
			...(sender.sendAs === undefined ? {} : {senderCanonical: {text: sender.text!, otherTables: sender.rest!}}),
		},
		notes: [virtual.note, sender.note].filter(note => note !== undefined),
	};
}
