import {UsageError} from '../errors.js';
import {formatValidationError, settings, validateSetting} from '../settings/catalogue.js';
import type {Lang, ValidationError, SettingWarning} from '../settings/types.js';
import {foreignInterfaceAddresses, machineAddresses} from '../plan/local-addresses.js';
import {planChanges} from '../plan/plan.js';
import type {FileEdit} from '../plan/types.js';
import {type CurrentState, readCurrentConfig} from '../postfix/current.js';
import {type Ipv6Support, detectIpv6} from '../postfix/ipv6.js';
import {adjustForHost} from '../plan/ipv6.js';
import {ownLogAdjustment} from '../plan/own-log.js';
import {type LogFacts, hasPostlogService, hasSystemLog} from '../postfix/log.js';
import type {PostfixTarget} from '../postfix/target.js';
import {type RootMailOptions, type RootMailReview, prepareRootMail} from '../rootmail/prepare.js';
import {type StageOptions, type StagedPlan, stagePlan} from './stage.js';
import {hostParameters} from './reading-needs.js';

export interface Review {
	readonly current: CurrentState;
	readonly plan: StagedPlan;
	/** Valid but risky values (open relay, direct delivery…). */
	readonly warnings: readonly SettingWarning[];
	/** What root's mail and the sender become, when asked (or myorigin changes). */
	readonly rootMail: RootMailReview | undefined;
}

/** Values refused before anything was touched (exit 2), one line per value and rule. */
export class InvalidSettingsError extends UsageError {
	override readonly status = 'invalid';

	constructor(readonly errors: readonly ValidationError[]) {
		super({en: 'Refused, nothing was touched:', zh: '已拒绝，未做任何更改：'});
	}

	override details(lang: Lang): readonly string[] {
		return this.errors.map(error => `  ${formatValidationError(error, lang)}`);
	}

	override jsonFields(lang: Lang): Record<string, unknown> {
		return {errors: this.errors.map(error => ({parameter: error.parameter, part: error.part, rule: error.rule[lang]}))};
	}
}

function unknownParameter(name: string): ValidationError {
	// Case counts in main.cf (`RELAYHOST` is unknown), but is the likeliest slip.
	const guess = settings.map(setting => setting.name).find(known => editDistance(known, name.toLowerCase()) <= 2);
	const hint = {en: guess ? ` (did you mean ${guess}?)` : '', zh: guess ? `（是否想写 ${guess}？）` : ''};
	return {
		parameter: name,
		part: name,
		rule: {
			en: `not a parameter this Postfix knows (postconf -d has no such name)${hint.en}`,
			zh: `不是此 Postfix 认识的参数（postconf -d 中没有这个名字）${hint.zh}`,
		},
	};
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(row[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}

		previous = row;
	}

	return previous[b.length]!;
}

/** Validation at the edge: every value, before anything is read or touched. */
export function validateDesired(desired: ReadonlyMap<string, string>): {errors: ValidationError[]; warnings: SettingWarning[]} {
	const errors: ValidationError[] = [];
	const warnings: SettingWarning[] = [];
	for (const [name, value] of desired) {
		// The warnings quote the other values given (mynetworks names the inet_interfaces asked for).
		const result = validateSetting(name, value, undefined, desired);
		if (result.ok) {
			warnings.push(...result.warnings);
		} else {
			errors.push(result.error);
		}
	}

	return {errors, warnings};
}

/**
 * From answers to the exact bytes that would be written: validate, read what is in
 * force through postconf, keep what differs, stage it with postconf -e on a copy.
 * Shared by the wizard's review screen and `apply`.
 */
export async function prepareReview(target: PostfixTarget, asked: ReadonlyMap<string, string>, options: RootMailOptions & Pick<StageOptions, 'placeInConfigDir'> & {removals?: readonly string[]; files?: readonly FileEdit[]; ipv6?: Ipv6Support} = {}): Promise<Review> {
	const {errors, warnings} = validateDesired(asked);
	const interfaces = asked.get('inet_interfaces');
	const foreign = interfaces === undefined ? undefined : foreignInterfaceAddresses(interfaces, machineAddresses());
	if (foreign) {
		errors.push(foreign);
	}

	if (errors.length > 0) {
		throw new InvalidSettingsError(errors);
	}

	const rootMail = await prepareRootMail(target, asked, options);
	if (rootMail.errors.length > 0) {
		throw new InvalidSettingsError(rootMail.errors);
	}

	const desired = new Map([...asked, ...(rootMail.review?.changes.settings ?? [])]);

	const removals = options.removals ?? [];
	// Postfix's own log service matters only on a host that logs nowhere else (ownLogAdjustment).
	const systemLog = hasSystemLog();
	const [current, ipv6, postlog] = await Promise.all([
		readCurrentConfig(target, [...new Set([...desired.keys(), ...removals, ...hostParameters])], {...options, explicitOf: 'names'}),
		options.ipv6 ?? detectIpv6(),
		!systemLog && hasPostlogService(target, options),
	]);
	// postconf -e writes any name; a typo such as `relayhst` would silently do nothing.
	const unknown = [...desired.keys()].filter(name => !current.defaults.has(name));
	if (unknown.length > 0) {
		throw new InvalidSettingsError(unknown.map(name => unknownParameter(name)));
	}

	// What this host needs besides the answers, in the same change: inet_protocols = ipv4
	// without IPv6, Postfix's own log where it logs nowhere.
	const logs: LogFacts = {maillogFile: current.values.get('maillog_file') ?? '', postlog, systemLog, version: current.defaults.get('mail_version') ?? ''};
	const host = [adjustForHost(ipv6, {inetProtocols: current.values.get('inet_protocols') ?? 'all'}, desired), ownLogAdjustment(logs, desired)];
	const planned = new Map([...desired, ...host.flatMap(adjustment => [...adjustment.settings])]);
	const changes = planChanges(current, planned, removals);
	const plan = await stagePlan(target, {...changes, files: [...changes.files, ...(options.files ?? []), ...(rootMail.review?.changes.files ?? [])]}, options);
	return {current, plan, warnings: [...warnings, ...host.flatMap(adjustment => adjustment.warnings)], rootMail: rootMail.review};
}
