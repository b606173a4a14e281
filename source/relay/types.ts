import type {Secret} from './secret.js';

/**
 * How TLS starts: STARTTLS on a plain connection (587, 25, 2525), or TLS from the first
 * byte (465, `smtp_tls_wrappermode = yes`).
 */
export type TlsMode = 'starttls' | 'implicit-tls';

/**
 * `smtp_tls_security_level` values that carry a password safely: `encrypt` (TLS required,
 * certificate not checked), `verify` (and the certificate chain and name checked against the CA
 * bundle), `secure` (like verify, with the name taken from the relayhost only). `may` and
 * `none` are not in the type: a password never leaves without TLS.
 */
export type TlsLevel = 'encrypt' | 'verify' | 'secure';

export interface Encryption {
	readonly mode: TlsMode;
	readonly level: TlsLevel;
}

/** The catalogue's provider names (also the values of `--provider`). */
export const providerIds = ['ses', 'sendgrid', 'mailgun', 'mailgun-eu', 'postmark', 'gmail', 'google-workspace', 'microsoft365', 'other', 'none'] as const;

export type ProviderId = typeof providerIds[number];

/** A login to a relay over TLS: everything sasl_passwd and the SMTP client settings are made of. */
export interface RelayLogin {
	readonly provider: ProviderId;
	/** Exactly as main.cf's relayhost spells it (`[smtp.example.com]:587`): it is sasl_passwd's key. */
	readonly relayhost: string;
	readonly username: string;
	readonly password: Secret;
	readonly encryption: Encryption;
}

/**
 * What the relay is told about this machine: a login, or none (the relay trusts this
 * machine's address, e.g. a Microsoft 365 connector or Google's IP allow-list), in which case
 * the login settings and files are removed. TLS still follows the port.
 */
export type RelayAccess =
	| {readonly kind: 'login'; readonly login: RelayLogin}
	| {readonly kind: 'none'; readonly relayhost: string; readonly encryption: Encryption | undefined};

/** The parameters a login consists of; "no login" takes them out again. */
export const loginParameters = ['smtp_sasl_auth_enable', 'smtp_sasl_password_maps', 'smtp_sasl_security_options', 'smtp_sasl_tls_security_options'] as const;

/** Everything this planner may write or remove, for callers that check overlaps with --set. */
export const managedParameters = new Set<string>([...loginParameters, 'smtp_tls_security_level', 'smtp_tls_wrappermode', 'smtp_tls_CAfile', 'relayhost']);
