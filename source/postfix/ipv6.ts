import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';

/**
 * Whether this host has IPv6 on its loopback (::1). With IPv6 off in the kernel
 * (`net.ipv6.conf.all.disable_ipv6 = 1`, or booted with `ipv6.disable=1`), Postfix's
 * `inet_protocols = all` still looks for ::1 and stops with `no local interface found for ::1`.
 */
export type Ipv6Support =
	| {readonly loopback: true}
	| {readonly loopback: false; readonly reason: 'disabled' | 'absent'};

/** `::1` as /proc/net/if_inet6 writes it (32 hex digits, no colons). */
const loopbackHex = '00000000000000000000000000000001';

/**
 * Reads the kernel's own list of IPv6 addresses (Linux). Where there is no /proc/net, nothing
 * is known and nothing is proposed: IPv6 is taken to be there.
 */
export async function detectIpv6(proc = '/proc'): Promise<Ipv6Support> {
	if (!existsSync(`${proc}/net`)) {
		return {loopback: true};
	}

	const addresses = await readFile(`${proc}/net/if_inet6`, 'utf8').catch(() => undefined);
	if (addresses === undefined) {
		return {loopback: false, reason: 'absent'};
	}

	if (addresses.split('\n').some(line => line.trim().startsWith(loopbackHex))) {
		return {loopback: true};
	}

	const disabled = await Promise.all(['all', 'lo'].map(async name => (await readFile(`${proc}/sys/net/ipv6/conf/${name}/disable_ipv6`, 'utf8').catch(() => '')).trim() === '1'));
	return {loopback: false, reason: disabled.some(Boolean) ? 'disabled' : 'absent'};
}
