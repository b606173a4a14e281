import {type SyntaxProblem, toError, unsafeCharacters} from './syntax.js';
import type {SettingWarning, Validation} from './types.js';

/**
 * The shape every catalogue validator shares: refuse unsafe characters, then the
 * parameter's own syntax; only a valid value is looked at for risks.
 */
export function validateWith(
	parameter: string,
	value: string,
	syntax: (trimmed: string) => SyntaxProblem | undefined,
	risks: (trimmed: string) => SettingWarning[] = () => [],
): Validation {
	const trimmed = value.trim();
	const found = unsafeCharacters(value) ?? syntax(trimmed);
	if (found) {
		return {ok: false, error: toError(parameter, found)};
	}

	return {ok: true, warnings: risks(trimmed)};
}

export function warning(parameter: string, en: string, zh: string): SettingWarning {
	return {parameter, message: {en, zh}};
}

/** The first list item that breaks the rule, if any. */
export function firstProblem(items: readonly string[], check: (item: string) => SyntaxProblem | undefined): SyntaxProblem | undefined {
	for (const item of items) {
		const found = check(item);
		if (found) {
			return found;
		}
	}

	return undefined;
}
