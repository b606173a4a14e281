import {managedParameters as relayParameters} from '../relay/types.js';
import {settings} from './catalogue.js';

/** A managed parameter that points at lookup tables kept beside main.cf as files of their own. */
export interface ManagedMap {
	readonly parameter: string;
	/** Built with postmap (hash, lmdb…); false for tables Postfix reads as text (regexp). */
	readonly postmap: boolean;
	/** Holds a password: written 0600, never shown, exported as a vault variable. */
	readonly secret: boolean;
}

/** The tables the tool writes for the relay login, root's mail and the sender. */
export const managedMaps: readonly ManagedMap[] = [
	{parameter: 'smtp_sasl_password_maps', postmap: true, secret: true},
	{parameter: 'virtual_alias_maps', postmap: true, secret: false},
	{parameter: 'sender_canonical_maps', postmap: false, secret: false},
];

/**
 * Every main.cf parameter this tool manages, in the order it presents them: the
 * catalogue's five, then the relay login and encryption (the login planner's own list),
 * then the tables. The one list that export, verify --json and the round-trip tests read.
 */
export const managedParameters: readonly string[] = [...new Set([
	...settings.map(setting => setting.name),
	...relayParameters,
	...managedMaps.map(map => map.parameter),
])];

export function isManagedParameter(name: string): boolean {
	return managedParameters.includes(name);
}

export function findManagedMap(parameter: string): ManagedMap | undefined {
	return managedMaps.find(map => map.parameter === parameter);
}
