import tls from 'node:tls';

/** What an admin checks on a relay's certificate, as swaks and openssl s_client show it. */
export interface CertificateReport {
	readonly subject: string | undefined;
	/** DNS names and IP addresses it is issued for (subjectAltName, else the CN). */
	readonly names: readonly string[];
	/** Whether one of the names is the host we connected to. */
	readonly matchesHost: boolean;
	readonly issuer: string | undefined;
	readonly selfSigned: boolean;
	readonly validFrom: string;
	readonly validTo: string;
	readonly expired: boolean;
	readonly fingerprintSha256: string;
	/** Trusted by the CA file Postfix is given (only meaningful when one is). */
	readonly trusted: boolean;
	/** OpenSSL's reason when not trusted, e.g. `SELF_SIGNED_CERT_IN_CHAIN`. */
	readonly trustError: string | undefined;
}

function distinguished(name: tls.Certificate | undefined): string | undefined {
	if (!name) {
		return undefined;
	}

	const parts = [name.CN, name.O, name.C].filter(Boolean).map(String);
	return parts.length > 0 ? parts.join(', ') : undefined;
}

function altNames(cert: tls.PeerCertificate): string[] {
	const names = (cert.subjectaltname ?? '')
		.split(/,\s*/)
		.map(entry => entry.replace(/^(?:DNS|IP Address):/, '').trim())
		.filter(Boolean);
	const cn = cert.subject?.CN;
	return names.length > 0 ? names : cn ? [String(cn)] : [];
}

/** The peer certificate of a TLS connection, judged against the host name relayhost names. */
export function certificateReport(socket: tls.TLSSocket, host: string, now = new Date()): CertificateReport | undefined {
	const cert = socket.getPeerCertificate();
	if (!cert || Object.keys(cert).length === 0) {
		return undefined;
	}

	const validTo = new Date(cert.valid_to);
	const subject = distinguished(cert.subject);
	const issuer = distinguished(cert.issuer);
	return {
		subject,
		names: altNames(cert),
		matchesHost: tls.checkServerIdentity(host, cert) === undefined,
		issuer,
		selfSigned: JSON.stringify(cert.subject) === JSON.stringify(cert.issuer),
		validFrom: new Date(cert.valid_from).toISOString().slice(0, 10),
		validTo: validTo.toISOString().slice(0, 10),
		expired: validTo.getTime() < now.getTime(),
		fingerprintSha256: cert.fingerprint256,
		trusted: socket.authorized,
		trustError: socket.authorized ? undefined : String(socket.authorizationError ?? 'unknown'),
	};
}
