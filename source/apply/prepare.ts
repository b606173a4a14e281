import {UsageError} from '../errors.js';
import {formatValidationError, settings, validateSetting} from '../settings/catalogue.js';
import type {Lang, ValidationError, SettingWarning} from '../settings/types.js';
import {foreignInterfaceAddresses, machineAddresses} from '../plan/local-addresses.js';
import {planChanges} from '../plan/plan.js';
import type {CurrentConfig, FileEdit} from '../plan/types.js';
import {readCurrentConfig} from '../postfix/current.js';
import type {PostfixTarget} from '../postfix/target.js';
import {type StagedPlan, stagePlan} from './stage.js';

export interface Review {
	readonly current: CurrentConfig & {readonly mainCfExists: boolean};
	readonly plan: StagedPlan;
	/** Valid but risky values (open relay, direct delivery…). */
	readonly warnings: readonly SettingWarning[];
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
	const guess = settings.map(setting => setting.name).find(known => editDistance(known, name) <= 2);
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
		const result = validateSetting(name, value);
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
export async function prepareReview(target: PostfixTarget, desired: ReadonlyMap<string, string>, options: {signal?: AbortSignal; removals?: readonly string[]; files?: readonly FileEdit[]} = {}): Promise<Review> {
	const {errors, warnings} = validateDesired(desired);
	const interfaces = desired.get('inet_interfaces');
	const foreign = interfaces === undefined ? undefined : foreignInterfaceAddresses(interfaces, machineAddresses());
	if (foreign) {
		errors.push(foreign);
	}

	if (errors.length > 0) {
		throw new InvalidSettingsError(errors);
	}

	const removals = options.removals ?? [];
	const current = await readCurrentConfig(target, [...new Set([...desired.keys(), ...removals])], options);
	// postconf -e writes any name; a typo such as `relayhst` would silently do nothing.
	const unknown = [...desired.keys()].filter(name => !current.defaults.has(name));
	if (unknown.length > 0) {
		throw new InvalidSettingsError(unknown.map(name => unknownParameter(name)));
	}

	const plan = await stagePlan(target, {...planChanges(current, desired, removals), files: options.files ?? []}, options);
	return {current, plan, warnings};
}
