import os from 'node:os';
import {listItems} from '../settings/syntax.js';
import type {ValidationError} from '../settings/types.js';

/** Every address this machine has, on any interface (what Postfix can bind to). */
export function machineAddresses(): Set<string> {
	return new Set(Object.values(os.networkInterfaces()).flatMap(entries => (entries ?? []).map(entry => entry.address.toLowerCase())));
}

/**
 * inet_interfaces names addresses Postfix binds to: one that is not this machine's makes
 * Postfix fail to start (`bind … Cannot assign requested address`), long after the review.
 * Caught before anything is written, with the addresses it could have been.
 */
export function foreignInterfaceAddresses(value: string, addresses: ReadonlySet<string>): ValidationError | undefined {
	const ip = (item: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(item) || item.includes(':');
	const foreign = listItems(value).map(item => item.replace(/^\[(.*)\]$/, '$1')).filter(item => ip(item) && !addresses.has(item.toLowerCase()));
	if (foreign.length === 0) {
		return undefined;
	}

	const known = [...addresses].join(', ');
	return {
		parameter: 'inet_interfaces',
		part: foreign.join(' '),
		rule: {
			en: `not an address of this machine, so Postfix could not listen there (this machine has: ${known})`,
			zh: `不是本机的地址，Postfix 无法在那里监听（本机地址：${known}）`,
		},
	};
}
