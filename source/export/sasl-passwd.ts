import {expression, relayPasswordVariableFor} from './jinja.js';

/**
 * `KEY username:password` per line (only the first `:` splits; RELAYS.md). Replaces each
 * distinct password with a vault variable, keeping everything else byte for byte.
 */
export function redactPasswords(content: string): {content: string; variables: string[]} {
	const passwords: string[] = [];
	const lines = content.split('\n').map(line => {
		const match = line.match(/^(\s*[^\s#]\S*\s+[^:\s]*:)(.*?)(\s*)$/);
		if (!match) {
			return line;
		}

		const [, before = '', password = '', after = ''] = match;
		if (password === '') {
			return line;
		}

		if (!passwords.includes(password)) {
			passwords.push(password);
		}

		return `${before}${expression(relayPasswordVariableFor(passwords.indexOf(password)))}${after}`;
	});
	return {content: lines.join('\n'), variables: passwords.map((_, index) => relayPasswordVariableFor(index))};
}
