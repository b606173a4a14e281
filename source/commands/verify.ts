import {PostfixMissingError} from '../postfix/locate.js';
import {BadAddressError, checkRecipient} from '../verify/test-mail.js';
import {type CheckResult, type VerifyReport, verifyNullClient} from '../verify/checks.js';
import {formatDeliveryReport} from '../verify/format.js';
import {formatTranscript} from '../verify/relay-probe.js';
import {type GlobalOptions, exitCode} from './options.js';
import {UsageError, openTarget} from './target.js';
import {applyMessages} from './messages.js';
import {type MachineConfigJson, machineConfigToJson} from '../export/machine-json.js';
import type {PostfixTarget} from '../postfix/target.js';

export interface VerifyCommandOptions {
	readonly to?: string;
	readonly login?: boolean;
	readonly timeout: string;
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

export async function runVerify(options: VerifyCommandOptions, globals: GlobalOptions): Promise<number> {
	const timeoutSeconds = Number(options.timeout);
	try {
		if (!(timeoutSeconds > 0)) {
			throw new UsageError(`--timeout "${options.timeout}": expected a number of seconds`);
		}

		if (options.to !== undefined) {
			checkRecipient(options.to);
		}
	} catch (error) {
		if (error instanceof UsageError || error instanceof BadAddressError) {
			console.error(error.message);
			return exitCode.usage;
		}

		throw error;
	}

	let opened;
	try {
		opened = await openTarget(globals);
		if (opened.sandbox) {
			const {configureSandboxNullClient} = await import('../sandbox/null-client.js');
			await configureSandboxNullClient(opened.sandbox);
		}
	} catch (error) {
		if (error instanceof UsageError || error instanceof PostfixMissingError) {
			console.error(error.message);
			return error instanceof UsageError ? exitCode.usage : exitCode.failed;
		}

		throw error;
	}

	const controller = new AbortController();
	const abort = () => controller.abort();
	process.on('SIGINT', abort);
	try {
		const run = {to: options.to, login: options.login === true, timeoutMs: timeoutSeconds * 1000, signal: controller.signal};
		let report: VerifyReport;
		if (options.json) {
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

		if (!options.json && report.relay && !report.relay.ok) {
			// What was said, phase by phase, when the relay part failed: what an admin would ask for next.
			console.log(`\n${applyMessages[globals.lang].relayTranscript}\n${formatTranscript(report.relay.transcript).map(line => `  ${line}`).join('\n')}`);
		}

		if (opened.sandbox && !options.json) {
			const received = opened.sandbox.sink.messages.at(-1);
			if (received) {
				console.log(applyMessages[globals.lang].sinkReceived(received.subject ?? '', received.envelopeTo.join(', '), received.envelopeFrom));
			}
		}

		return report.ok ? exitCode.ok : exitCode.failed;
	} finally {
		process.off('SIGINT', abort);
		await opened.close();
	}
}
