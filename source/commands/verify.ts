import {InterruptedError, exitCode, signalExitCode} from '../errors.js';
import {interruptionOf} from '../interrupt.js';
import {checkRecipient} from '../verify/recipient.js';
import {type CheckResult, type VerifyReport, verifyNullClient} from '../verify/checks.js';
import {formatDeliveryReport} from '../verify/format.js';
import {formatTranscript} from '../verify/relay-probe.js';
import {parseTimeout} from './apply-request.js';
import type {GlobalOptions} from './options.js';
import {type OpenTarget, openTarget} from './target.js';
import type {Sandbox} from '../sandbox/instance.js';
import {initialVerifyState, stoppedLines, verifyReducer} from '../verify/progress.js';
import {type StageProgress, stageDoing, verifyStages} from '../verify/stages.js';
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

/** 0 when every check passes, 1 when any fails (or q stopped it); 128 + N when a signal cut it short. */
export async function runVerify(request: VerifyRequest, globals: GlobalOptions): Promise<number> {
	return !request.json && process.stdout.isTTY ? verifyOnTerminal(request, globals) : verifyHeadless(request, globals);
}

/** The sandbox, ready to audit: started, then made a null client through the real engine. */
async function openVerifyTarget(globals: GlobalOptions, onStage: (stage: StageProgress) => void, signal: AbortSignal): Promise<OpenTarget> {
	if (globals.sandbox) {
		onStage({id: 'sandbox', doing: stageDoing.sandbox});
	}

	const opened = await openTarget(globals, {signal});
	try {
		if (opened.sandbox) {
			const {configureSandboxNullClient} = await import('../sandbox/null-client.js');
			await configureSandboxNullClient(opened.sandbox, signal);
		}
	} catch (error) {
		await opened.close();
		throw error;
	}

	return opened;
}

function sandboxCheck(sandbox: Sandbox): CheckResult {
	return {
		id: 'sandbox',
		title: {en: 'Sandbox', zh: '沙盒'},
		status: 'pass',
		detail: {en: `a throwaway Postfix in ${sandbox.dir}, relaying to the sink at ${sandbox.sink.relayhost}`, zh: `一次性 Postfix 位于 ${sandbox.dir}，中继到 ${sandbox.sink.relayhost} 的接收端`},
	};
}

/** What is printed after the checklist: the relay's transcript when it failed, the sandbox relay's catch. */
function afterwards(report: VerifyReport, opened: OpenTarget, lang: GlobalOptions['lang']): void {
	if (report.relay && !report.relay.ok) {
		// What was said, phase by phase, when the relay part failed: what an admin would ask for next.
		console.log(`\n${applyMessages[lang].relayTranscript}\n${formatTranscript(report.relay.transcript).map(line => `  ${line}`).join('\n')}`);
	}

	const received = opened.sandbox?.sink.messages.at(-1);
	if (received) {
		console.log(applyMessages[lang].sinkReceived(received.subject ?? '', received.envelopeTo.join(', '), received.envelopeFrom));
	}
}

/**
 * On a terminal: the checklist is drawn before anything is read or started (a sandbox takes
 * seconds), every stage pending, and fills in; q or Ctrl-C stops, saying what it waited for.
 */
async function verifyOnTerminal(request: VerifyRequest, globals: GlobalOptions): Promise<number> {
	const {renderVerify} = await import('../ui/verify/render.js');
	let opened: OpenTarget | undefined;
	try {
		const outcome = await renderVerify(verifyStages({sandbox: globals.sandbox, to: request.to}), async ({onCheck, onStage, signal}) => {
			opened = await openVerifyTarget(globals, onStage, signal);
			if (opened.sandbox) {
				onCheck(sandboxCheck(opened.sandbox));
			}

			return verifyNullClient(opened.target, {to: request.to, login: request.login, timeoutMs: request.timeoutMs, signal, onCheck, onStage});
		}, {lang: globals.lang, interrupt: globals.interrupt});
		if (outcome.stopped) {
			// q is no signal: the audit did not finish, so not every check passed (exit 1).
			return outcome.stopped.reason === 'q' ? exitCode.failed : signalExitCode(outcome.stopped.reason);
		}

		const report = outcome.report!;
		if (opened) {
			afterwards(report, opened, globals.lang);
		}

		return interruptionOf(globals.interrupt)?.exitCode ?? (report.ok ? exitCode.ok : exitCode.failed);
	} finally {
		await opened?.close();
	}
}

/**
 * Without a terminal: each check printed as it is known, or one JSON object at the end. A
 * signal ends it with what it was waiting for, in the error's hint.
 */
async function verifyHeadless(request: VerifyRequest, globals: GlobalOptions): Promise<number> {
	let state = initialVerifyState(verifyStages({sandbox: globals.sandbox, to: request.to}));
	const onStage = (stage: StageProgress) => {
		state = verifyReducer(state, {type: 'stage', stage, now: Date.now()});
	};

	const onCheck = (check: CheckResult) => {
		state = verifyReducer(state, {type: 'check', check});
		if (!request.json) {
			console.log(formatCheck(check, globals.lang));
		}
	};

	// The stop is noted when the signal comes (what was running, for how long), said once the run has wound down.
	const onSignal = () => {
		state = verifyReducer(state, {type: 'stop', reason: interruptionOf(globals.interrupt)?.signal ?? 'SIGINT', now: Date.now()});
	};

	globals.interrupt.addEventListener('abort', onSignal, {once: true});
	const interrupted = () => {
		if (!state.stopped) {
			onSignal();
		}

		return new InterruptedError(interruptionOf(globals.interrupt)?.signal ?? 'SIGINT', {hint: {en: stoppedLines(state, 'en').join(' '), zh: stoppedLines(state, 'zh').join('')}});
	};

	let opened: OpenTarget | undefined;
	try {
		opened = await openVerifyTarget(globals, onStage, globals.interrupt);
		if (interruptionOf(globals.interrupt)) {
			throw interrupted();
		}

		const run = {to: request.to, login: request.login, timeoutMs: request.timeoutMs, signal: globals.interrupt, onCheck, onStage};
		const [report, configuration] = await Promise.all([
			verifyNullClient(opened.target, run),
			request.json ? readConfigurationJson(opened.target) : Promise.resolve(null),
		]).catch((error: unknown) => {
			throw interruptionOf(globals.interrupt) ? interrupted() : error;
		});
		if (interruptionOf(globals.interrupt)) {
			// The run wound down on its own (a test mail's tracker answers when stopped): still an interruption.
			throw interrupted();
		}

		if (request.json) {
			console.log(JSON.stringify(reportToJson(report, globals.lang, configuration), null, 2));
			return report.ok ? exitCode.ok : exitCode.failed;
		}

		if (report.delivery) {
			console.log(formatDeliveryReport(report.delivery, globals.lang).join('\n'));
		}

		afterwards(report, opened, globals.lang);
		return report.ok ? exitCode.ok : exitCode.failed;
	} catch (error) {
		throw interruptionOf(globals.interrupt) && !(error instanceof InterruptedError && error.hint) ? interrupted() : error;
	} finally {
		globals.interrupt.removeEventListener('abort', onSignal);
		await opened?.close();
	}
}
