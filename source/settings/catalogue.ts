import {validateGenericValue} from './generic.js';
import {inetInterfaces} from './inet-interfaces.js';
import {mydestination} from './mydestination.js';
import {myorigin} from './myorigin.js';
import {mynetworks} from './mynetworks.js';
import {relayhost} from './relayhost.js';
import {credentialProblem} from './credentials.js';
import type {OriginFacts} from './origin.js';
import {controlCharacterProblem, toError} from './syntax.js';
import type {EarlierAnswers, Lang, Setting, Validation, ValidationError} from './types.js';

/**
 * In the order the wizard asks: where mail goes first (the reason a null client
 * exists), then who it appears to come from, then locking the door (listening,
 * trusting, local delivery), which a newcomer understands once the first two are clear.
 * Other code (plans, diffs, Ansible export) relies on this order staying put.
 */
export const settings: readonly Setting[] = [relayhost, myorigin, inetInterfaces, mynetworks, mydestination];

export function findSetting(name: string): Setting | undefined {
	return settings.find(setting => setting.name === name);
}

/** Of all the answers, those to the settings asked before `name`: what its warnings may quote. */
export function answersBefore(name: string, answers: ReadonlyMap<string, string> | Readonly<Record<string, string>>): EarlierAnswers {
	const position = settings.findIndex(setting => setting.name === name);
	const get = (key: string) => (answers instanceof Map ? answers.get(key) : (answers as Readonly<Record<string, string>>)[key]);
	return Object.fromEntries(settings.slice(0, Math.max(0, position))
		.map(setting => [setting.name, get(setting.name)] as const)
		.filter(([, value]) => value !== undefined));
}

/** `answers`: every answer given (the wizard's, or the --set values); only the earlier ones are quoted. */
export function validateSetting(name: string, value: string, facts?: OriginFacts, answers?: ReadonlyMap<string, string> | Readonly<Record<string, string>>): Validation {
	// A login in a value is refused first, so no later rule quotes the secret back.
	const credentials = credentialProblem(name, value);
	if (credentials) {
		return {ok: false, error: toError(name, credentials)};
	}

	// The generic rules (name syntax, newlines, a leading #) hold for every parameter.
	const generic = validateGenericValue(name, value);
	const setting = findSetting(name);
	return generic.ok && setting ? setting.validate(value, facts, answers && answersBefore(name, answers)) : generic;
}

/**
 * One line naming the parameter, the offending part and the rule. Given the whole value,
 * it is shown too when the part is only a piece of it, so the user sees where the piece
 * sits; a value with control characters is left out, as it would break the line.
 */
export function formatValidationError(error: ValidationError, lang: Lang, value?: string): string {
	const whole = value?.trim();
	const context = whole !== undefined && whole !== error.part && !controlCharacterProblem(whole) && !credentialProblem(error.parameter, whole) ? whole : undefined;
	if (lang === 'zh') {
		const where = context === undefined ? `“${error.part}”` : `“${context}”中的“${error.part}”`;
		return `${error.parameter}：${where}— ${error.rule.zh}`;
	}

	const where = context === undefined ? `"${error.part}"` : `"${error.part}" in "${context}"`;
	return `${error.parameter}: ${where} — ${error.rule.en}`;
}
