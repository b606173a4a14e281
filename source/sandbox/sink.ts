import {randomBytes, timingSafeEqual} from 'node:crypto';
import {SMTPServer, type SMTPServerOptions} from 'smtp-server';
import {simpleParser} from 'mailparser';
import type {AddressInfo} from 'node:net';
import {Secret} from '../relay/secret.js';
import {makeThrowawayCertificate} from './certificate.js';

/** How the sink answers RCPT TO: accept, refuse for good (5xx) or for now (4xx). */
export type SinkMode = 'accept' | 'reject' | 'defer';

export interface ReceivedMessage {
	readonly envelopeFrom: string;
	readonly envelopeTo: readonly string[];
	readonly messageId: string | undefined;
	readonly subject: string | undefined;
	readonly text: string;
	readonly raw: string;
	readonly receivedAt: Date;
}

/** The sink's generated login: random per sink, never logged; the shape the probe and the login step take. */
export interface SinkLogin {
	readonly username: string;
	readonly password: Secret;
}

/**
 * `open`: plain SMTP, no AUTH, takes mail from anyone (a relay trusting this machine's IP).
 * `login`: like a provider's submission service — STARTTLS on `port`, implicit TLS (SMTPS,
 * what port 465 speaks) on `implicitTls.port`, both with a throwaway self-signed certificate,
 * AUTH PLAIN/LOGIN with generated credentials, and no mail without a login.
 */
export type SinkSecurity = 'open' | 'login';

export interface SinkOptions {
	readonly mode?: SinkMode;
	readonly host?: string;
	readonly port?: number;
	readonly security?: SinkSecurity;
}

export interface SmtpSink {
	readonly host: string;
	readonly port: number;
	/** The relayhost value that points Postfix at this sink, e.g. `[127.0.0.1]:40123` (STARTTLS in `login` security). */
	readonly relayhost: string;
	readonly security: SinkSecurity;
	/** In `login` security: the SMTPS listener (TLS from the first byte, Postfix's `smtp_tls_wrappermode = yes`). */
	readonly implicitTls: {readonly port: number; readonly relayhost: string} | undefined;
	/** In `login` security: the credentials it accepts. */
	readonly login: SinkLogin | undefined;
	/** In `login` security: the certificate it presents (PEM), to trust it as a CA file. */
	readonly certificatePem: string | undefined;
	/** AUTH attempts seen, successful or not (a probe without a login must make none). */
	readonly authAttempts: number;
	readonly messages: readonly ReceivedMessage[];
	mode: SinkMode;
	/** Resolves with the first message whose Message-ID matches, as soon as it arrives. */
	waitForMessage(messageId: string, timeoutMs?: number): Promise<ReceivedMessage>;
	close(): Promise<void>;
}

export const sinkReplies: Readonly<Record<Exclude<SinkMode, 'accept'>, {code: number; text: string}>> = {
	reject: {code: 550, text: '5.7.1 Relay access denied (postfix-wizard sandbox sink)'},
	defer: {code: 451, text: '4.3.0 Try again later (postfix-wizard sandbox sink)'},
};

/** What the sink answers a login failure and mail without a login, as real submission servers do. */
export const sinkAuthReplies = {
	required: '5.7.0 Authentication Required',
	invalid: {code: 535, text: '5.7.8 Authentication credentials invalid'},
} as const;

function sameSecret(given: string | null | undefined, expected: string): boolean {
	const a = Buffer.from(given ?? '');
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Letters and digits only, so the password survives any map or shell quoting a user might try. */
function randomToken(bytes: number): string {
	return randomBytes(bytes).toString('base64url').replaceAll(/[-_]/g, 'x');
}

function smtpError(code: number, text: string): Error {
	return Object.assign(new Error(text), {responseCode: code});
}

/**
 * A loopback SMTP server standing in for the smarthost: it records what Postfix relays
 * to it, or refuses on demand so tests can produce Postfix's real failure log lines.
 */
export async function startSink(options: SinkOptions = {}): Promise<SmtpSink> {
	const host = options.host ?? '127.0.0.1';
	const security = options.security ?? 'open';
	const messages: ReceivedMessage[] = [];
	const waiters = new Set<(message: ReceivedMessage) => void>();
	const certificate = security === 'login' ? await makeThrowawayCertificate() : undefined;
	const login: SinkLogin | undefined = security === 'login' ? {username: `sandbox-${randomToken(4)}`, password: new Secret(randomToken(18))} : undefined;
	let authAttempts = 0;
	const servers: SMTPServer[] = [];

	const sink: SmtpSink = {
		host,
		port: 0,
		relayhost: '',
		security,
		implicitTls: undefined,
		login,
		certificatePem: certificate?.cert,
		get authAttempts() {
			return authAttempts;
		},
		messages,
		mode: options.mode ?? 'accept',
		async waitForMessage(messageId, timeoutMs = 30_000) {
			const wanted = messageId.replace(/^<|>$/g, '');
			const existing = messages.find(message => message.messageId === wanted);
			if (existing) {
				return existing;
			}

			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`the sink received no message ${messageId} within ${timeoutMs} ms`));
				}, timeoutMs);
				const check = (message: ReceivedMessage) => {
					if (message.messageId === wanted) {
						clearTimeout(timer);
						waiters.delete(check);
						resolve(message);
					}
				};

				waiters.add(check);
			});
		},
		async close() {
			await Promise.all(servers.map(async server => new Promise<void>(resolve => {
				server.close(() => resolve());
			})));
		},
	};

	const securityOptions: Partial<SMTPServerOptions> = login && certificate
		? {
			key: certificate.key,
			cert: certificate.cert,
			authMethods: ['PLAIN', 'LOGIN'],
			authOptional: false,
			authRequiredMessage: sinkAuthReplies.required,
			onAuth(auth, _session, callback) {
				authAttempts++;
				// The password is compared, never logged or echoed (logger: false).
				if (auth.username === login.username && sameSecret(auth.password, login.password.reveal())) {
					callback(null, {user: login.username});
					return;
				}

				callback(smtpError(sinkAuthReplies.invalid.code, sinkAuthReplies.invalid.text));
			},
		}
		: {authOptional: true, disabledCommands: ['STARTTLS', 'AUTH']};
	const serverOptions: SMTPServerOptions = {
		name: 'sink.postfix-wizard.test',
		banner: 'postfix-wizard sandbox sink',
		...securityOptions,
		logger: false,
		// Closing waits this long for a connection still open (Postfix caches its own to the
		// relay) instead of smtp-server's 30 s: a sandbox that is done goes away promptly.
		closeTimeout: 1000,
		onRcptTo(_address, _session, callback) {
			if (sink.mode === 'accept') {
				callback();
				return;
			}

			const reply = sinkReplies[sink.mode];
			callback(smtpError(reply.code, reply.text));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const parsed = await simpleParser(raw);
				const message: ReceivedMessage = {
					envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					envelopeTo: session.envelope.rcptTo.map(rcpt => rcpt.address),
					messageId: parsed.messageId?.replace(/^<|>$/g, ''),
					subject: parsed.subject,
					text: parsed.text ?? '',
					raw,
					receivedAt: new Date(),
				};
				messages.push(message);
				for (const waiter of waiters) {
					waiter(message);
				}

				// Saying who logged in lets a test mail's report show the login was used.
				callback(null, session.user === undefined ? 'Queued by postfix-wizard sandbox sink' : `Queued by postfix-wizard sandbox sink for ${String(session.user)}`);
			});
		},
	};

	const listen = async (extra: Partial<SMTPServerOptions>, port: number): Promise<number> => {
		const server = new SMTPServer({...serverOptions, ...extra});
		servers.push(server);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		server.on('error', () => {
			// A client that drops the connection (or fails the handshake) must not crash the process hosting the sink.
		});
		return (server.server.address() as AddressInfo).port;
	};

	try {
		const port = await listen({}, options.port ?? 0);
		Object.assign(sink, {port, relayhost: `[${host}]:${port}`});
		if (login) {
			const implicitPort = await listen({secure: true}, 0);
			Object.assign(sink, {implicitTls: {port: implicitPort, relayhost: `[${host}]:${implicitPort}`}});
		}
	} catch (error) {
		await sink.close();
		throw error;
	}

	return sink;
}
