import {validateGenericValue} from './generic.js';
import {inetInterfaces} from './inet-interfaces.js';
import {mydestination} from './mydestination.js';
import {myorigin} from './myorigin.js';
import {mynetworks} from './mynetworks.js';
import {relayhost} from './relayhost.js';
import type {Lang, Setting, Validation, ValidationError} from './types.js';

/**
 * In the order the wizard asks: where mail goes first (the reason a null client
 * exists), then who it appears to come from, then locking the door (listening,
 * trusting, local delivery), which a newcomer understands once the first two are clear.
 */
export const settings: readonly Setting[] = [relayhost, myorigin, inetInterfaces, mynetworks, mydestination];

export function findSetting(name: string): Setting | undefined {
	return settings.find(setting => setting.name === name);
}

export function validateSetting(name: string, value: string): Validation {
	const setting = findSetting(name);
	if (!setting) {
		return validateGenericValue(name, value);
	}

	// The catalogue's rules include the generic ones (control characters).
	const generic = validateGenericValue(name, value);
	return generic.ok ? setting.validate(value) : generic;
}

export function formatValidationError(error: ValidationError, lang: Lang): string {
	return lang === 'zh'
		? `${error.parameter}：“${error.part}”— ${error.rule.zh}`
		: `${error.parameter}: "${error.part}" — ${error.rule.en}`;
}
