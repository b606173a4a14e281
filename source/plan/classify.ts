import {settings, validateSetting} from '../settings/catalogue.js';
import {listItems} from '../settings/syntax.js';
import type {OriginFacts} from '../settings/origin.js';
import type {Localized, ProposalContext} from '../settings/types.js';
import type {Ipv6Support} from '../postfix/ipv6.js';
import {wantsIpv6, withoutIpv6Networks} from './ipv6.js';
import type {LogFacts} from '../postfix/log-places.js';
import {logsNowhere, ownLogFix} from './own-log.js';

/** What a machine's Postfix is today, in the terms of Debian's installer and of this tool. */
export type MachineKind = 'null-client' | 'satellite' | 'internet-site' | 'unconfigured';

export function isLoopbackInterface(item: string): boolean {
	return item === 'loopback-only' || item === 'localhost' || item.startsWith('127.') || item === '[::1]' || item === '::1';
}

/**
 * Pure: from the values in force to a kind. A null client relays everything, listens on
 * loopback only and delivers nothing locally; Debian's "satellite" relays but still
 * delivers some domains locally or listens on the network; an internet site delivers
 * mail itself; unconfigured is main.cf without a single setting (Debian's "No configuration").
 */
export function classifyMachine(values: ReadonlyMap<string, string>, explicitCount: number): MachineKind {
	if (explicitCount === 0) {
		return 'unconfigured';
	}

	const relayhost = (values.get('relayhost') ?? '').trim();
	if (relayhost === '') {
		return 'internet-site';
	}

	const loopbackOnly = listItems(values.get('inet_interfaces') ?? 'all').every(item => isLoopbackInterface(item));
	const deliversNothing = (values.get('mydestination') ?? '').trim() === '';
	return loopbackOnly && deliversNothing ? 'null-client' : 'satellite';
}

/**
 * The value the wizard prefills for each setting: in --sandbox the relay is the sandbox's
 * sink; a value main.cf already sets and that is valid without a warning is kept (a working
 * relayhost must not be swapped for a guess); otherwise the catalogue's recommendation.
 */
export function proposeValues(current: ReadonlyMap<string, string>, explicit: {has(name: string): boolean}, context: ProposalContext): Map<string, string> {
	return new Map(settings.map(setting => {
		if (setting.name === 'relayhost' && context.relayhost !== undefined) {
			return [setting.name, context.relayhost];
		}

		const value = current.get(setting.name);
		if (value !== undefined && explicit.has(setting.name)) {
			const validation = validateSetting(setting.name, value, context.originFacts);
			if (validation.ok && validation.warnings.length === 0) {
				// Without IPv6, [::1]/128 matches nothing: keep the rest of the list.
				const kept = setting.name === 'mynetworks' && context.ipv6 === false ? withoutIpv6Networks(value) : value;
				return [setting.name, kept || setting.recommended(context)];
			}
		}

		return [setting.name, setting.recommended(context)];
	}));
}

/** True when every proposal is what is already in force: the wizard has nothing to write. */
export function isUpToDate(current: ReadonlyMap<string, string>, proposals: ReadonlyMap<string, string>): boolean {
	return [...proposals].every(([name, value]) => (current.get(name) ?? '').trim() === value.trim());
}

/** A problem the preflight found; the UI words it (and its fix) in the user's language. */
export type Finding =
	| {readonly kind: 'not-root'}
	/** The new main.cf starts from the distribution's file (undefined: Postfix's built-in defaults). */
	| {readonly kind: 'no-main-cf'; readonly configDir: string; readonly startingPoint: string | undefined}
	| {readonly kind: 'not-running'; readonly manager: 'systemd' | 'postfix'}
	/** Postfix logs nowhere here; `offered`: the change adds its own log (maillog_file), else `why` not. */
	| {readonly kind: 'no-log'; readonly offered: boolean; readonly why: Localized}
	/** No IPv6 on this host while inet_protocols asks for it: the change sets inet_protocols = ipv4. */
	| {readonly kind: 'ipv6-off'; readonly reason: 'disabled' | 'absent'; readonly inetProtocols: string}
	/** A value in force that the catalogue warns about, and what the wizard proposes instead. */
	| {readonly kind: 'setting'; readonly parameter: string; readonly problem: Localized; readonly proposal: string};

export interface MachineFacts {
	readonly current: ReadonlyMap<string, string>;
	readonly proposals: ReadonlyMap<string, string>;
	readonly mainCfExists: boolean;
	readonly startingPoint?: string | undefined;
	readonly configDir: string;
	readonly running: boolean;
	readonly manager: 'systemd' | 'postfix';
	readonly isRoot: boolean;
	/** Root does not matter in --sandbox: the instance is the wizard's own. */
	readonly sandbox: boolean;
	/** What myorigin's `$refs` and files hold: a value resolving to `localhost` is a finding. */
	readonly originFacts?: OriginFacts;
	readonly ipv6?: Ipv6Support;
	/** inet_protocols in force. */
	readonly inetProtocols?: string;
	/** Where Postfix's log lines go (see plan/own-log.ts). */
	readonly logs?: LogFacts;
}

/** Pure: each problem of the machine as it is today, in the order a person fixes them. */
export function findProblems(facts: MachineFacts): Finding[] {
	const findings: Finding[] = [];
	if (!facts.isRoot && !facts.sandbox) {
		findings.push({kind: 'not-root'});
	}

	if (!facts.mainCfExists) {
		findings.push({kind: 'no-main-cf', configDir: facts.configDir, startingPoint: facts.startingPoint});
	}

	if (!facts.running) {
		findings.push({kind: 'not-running', manager: facts.manager});
	}

	if (facts.logs && logsNowhere(facts.logs)) {
		const {offered, fix} = ownLogFix(facts.logs);
		findings.push({kind: 'no-log', offered, why: fix});
	}

	if (facts.ipv6?.loopback === false && wantsIpv6(facts.inetProtocols ?? 'all')) {
		findings.push({kind: 'ipv6-off', reason: facts.ipv6.reason, inetProtocols: facts.inetProtocols ?? 'all'});
	}

	for (const setting of settings) {
		const value = facts.current.get(setting.name) ?? '';
		const validation = validateSetting(setting.name, value, facts.originFacts);
		const proposal = facts.proposals.get(setting.name) ?? setting.recommended({});
		// A value in force that would be refused as an answer is a finding too, never a dead end.
		const problem = validation.ok ? validation.warnings[0]?.message : validation.error.rule;
		if (problem && proposal.trim() !== value.trim()) {
			findings.push({kind: 'setting', parameter: setting.name, problem, proposal});
		}
	}

	return findings;
}
