import {exitCode} from '../errors.js';
import {interruptionOf} from '../interrupt.js';
import {checkRecipient} from '../verify/test-mail.js';
import {type CheckResult, type VerifyReport, verifyNullClient} from '../verify/checks.js';
import {formatDeliveryReport} from '../verify/format.js';
import {formatTranscript} from '../verify/relay-probe.js';
import {parseTimeout} from './apply-request.js';
import type {GlobalOptions} from './options.js';
import {openTarget} from './target.js';
import {applyMessages} from './messages.js';
import {type MachineConfigJson, machineConfigToJson} from '../export/machine-json.js';
import type {PostfixTarget} from '../postfix/target.js';

export interface VerifyCommandOptions {
	readonly to?: string;
	readonly login?: boolean;
	readonly timeout?: string;
	readonly json?: boolean;
}

const marks: Readonly<Record<CheckResult['status'], string>> = {pass: '✔', warn: '!', fail: '✖', skip: '-'};

export function formatCheck(check: CheckResult, lang: GlobalOptions['lang']): string {
	const [first = '', ...rest] = check.detail[lang].split('\n');
	return [`${marks[check.status]} ${check.title[lang]}: ${first}`, ...rest.map(line => `    ${line}`)].join('\n');
}

/**
 * The documented --json shape (docs/verify-json.md): {configDir, ok, checks[{id,
 * status, title, detail}], relay, delivery}, texts in the chosen language.
 */
export function reportToJson(report: VerifyReport, lang: GlobalOptions['lang'], configuration: MachineConfigJson | null = null): Record<string, unknown> {
	return {
		configDir: report.configDir,
		ok: report.ok,
		checks: report.checks.map(check => ({id: check.id, status: check.status, title: check.title[lang], detail: check.detail[lang]})),
		// The probe's lines are already in `checks`; the transcript stays (AUTH is redacted in it).
		relay: report.relay ? (({lines: _lines, ...relay}) => relay)(report.relay) : null,
		delivery: report.delivery
			? {...report.delivery, explanation: report.delivery.explanation ? {id: report.delivery.explanation.id, cause: report.delivery.explanation.cause[lang], fix: report.delivery.explanation.fix[lang]} : null}
			: null,
		configuration,
	};
}

/** The managed configuration, enough for export to write the playbook again; null when main.cf cannot be read. */
async function readConfigurationJson(target: PostfixTarget): Promise<MachineConfigJson | null> {
	try {
		const {readMachineConfig} = await import('../export/machine.js');
		return machineConfigToJson(await readMachineConfig(target));
	} catch {
		return null;
	}
}

/** `verify`'s options, parsed: what to send, whether to log in, for how long, how to report. */
export interface VerifyRequest {
	readonly to: string | undefined;
	readonly login: boolean;
	readonly timeoutMs: number;
	readonly json: boolean;
}

/** The one place `verify`'s options become a request; bad input is a UsageError (exit 2). */
export function parseVerifyRequest(options: VerifyCommandOptions): VerifyRequest {
	return {
		timeoutMs: parseTimeout(options.timeout, 30),
		to: options.to === undefined ? undefined : checkRecipient(options.to),
		login: options.login === true,
		json: options.json === true,
	};
}

/** 0 when every check passes, 1 when any fails; 128 + N when a signal cut it short. */
export async function runVerify(request: VerifyRequest, globals: GlobalOptions): Promise<number> {
	const opened = await openTarget(globals);
	try {
		if (opened.sandbox) {
			const {configureSandboxNullClient} = await import('../sandbox/null-client.js');
			await configureSandboxNullClient(opened.sandbox);
		}

		const run = {to: request.to, login: request.login, timeoutMs: request.timeoutMs, signal: globals.interrupt};
		let report: VerifyReport;
		if (request.json) {
			const [verified, configuration] = await Promise.all([verifyNullClient(opened.target, run), readConfigurationJson(opened.target)]);
			report = verified;
			console.log(JSON.stringify(reportToJson(report, globals.lang, configuration), null, 2));
		} else if (process.stdout.isTTY) {
			const {renderVerify} = await import('../ui/verify/render.js');
			report = await renderVerify(handlers => verifyNullClient(opened.target, {...run, ...handlers}), globals.lang);
		} else {
			report = await verifyNullClient(opened.target, {...run, onCheck: check => console.log(formatCheck(check, globals.lang))});
			if (report.delivery) {
				console.log(formatDeliveryReport(report.delivery, globals.lang).join('\n'));
			}
		}

		if (!request.json && report.relay && !report.relay.ok) {
			// What was said, phase by phase, when the relay part failed: what an admin would ask for next.
			console.log(`\n${applyMessages[globals.lang].relayTranscript}\n${formatTranscript(report.relay.transcript).map(line => `  ${line}`).join('\n')}`);
		}

		if (opened.sandbox && !request.json) {
			const received = opened.sandbox.sink.messages.at(-1);
			if (received) {
				console.log(applyMessages[globals.lang].sinkReceived(received.subject ?? '', received.envelopeTo.join(', '), received.envelopeFrom));
			}
		}

		return interruptionOf(globals.interrupt)?.exitCode ?? (report.ok ? exitCode.ok : exitCode.failed);
	} finally {
		await opened.close();
	}
}
