import {readFile} from 'node:fs/promises';

/** A TCP socket in LISTEN state, from /proc/net/tcp and tcp6. */
export interface Listener {
	readonly address: string;
	readonly port: number;
}

function ipv4FromHex(hex: string): string {
	// /proc prints the address as a little-endian 32-bit word.
	const bytes = hex.match(/../g)!.map(pair => Number.parseInt(pair, 16)).reverse();
	return bytes.join('.');
}

function ipv6FromHex(hex: string): string {
	const words = hex.match(/.{8}/g)!.map(word => word.match(/../g)!.reverse().join(''));
	const groups = words.join('').match(/.{4}/g)!.map(group => group.replace(/^0+(?=.)/, ''));
	const full = groups.join(':');
	if (full === '0:0:0:0:0:0:0:1') {
		return '::1';
	}

	if (full === '0:0:0:0:0:0:0:0') {
		return '::';
	}

	if (full.startsWith('0:0:0:0:0:ffff:')) {
		return `::ffff:${ipv4FromHex(words[3]!.match(/../g)!.reverse().join(''))}`;
	}

	return full;
}

/** Parses /proc/net/tcp or tcp6 text: local address and port of each LISTEN (0A) socket. */
export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
	return text
		.split('\n')
		.slice(1)
		.map(line => line.trim().split(/\s+/))
		.filter(fields => fields[3] === '0A' && fields[1]?.includes(':'))
		.map(fields => {
			const [address = '', port = '0'] = fields[1]!.split(':');
			return {address: family === 4 ? ipv4FromHex(address) : ipv6FromHex(address), port: Number.parseInt(port, 16)};
		});
}

export async function readListeners(): Promise<Listener[]> {
	const [v4, v6] = await Promise.all([
		readFile('/proc/net/tcp', 'utf8').catch(() => ''),
		readFile('/proc/net/tcp6', 'utf8').catch(() => ''),
	]);
	return [...parseProcNetTcp(v4, 4), ...parseProcNetTcp(v6, 6)];
}

export function isLoopbackAddress(address: string): boolean {
	return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

const servicePorts: Readonly<Record<string, number>> = {smtp: 25, submission: 587, smtps: 465, submissions: 465};

/** The port (and host, when master.cf names one) of an inet service such as `smtp` or `127.0.0.1:10025`. */
export function serviceEndpoint(service: string): {host: string | undefined; port: number} | undefined {
	const match = service.match(/^(?:\[?([^\]]*?)\]?:)?([\w-]+)$/);
	if (!match) {
		return undefined;
	}

	const portText = match[2]!;
	const port = /^\d+$/.test(portText) ? Number(portText) : servicePorts[portText];
	return port === undefined ? undefined : {host: match[1] || undefined, port};
}
