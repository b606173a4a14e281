import {isLoopbackNetwork, listItems} from '../settings/syntax.js';
import {isLoopbackInterface} from './classify.js';

/** What a configuration does that must never happen by accident: each needs an explicit yes. */
export interface Risks {
	/** Listening beyond loopback while trusting networks beyond loopback: others may relay through this server. */
	readonly openRelay: boolean;
	/** An empty relayhost: Postfix delivers to every recipient's own server, not through a relay. */
	readonly directDelivery: boolean;
}

/** From the values that will be in force (answers over what main.cf has) to the risks they carry. */
export function risksOf(values: ReadonlyMap<string, string>): Risks {
	const interfaces = listItems(values.get('inet_interfaces') ?? 'all');
	const listensOutside = interfaces.some(item => !isLoopbackInterface(item.toLowerCase()));
	// A file, table or parameter in mynetworks cannot be read here: it counts as beyond loopback.
	const trustsOutside = listItems(values.get('mynetworks') ?? '').some(item => !isLoopbackNetwork(item));
	return {openRelay: listensOutside && trustsOutside, directDelivery: (values.get('relayhost') ?? '').trim() === ''};
}
