import {promises as dns} from 'node:dns';
import os from 'node:os';
import {format} from 'node:util';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import {parseRelay} from '../settings/relayhost.js';

/** What the relay said when we knocked, as Postfix would: EHLO and its capabilities. */
export interface RelayProbe {
	readonly relayhost: string;
	/** The host and port actually contacted (after an MX lookup for an unbracketed name). */
	readonly host: string | undefined;
	readonly port: number | undefined;
	readonly reachable: boolean;
	readonly greeting: string | undefined;
	readonly starttls: boolean;
	/** AUTH mechanisms offered before STARTTLS (many relays offer them only after). */
	readonly authMechanisms: readonly string[];
	readonly sizeLimit: number | undefined;
	readonly error: string | undefined;
	readonly elapsedMs: number;
}

const servicePorts: Readonly<Record<string, number>> = {smtp: 25, submission: 587, smtps: 465, submissions: 465};

/** Brackets: the host itself; no brackets: its MX, as Postfix does. Default port 25. */
async function resolveRelay(relayhost: string): Promise<{host: string; port: number}> {
	const first = relayhost.split(/[\s,]+/).find(Boolean) ?? '';
	const relay = parseRelay(first);
	if ('rule' in relay) {
		throw new Error(`relayhost "${first}": ${relay.rule.en}`);
	}

	const port = relay.port === undefined ? 25 : /^\d+$/.test(String(relay.port)) ? Number(relay.port) : servicePorts[String(relay.port)] ?? 25;
	let host = relay.host.replace(/^ipv6:/i, '');
	if (!relay.bracketed && !/^[\d.]+$/.test(host)) {
		const mx = await dns.resolveMx(host).catch(() => []);
		const best = mx.sort((a, b) => a.priority - b.priority)[0];
		if (best) {
			host = best.exchange;
		}
	}

	return {host, port};
}

/** The failure as an administrator reads it: where, and what went wrong, without Node's codes. */
function describeFailure(failure: {message: string; code?: string}, target: {host: string; port: number}, timeoutMs: number): string {
	const where = `${target.host}:${target.port}`;
	if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME/.test(failure.message)) {
		return `${target.host}: host not found (DNS)`;
	}

	if (/ECONNREFUSED/.test(failure.message)) {
		return `${where}: connection refused`;
	}

	if (/ENETUNREACH|EHOSTUNREACH/.test(failure.message)) {
		return `${where}: network unreachable`;
	}

	if (failure.code === 'ETIMEDOUT' || /timeout|timed out/i.test(failure.message)) {
		return `${where}: no answer within ${timeoutMs / 1000} s`;
	}

	return `${where}: ${failure.message}`;
}

/**
 * Connects to the relay, reads the greeting and EHLO answer, and leaves without
 * sending anything. Only the configured relay is ever contacted.
 */
export async function probeRelay(relayhost: string, options: {timeoutMs?: number; signal?: AbortSignal} = {}): Promise<RelayProbe> {
	const started = Date.now();
	const timeoutMs = options.timeoutMs ?? 5000;
	const base = {relayhost, starttls: false, authMechanisms: [] as string[], sizeLimit: undefined, greeting: undefined};
	if (relayhost.trim() === '') {
		return {...base, host: undefined, port: undefined, reachable: false, error: 'relayhost is empty: no relay to reach', elapsedMs: 0};
	}

	let target: {host: string; port: number};
	try {
		target = await resolveRelay(relayhost);
	} catch (error) {
		return {...base, host: undefined, port: undefined, reachable: false, error: (error as Error).message, elapsedMs: Date.now() - started};
	}

	let greeting: string | undefined;
	const logger = {
		level() {},
		trace() {},
		debug(meta: {tnx?: string} | undefined, message: unknown, ...args: unknown[]) {
			const line = format(String(message), ...args).replace(/^S:\s*/, '');
			if (!greeting && meta?.tnx === 'server' && /^220[ -]/.test(line)) {
				greeting = line.trim();
			}
		},
		info() {},
		warn() {},
		error() {},
		fatal() {},
	};

	const connection = new SMTPConnection({
		host: target.host,
		port: target.port,
		secure: target.port === 465,
		// Capabilities as offered in the clear; upgrading would hide STARTTLS itself.
		ignoreTLS: true,
		name: os.hostname(),
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
		logger: logger as never,
		debug: true,
		tls: {rejectUnauthorized: false},
	});
	const abort = () => connection.close();
	options.signal?.addEventListener('abort', abort, {once: true});
	try {
		await new Promise<void>((resolve, reject) => {
			connection.once('error', reject);
			connection.connect(() => resolve());
		});
		const internals = connection as unknown as {_supportedExtensions: string[]; _supportedAuth: string[]; _maxAllowedSize: number};
		const result: RelayProbe = {
			relayhost,
			host: target.host,
			port: target.port,
			reachable: true,
			greeting,
			starttls: internals._supportedExtensions.includes('STARTTLS'),
			authMechanisms: [...internals._supportedAuth],
			sizeLimit: internals._maxAllowedSize || undefined,
			error: undefined,
			elapsedMs: Date.now() - started,
		};
		connection.quit();
		return result;
	} catch (error) {
		connection.close();
		return {...base, greeting, host: target.host, port: target.port, reachable: false, error: describeFailure(error as {message: string; code?: string}, target, timeoutMs), elapsedMs: Date.now() - started};
	} finally {
		options.signal?.removeEventListener('abort', abort);
	}
}
