import {listItems} from '../settings/syntax.js';

/** What a machine's Postfix is today, in the terms of Debian's installer and of this tool. */
export type MachineKind = 'null-client' | 'satellite' | 'internet-site' | 'unconfigured';

/**
 * Pure: from the values in force to a kind. A null client relays everything, listens on
 * loopback only and delivers nothing locally; Debian's "satellite" relays but still
 * delivers some domains locally or listens on the network.
 */
export function classifyMachine(values: ReadonlyMap<string, string>, explicitCount: number): MachineKind {
	if (explicitCount === 0) {
		return 'unconfigured';
	}

	const relayhost = (values.get('relayhost') ?? '').trim();
	if (relayhost === '') {
		return 'internet-site';
	}

	const interfaces = listItems(values.get('inet_interfaces') ?? 'all');
	const loopbackOnly = interfaces.every(item => item === 'loopback-only' || item === 'localhost' || item.startsWith('127.') || item === '[::1]' || item === '::1');
	const deliversNothing = (values.get('mydestination') ?? '').trim() === '';
	return loopbackOnly && deliversNothing ? 'null-client' : 'satellite';
}
