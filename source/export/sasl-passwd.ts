import {redactSaslPasswd} from '../relay/sasl-passwd.js';
import {expression, relayPasswordVariableFor} from './jinja.js';

/**
 * sasl_passwd with each distinct password replaced by a vault variable
 * (`vault_postfix_relay_password`, then `…_2`), keys and comments as they are: what a
 * playbook and `verify --json` may hold.
 */
export function redactPasswords(content: string): {content: string; variables: string[]} {
	const passwords: string[] = [];
	const redacted = redactSaslPasswd(content, secret => {
		// Postfix ignores trailing whitespace: the same password with or without it is one variable.
		const password = secret.trimEnd();
		if (!passwords.includes(password)) {
			passwords.push(password);
		}

		return expression(relayPasswordVariableFor(passwords.indexOf(password)));
	});
	return {content: redacted, variables: passwords.map((_, index) => relayPasswordVariableFor(index))};
}
