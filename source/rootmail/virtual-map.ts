import type {AliasEntry, AliasTarget} from './aliases.js';
import {isRoleAddress} from './roles.js';

/** Always mapped: the names whose mail is the machine's own (RFC 5321 requires postmaster). */
export const alwaysMapped = ['root', 'postmaster', 'mailer-daemon'] as const;

/** How each name is written in the map: Postfix folds keys, MAILER-DAEMON reads as its logs do. */
const spelled: Readonly<Record<string, string>> = {'mailer-daemon': 'MAILER-DAEMON'};

export interface RootMailFacts {
	/** The address root's mail goes to, already checked. */
	readonly rootTo: string;
	/** Entries of every readable alias_maps table, earlier tables first. */
	readonly aliases: readonly AliasEntry[];
	/** System accounts (uid below UID_MIN, and root), lowercase. */
	readonly systemAccounts: ReadonlySet<string>;
	/** This machine's own mail domains (myorigin resolved, myhostname, localhost…), lowercase: user@one of them is local. */
	readonly localDomains: readonly string[];
}

/** One line of the virtual table. */
export interface VirtualEntry {
	readonly key: string;
	readonly values: readonly string[];
}

/** Why an aliases entry does not enter the map. */
export type LeftAloneReason =
	/** info, sales…: a bare key would capture mail to the company's real mailbox. */
	| 'role'
	/** Not an account of this machine below UID_MIN. */
	| 'not-system'
	/** Ends at local mailboxes or programs only: nothing outside to send it to. */
	| 'local-only';

export interface LeftAlone {
	readonly name: string;
	readonly reason: LeftAloneReason;
	/** The local names it ends at (for local-only). */
	readonly localNames: readonly string[];
}

/** A pipe, file or :include: the aliases file runs, which a null client never runs. */
export interface NotCarried {
	readonly name: string;
	readonly target: AliasTarget;
}

export interface RootMailMap {
	readonly entries: readonly VirtualEntry[];
	/** Names mapped to the chosen address. */
	readonly mapped: readonly string[];
	/** System accounts whose external addresses are kept (name → addresses). */
	readonly carried: readonly VirtualEntry[];
	readonly leftAlone: readonly LeftAlone[];
	readonly notCarried: readonly NotCarried[];
	/** What root's own aliases entry said, replaced by the chosen address. */
	readonly rootWas: readonly string[];
}

/** Where following one name through the aliases ends. */
interface Expansion {
	readonly external: Set<string>;
	toRoot: boolean;
	readonly localNames: Set<string>;
	readonly dropped: AliasTarget[];
}

/**
 * Pure: which names the virtual table maps and where to. Each alias is followed as
 * local(8) would (`daemon: root`, `www-data: webmaster, ops@example.net`); a name that
 * ends at root goes to the chosen address, external addresses are kept, programs and files
 * are listed as not carried (a null client runs no local delivery).
 */
export function buildRootMailMap(facts: RootMailFacts): RootMailMap {
	const byName = new Map(facts.aliases.map(entry => [entry.name, entry]));
	const localDomains = new Set(facts.localDomains.map(domain => domain.toLowerCase()));

	const localPart = (target: AliasTarget): string | undefined => {
		if (target.kind === 'local') {
			return target.name;
		}

		if (target.kind === 'address') {
			const at = target.address.lastIndexOf('@');
			return localDomains.has(target.address.slice(at + 1).toLowerCase()) ? target.address.slice(0, at).toLowerCase() : undefined;
		}

		return undefined;
	};

	const expand = (name: string, seen: Set<string>, into: Expansion): void => {
		if (name === 'root') {
			into.toRoot = true;
			return;
		}

		const entry = byName.get(name);
		if (!entry || seen.has(name)) {
			into.localNames.add(name);
			return;
		}

		seen.add(name);
		for (const target of entry.targets) {
			const local = localPart(target);
			if (local !== undefined) {
				// `\name` stops aliasing: that mailbox, not its alias.
				if (target.raw.trim().startsWith('\\')) {
					if (local === 'root') {
						into.toRoot = true;
					} else {
						into.localNames.add(local);
					}
				} else {
					expand(local, seen, into);
				}
			} else if (target.kind === 'address') {
				into.external.add(target.address);
			} else {
				into.dropped.push(target);
			}
		}
	};

	const follow = (name: string): Expansion => {
		const result: Expansion = {external: new Set(), toRoot: false, localNames: new Set(), dropped: []};
		expand(name, new Set(), result);
		return result;
	};

	const entries: VirtualEntry[] = [];
	const mapped: string[] = [];
	const carried: VirtualEntry[] = [];
	const leftAlone: LeftAlone[] = [];
	const notCarried: NotCarried[] = [];
	const add = (name: string, values: Iterable<string>) => entries.push({key: spelled[name] ?? name, values: [...new Set(values)]});

	const rootEntry = byName.get('root');
	const rootWas = rootEntry ? rootEntry.targets.map(target => target.raw.trim()) : [];
	add('root', [facts.rootTo]);
	mapped.push('root');
	for (const target of rootEntry?.targets ?? []) {
		if (target.kind === 'pipe' || target.kind === 'file' || target.kind === 'include') {
			notCarried.push({name: 'root', target});
		}
	}

	const consider = (name: string, required: boolean) => {
		const result = follow(name);
		notCarried.push(...result.dropped.map(target => ({name, target})));
		const external = [...result.external];
		// postmaster and MAILER-DAEMON must reach someone: without an outside address, root's.
		const toRoot = result.toRoot || (required && external.length === 0);
		if (toRoot) {
			add(name, [facts.rootTo, ...external]);
			mapped.push(name);
			if (external.length > 0) {
				carried.push({key: spelled[name] ?? name, values: external});
			}
		} else if (external.length > 0) {
			add(name, external);
			carried.push({key: spelled[name] ?? name, values: external});
		} else {
			leftAlone.push({name, reason: 'local-only', localNames: [...result.localNames]});
		}
	};

	consider('postmaster', true);
	consider('mailer-daemon', true);
	for (const entry of facts.aliases) {
		const {name} = entry;
		if ((alwaysMapped as readonly string[]).includes(name)) {
			continue;
		}

		if (isRoleAddress(name)) {
			leftAlone.push({name, reason: 'role', localNames: []});
		} else if (!facts.systemAccounts.has(name)) {
			leftAlone.push({name, reason: 'not-system', localNames: []});
		} else {
			consider(name, false);
		}
	}

	return {entries, mapped, carried, leftAlone, notCarried, rootWas};
}

/**
 * The first address root's own aliases entry leads to that the step would take (`accepts`:
 * the step's own check, so nothing is proposed that Enter then refuses): the natural proposal.
 */
export function rootAliasProposal(aliases: readonly AliasEntry[], accepts: (address: string) => boolean): string | undefined {
	const root = aliases.find(entry => entry.name === 'root');
	return root?.targets
		.filter(target => target.kind === 'address')
		.map(target => target.address)
		.find(address => accepts(address));
}
