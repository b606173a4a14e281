/**
 * The Jinja expressions a playbook written by export holds, and the only ones
 * `apply --profile` fills in: the role's own fact for the map type (so one playbook
 * serves Debian's hash and RHEL 10's lmdb) and the vault variable holding the relay
 * password. Any other expression is Ansible's business and is refused by name.
 */
export const databaseTypeVariable = 'postfix_default_database_type';
export const relayPasswordVariable = 'vault_postfix_relay_password';

export function expression(variable: string): string {
	return `{{ ${variable} }}`;
}

/** Where Jinja starts something: an expression, a statement or a comment. */
const opening = /\{\{|\{%|\{#/;

export function hasJinja(text: string): boolean {
	return opening.test(text);
}

/** Each Jinja construct in the text, as written (`{{ relay }}`, `{% if x %}`…). */
export function jinjaConstructs(text: string): string[] {
	return [...text.matchAll(/\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[{%#].*$/gs)].map(match => match[0]);
}

/** The variable a plain `{{ name }}` expression reads, or undefined for anything else (filters, tests…). */
export function plainVariable(construct: string): string | undefined {
	return construct.match(/^\{\{\s*([A-Za-z_]\w*)\s*\}\}$/)?.[1];
}

/** `vault_postfix_relay_password`, then `…_2`, `…_3` for further distinct passwords. */
export function relayPasswordVariableFor(index: number): string {
	return index === 0 ? relayPasswordVariable : `${relayPasswordVariable}_${index + 1}`;
}
