import {SMTPServer, type SMTPServerOptions} from 'smtp-server';
import {simpleParser} from 'mailparser';
import type {AddressInfo} from 'node:net';

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

export interface SmtpSink {
	readonly host: string;
	readonly port: number;
	/** The relayhost value that points Postfix at this sink, e.g. `[127.0.0.1]:40123`. */
	readonly relayhost: string;
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

function smtpError(code: number, text: string): Error {
	return Object.assign(new Error(text), {responseCode: code});
}

/**
 * A loopback SMTP server standing in for the smarthost: it records what Postfix relays
 * to it, or refuses on demand so tests can produce Postfix's real failure log lines.
 */
export async function startSink(options: {mode?: SinkMode; host?: string; port?: number} = {}): Promise<SmtpSink> {
	const host = options.host ?? '127.0.0.1';
	const messages: ReceivedMessage[] = [];
	const waiters = new Set<(message: ReceivedMessage) => void>();

	const sink: SmtpSink = {
		host,
		port: 0,
		relayhost: '',
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
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};

	const serverOptions: SMTPServerOptions = {
		name: 'sink.postfix-wizard.test',
		banner: 'postfix-wizard sandbox sink',
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
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

				callback(null, 'Queued by postfix-wizard sandbox sink');
			});
		},
	};

	const server = new SMTPServer(serverOptions);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	server.on('error', () => {
		// A client that drops the connection must not crash the process hosting the sink.
	});
	const {port} = server.server.address() as AddressInfo;
	Object.assign(sink, {port, relayhost: `[${host}]:${port}`});
	return sink;
}
