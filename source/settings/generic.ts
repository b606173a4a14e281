import {controlCharacterProblem, problem, toError} from './syntax.js';
import type {Validation, ValidationError} from './types.js';

/**
 * Postfix parameter names: letters, digits and underscores. Mostly lower case, but not
 * always (`smtp_tls_CAfile`, `lmtp_tls_CApath`, in Debian's stock main.cf): whether a
 * name exists is `postconf -d`'s answer, checked before anything is staged.
 */
export function validateParameterName(name: string): ValidationError | undefined {
	return /^[A-Za-z\d_]+$/.test(name)
		? undefined
		: toError(name, problem(name, 'a parameter name has only letters, digits and underscores', '参数名只能包含字母、数字和下划线'));
}

/**
 * Parameters outside the catalogue (e.g. from an Ansible profile) get only what
 * postconf -e itself cannot survive: a newline would start a new main.cf line, a
 * leading # would turn the value into a comment. Anything else may be legitimate
 * there (`local_transport = error:local delivery is disabled` has spaces and a colon).
 */
export function validateGenericValue(name: string, value: string): Validation {
	const invalidName = validateParameterName(name);
	if (invalidName) {
		return {ok: false, error: invalidName};
	}

	const control = controlCharacterProblem(value);
	if (control) {
		return {ok: false, error: toError(name, control)};
	}

	// `relayhost = [smtp.example.com]:587`, copied whole from a guide: the name is not part of the value.
	const pasted = new RegExp(`^\\s*${name}\\s*=\\s*(.*)$`).exec(value)?.[1];
	if (pasted !== undefined) {
		return {ok: false, error: toError(name, problem(value.trim(), `paste only the value after "${name} =": ${pasted.trim() === '' ? '(empty)' : pasted.trim()}`, `只粘贴“${name} =”后面的值：${pasted.trim() === '' ? '（空）' : pasted.trim()}`))};
	}

	if (value.trim().startsWith('#')) {
		return {ok: false, error: toError(name, problem(value.trim(), 'a value cannot start with "#": main.cf would read it as a comment', '值不能以“#”开头：main.cf 会把它当作注释'))};
	}

	return {ok: true, warnings: []};
}
