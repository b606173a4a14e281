import net from 'node:net';
import tls from 'node:tls';

/** The stage of a conversation with a relay, for deadlines and the transcript. */
export type TalkPhase = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'tls' | 'auth' | 'quit';

/** One line of the transcript: what we said (C), what the relay said (S), or what happened (*). */
export interface TranscriptLine {
	readonly phase: TalkPhase;
	readonly from: 'C' | 'S' | '*';
	readonly text: string;
}

export interface SmtpReply {
	readonly code: number;
	readonly lines: readonly string[];
	/** The reply as one line, e.g. `535 5.7.8 Authentication credentials invalid`. */
	readonly text: string;
}

/** A wait that ran past its deadline; the socket is destroyed by then. */
export class TalkTimeout extends Error {
	readonly code = 'ETIMEDOUT';
	constructor(readonly phase: TalkPhase, readonly timeoutMs: number) {
		super(`no answer within ${timeoutMs / 1000} s (${phase})`);
	}
}

/** A relay cannot make us buffer without bound: SMTP replies are short. */
const maxBuffered = 64 * 1024;

/**
 * One SMTP conversation over net/tls, line by line, each wait with its own deadline,
 * and a transcript in which anything sent during AUTH is redacted before it is stored.
 * Whatever happens, `destroy()` leaves no socket behind.
 */
export class SmtpTalk {
	readonly transcript: TranscriptLine[] = [];
	private socket: net.Socket;
	private buffer = '';
	private readonly complete: string[] = [];
	private waiter: {resolve: () => void; reject: (error: Error) => void} | undefined;
	private failure: Error | undefined;
	private readonly onData = (chunk: Buffer) => {
		this.buffer += chunk.toString('latin1');
		if (this.buffer.length > maxBuffered) {
			this.fail(new Error('the relay sent an overlong reply'));
			return;
		}

		let end: number;
		while ((end = this.buffer.indexOf('\n')) >= 0) {
			this.complete.push(this.buffer.slice(0, end).replace(/\r$/, ''));
			this.buffer = this.buffer.slice(end + 1);
		}

		this.wake();
	};

	private readonly onError = (error: Error) => this.fail(error);
	private readonly onClose = () => this.fail(new Error('the relay closed the connection'));

	private constructor(socket: net.Socket, private readonly signal: AbortSignal | undefined) {
		this.socket = socket;
		this.attach(socket);
	}

	/** Opens the TCP connection (and, for implicit TLS, the handshake is left to `startTls`). */
	static async connect(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<SmtpTalk> {
		const socket = net.connect({host, port});
		const talk = new SmtpTalk(socket, signal);
		talk.note('connect', `connecting to ${host}:${port}`);
		await talk.deadline('connect', timeoutMs, new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		}));
		talk.note('connect', `connected to ${socket.remoteAddress ?? host}:${port}`);
		return talk;
	}

	get tlsSocket(): tls.TLSSocket | undefined {
		return this.socket instanceof tls.TLSSocket ? this.socket : undefined;
	}

	/** Wraps the connection in TLS (after STARTTLS's 220, or at once for implicit TLS). */
	async startTls(options: tls.ConnectionOptions, timeoutMs: number): Promise<tls.TLSSocket> {
		const plain = this.socket;
		this.detach(plain);
		const secure = tls.connect({...options, socket: plain});
		this.socket = secure;
		this.attach(secure);
		await this.deadline('tls', timeoutMs, new Promise<void>((resolve, reject) => {
			secure.once('secureConnect', resolve);
			secure.once('error', reject);
		}));
		this.note('tls', `${secure.getProtocol() ?? 'TLS'} ${secure.getCipher()?.name ?? ''}`.trim());
		return secure;
	}

	/** Sends one command; `shown` is what the transcript keeps instead (AUTH secrets). */
	send(phase: TalkPhase, line: string, shown: string = line): void {
		this.transcript.push({phase, from: 'C', text: shown});
		this.socket.write(`${line}\r\n`);
	}

	/** The next complete reply (all its continuation lines), or a TalkTimeout. */
	async reply(phase: TalkPhase, timeoutMs: number): Promise<SmtpReply> {
		for (;;) {
			const last = this.complete.findIndex(line => /^\d{3}(?: |$)/.test(line));
			if (last >= 0) {
				const lines = this.complete.splice(0, last + 1);
				for (const line of lines) {
					this.transcript.push({phase, from: 'S', text: line});
				}

				const code = Number(lines.at(-1)!.slice(0, 3));
				return {code, lines: lines.map(line => line.slice(4)), text: `${code} ${lines.map(line => line.slice(4)).join(' ').trim()}`.trim()};
			}

			if (this.failure) {
				throw this.failure;
			}

			await this.deadline(phase, timeoutMs, new Promise<void>((resolve, reject) => {
				this.waiter = {resolve, reject};
			}));
		}
	}

	note(phase: TalkPhase, text: string): void {
		this.transcript.push({phase, from: '*', text});
	}

	destroy(): void {
		this.detach(this.socket);
		// An error after we gave up (a late RST) must not become an uncaught exception.
		this.socket.on('error', () => {});
		this.socket.destroy();
	}

	private attach(socket: net.Socket): void {
		socket.on('data', this.onData);
		socket.on('error', this.onError);
		socket.on('close', this.onClose);
	}

	private detach(socket: net.Socket): void {
		socket.off('data', this.onData);
		socket.off('error', this.onError);
		socket.off('close', this.onClose);
	}

	private fail(error: Error): void {
		this.failure ??= error;
		const waiter = this.waiter;
		this.waiter = undefined;
		waiter?.reject(this.failure);
	}

	private wake(): void {
		const waiter = this.waiter;
		this.waiter = undefined;
		waiter?.resolve();
	}

	/** Every wait ends: with the event, at the deadline, or when the caller aborts. */
	private async deadline(phase: TalkPhase, timeoutMs: number, waiting: Promise<void>): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		let onAbort: (() => void) | undefined;
		try {
			await Promise.race([
				waiting,
				new Promise<never>((_resolve, reject) => {
					timer = setTimeout(() => {
						this.destroy();
						reject(new TalkTimeout(phase, timeoutMs));
					}, timeoutMs);
				}),
				new Promise<never>((_resolve, reject) => {
					if (!this.signal) {
						return;
					}

					onAbort = () => {
						this.destroy();
						reject(new Error('interrupted'));
					};

					if (this.signal.aborted) {
						onAbort();
					} else {
						this.signal.addEventListener('abort', onAbort, {once: true});
					}
				}),
			]);
		} finally {
			clearTimeout(timer);
			if (onAbort) {
				this.signal?.removeEventListener('abort', onAbort);
			}
		}
	}
}
