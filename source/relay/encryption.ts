import {parseRelay} from '../settings/relayhost.js';
import type {Encryption, TlsLevel, TlsMode} from './types.js';

/** Ports where TLS starts with the first byte (SMTPS): 465 and its service names. */
const implicitPorts = new Set(['465', 'smtps', 'submissions']);

/** The port part of a relayhost (`[h]:587` → "587"); "25" when none is written. */
export function relayPort(relayhost: string): string {
	const relay = parseRelay(relayhost.trim());
	return 'rule' in relay || relay.port === undefined || relay.port === '' ? '25' : String(relay.port);
}

/** Encryption follows the port: 465 → implicit TLS, everything else (587, 25, 2525) → STARTTLS. */
export function tlsModeFor(relayhost: string): TlsMode {
	return implicitPorts.has(relayPort(relayhost)) ? 'implicit-tls' : 'starttls';
}

/** Ports whose TLS is fixed by convention: SMTPS (465) is implicit, 25 and 587 STARTTLS. Others (2525, a sandbox's) may be either. */
const starttlsPorts = new Set(['25', 'smtp', '587', 'submission']);

/** True when `mode` contradicts the port's convention (STARTTLS on 465, implicit TLS on 587). */
export function modeContradictsPort(relayhost: string, mode: TlsMode): boolean {
	const port = relayPort(relayhost);
	return mode === 'implicit-tls' ? starttlsPorts.has(port) : implicitPorts.has(port);
}

/** Encryption follows the port unless a mode is asked for (a relay with SMTPS on another port). */
export function encryptionFor(relayhost: string, level: TlsLevel = 'encrypt', mode: TlsMode = tlsModeFor(relayhost)): Encryption {
	return {mode, level};
}

/** Levels that may send a password without TLS: none, may, and dane (which falls back to may without TLSA records). */
export function isWeakLevel(level: string): boolean {
	return !['encrypt', 'verify', 'secure', 'dane-only', 'fingerprint'].includes(level.trim());
}

/**
 * The CA bundles distributions ship, read by the smtp client before its chroot (a CApath
 * is read inside it and fails on Debian): Debian, Ubuntu and Alpine; RHEL family; SUSE.
 */
export const caBundleCandidates = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem'] as const;
