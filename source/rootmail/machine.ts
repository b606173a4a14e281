import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {existsSync} from 'node:fs';
import {mainCfPath, withReadableConfig} from '../postfix/current.js';
import {type ConfigReading, expandedCovering} from '../postfix/reading.js';
import {readExpanded, readExplicit} from '../postfix/postconf.js';
import type {RunOptions} from '../postfix/run.js';
import type {PostfixTarget} from '../postfix/target.js';
import {listItems} from '../settings/syntax.js';
import {rootMailNames} from './names.js';
import type {OriginFacts} from '../settings/origin.js';
import {parsePasswd, systemAccounts, uidMinFrom} from './accounts.js';
import {type AliasEntry, type AliasProblem, aliasSources, parseAliases} from './aliases.js';

/** Where the system's accounts are described; tests point these at fixtures. */
export interface AccountFiles {
	readonly passwd: string;
	readonly loginDefs: string;
}

export const systemAccountFiles: AccountFiles = {passwd: '/etc/passwd', loginDefs: '/etc/login.defs'};

/** Debian's myorigin file; read so the myorigin step can say what it holds. */
export const mailnameFile = '/etc/mailname';

/** Everything root's mail and the sender depend on, read from the machine. */
export interface RootMailMachine {
	readonly configDir: string;
	/** `default_database_type`: hash on Debian and RHEL ≤ 9, lmdb on RHEL 10 and Alpine. */
	readonly databaseType: string;
	/** Parameters `$refs` expand to, and first lines of the files myorigin may name. */
	readonly originFacts: OriginFacts;
	/** myorigin in force, `$refs` expanded (a domain, or a file such as /etc/mailname). */
	readonly origin: string;
	/** `myhostname` as Postfix uses it. */
	readonly myhostname: string;
	/** Entries of every readable alias_maps table, earlier tables first (a name found twice keeps the first). */
	readonly aliases: readonly AliasEntry[];
	readonly aliasProblems: ReadonlyArray<AliasProblem & {readonly file: string}>;
	/** alias_maps tables that could not be read (nis:, ldap:, a missing file). */
	readonly unreadableTables: readonly string[];
	readonly systemAccounts: ReadonlySet<string>;
	/** Values main.cf sets explicitly for the maps we add to (undefined: not set). */
	readonly explicit: {readonly virtualAliasMaps: string | undefined; readonly senderCanonicalMaps: string | undefined};
	/** What DIR/virtual and DIR/sender_canonical hold now (undefined: no such file). */
	readonly existing: {readonly virtual: string | undefined; readonly senderCanonical: string | undefined};
}

async function readText(file: string): Promise<string | undefined> {
	return readFile(file, 'utf8').catch(() => undefined);
}

export function virtualPath(configDir: string): string {
	return path.join(configDir, 'virtual');
}

export function senderCanonicalPath(configDir: string): string {
	return path.join(configDir, 'sender_canonical');
}

/** The first line of a file, or undefined when it cannot be read. */
async function firstLine(file: string): Promise<string | undefined> {
	const text = await readText(file);
	return text?.split('\n')[0];
}

/**
 * Reads through postconf (values as Postfix expands them) and the files behind them:
 * the alias_maps sources, /etc/passwd and login.defs, /etc/mailname.
 */
export async function readRootMailMachine(target: PostfixTarget, options: RunOptions & {readonly accounts?: AccountFiles; readonly reading?: ConfigReading} = {}): Promise<RootMailMachine> {
	const names = rootMailNames;
	const {reading} = options;
	const shared = expandedCovering(reading, names);
	const [expanded, explicit] = reading && shared && existsSync(mainCfPath(target))
		? await Promise.all([shared, reading.explicit])
		: await withReadableConfig(target, async readFrom => Promise.all([readExpanded(readFrom, names, options), readExplicit(readFrom, options)]));
	const value = (name: string) => expanded.values.get(name) ?? '';
	const accounts = options.accounts ?? systemAccountFiles;

	const aliases: AliasEntry[] = [];
	const aliasProblems: Array<AliasProblem & {file: string}> = [];
	const unreadableTables: string[] = [];
	const known = new Set<string>();
	for (const source of aliasSources(listItems(value('alias_maps')))) {
		const text = source.file === undefined ? undefined : await readText(source.file);
		if (text === undefined) {
			unreadableTables.push(source.table);
			continue;
		}

		const parsed = parseAliases(text);
		// Postfix asks the tables in order: a name the first one knows is never looked up again.
		aliases.push(...parsed.entries.filter(entry => !known.has(entry.name)));
		parsed.entries.forEach(entry => known.add(entry.name));
		aliasProblems.push(...parsed.problems.map(found => ({...found, file: source.file!})));
	}

	const files = new Map<string, string | undefined>();
	for (const file of new Set([mailnameFile, ...(value('myorigin').startsWith('/') ? [value('myorigin')] : [])])) {
		files.set(file, await firstLine(file));
	}

	const [passwd, loginDefs, virtual, senderCanonical] = await Promise.all([
		readText(accounts.passwd),
		readText(accounts.loginDefs),
		readText(virtualPath(target.configDir)),
		readText(senderCanonicalPath(target.configDir)),
	]);
	return {
		configDir: target.configDir,
		databaseType: value('default_database_type') || 'hash',
		originFacts: {parameters: new Map(['mydomain', 'myhostname', 'config_directory'].map(name => [name, value(name)])), files},
		origin: value('myorigin'),
		myhostname: value('myhostname'),
		aliases,
		aliasProblems,
		unreadableTables,
		systemAccounts: systemAccounts(parsePasswd(passwd ?? ''), uidMinFrom(loginDefs)),
		explicit: {virtualAliasMaps: explicit.values.get('virtual_alias_maps'), senderCanonicalMaps: explicit.values.get('sender_canonical_maps')},
		existing: {virtual, senderCanonical},
	};
}
