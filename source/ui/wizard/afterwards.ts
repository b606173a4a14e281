import {nameSet} from '../../plan/set-name.js';
import {equivalentApplyCommand, rollbackCommand as undoCommand, shellQuote} from '../../commands/format.js';
import {safeLoginAccess} from './login.js';
import {rootMailAnswer} from '../../rootmail/answers.js';
import type {Lang} from '../../i18n/lang.js';
import {formatDeliveryReport} from '../../verify/format.js';
import {uiMessages} from '../messages.js';
import {installedPreflight, type WizardState} from './state.js';

/** What the test mail proved: the verdict of the summary and of the words printed on leaving. */
export type MailVerdict =
	/** The relay accepted the test mail: mail leaves this machine. */
	| 'leaves'
	/** Deferred, bounced, still queued, or not even handed over: mail does not leave yet. */
	| 'stuck'
	/** No test mail was sent: nothing proves either way. */
	| 'untested';

export function mailVerdict(state: WizardState): MailVerdict {
	if (state.mail.report?.status === 'sent') {
		return 'leaves';
	}

	return state.mail.report || state.mail.status === 'error' ? 'stuck' : 'untested';
}

/** How the user reaches this configuration from a shell: the program as they run it, and --config-dir when they gave one. */
export interface CommandContext {
	/** e.g. `postfix-wizard`, `npx postfix-wizard`, `./dist/cli.js` (source/commands/invocation.ts). */
	readonly program: string;
	/** The --config-dir the wizard was started with; every command printed carries it. */
	readonly configDir: string | undefined;
	readonly sandboxMode: boolean;
}

/** The commands that follow a wizard run, each complete and runnable exactly as printed. */
export interface Afterwards {
	readonly verdict: MailVerdict;
	readonly applied: boolean;
	/** The backup written, and the command that restores it (none in the sandbox: it goes with it). */
	readonly backup: string | undefined;
	readonly rollback: string | undefined;
	/** The same change for scripts: in the sandbox, what to run on the real machine. */
	readonly apply: string;
	readonly verify: string;
	/** With root's mail mapped: the same check following root's mapping, as cron's mail goes. */
	readonly verifyRoot: string | undefined;
	/** The queue, while the test mail waits in it. */
	readonly queue: {readonly list: string; readonly flush: string; readonly remove: string | undefined} | undefined;
	/** Where Postfix logged the test mail. */
	readonly log: string | undefined;
	/** In --sandbox: the throwaway instance's directory, removed when the wizard ends. */
	readonly sandboxDir: string | undefined;
}

/** `<program> [--config-dir DIR] rollback BACKUP`, runnable as printed. */
export function rollbackCommand(context: CommandContext, backup: string): string {
	return undoCommand(context.program, backup, context.sandboxMode ? undefined : context.configDir);
}

export function afterwards(state: WizardState, context: CommandContext): Afterwards {
	const {program, sandboxMode} = context;
	const preflight = installedPreflight(state);
	// The sandbox's directory is not the user's: the commands for scripts are for the real machine.
	const configDir = sandboxMode ? undefined : context.configDir;
	const base = configDir ? `${program} --config-dir ${shellQuote(configDir)}` : program;
	const {applied} = state;
	const backup = applied?.backup?.path;
	const verdict = mailVerdict(state);
	const report = state.mail.report;
	// The sandbox's queue is reachable while the wizard runs; -c names it (and a --config-dir).
	const queueDir = sandboxMode ? preflight?.configDir : configDir;
	const c = queueDir ? ` -c ${shellQuote(queueDir)}` : '';
	const waiting = verdict === 'stuck' && report?.queueId !== undefined && report.status !== 'bounced' && report.status !== 'expired';
	return {
		verdict,
		applied: applied !== undefined,
		backup: sandboxMode ? undefined : backup,
		rollback: backup && !sandboxMode ? rollbackCommand(context, backup) : undefined,
		apply: equivalentApplyCommand(program, new Map(Object.entries(state.answers)), configDir, state.login ? safeLoginAccess(state.login, state.answers['relayhost'] ?? '') : undefined),
		verify: `${base} verify --to ${shellQuote(state.mail.to.trim() || 'you@example.com')}`,
		verifyRoot: (state.answers[rootMailAnswer.rootTo] ?? '').trim() === '' ? undefined : `${base} verify --to root`,
		queue: waiting
			? {list: c ? `postqueue${c} -p` : 'mailq', flush: `postqueue${c} -f`, remove: report?.queueId ? `postsuper${c} -d ${report.queueId}` : undefined}
			: undefined,
		log: report?.log,
		sandboxDir: sandboxMode ? preflight?.sandbox?.dir : undefined,
	};
}

/** What the wizard's transaction writes, named for its steps: main.cf, or the set with the files beside it. */
export function writtenSet(state: WizardState, lang: Lang): string {
	return nameSet('main.cf', state.prepared.status === 'ready' ? state.prepared.data.plan.staged.map(file => file.path) : [], lang);
}

/**
 * The words printed below the last frame when the wizard ends, from whatever screen: what
 * holds now, and every command in full on a line of its own (the terminal, not Ink, wraps
 * them, so they paste as they are). Undefined when there is nothing to add.
 */
export function farewell(state: WizardState, context: CommandContext, lang: Lang): string | undefined {
	const m = uiMessages[lang];
	const outcome = state.outcome;
	const lines: string[] = [];
	if (outcome?.status === 'failed' || outcome?.status === 'interrupted') {
		const restored = outcome.restoreProblems.length === 0;
		const how = restored ? (outcome.rolledBack ? m.applying.rolledBack : m.applying.notRolledBack) : m.applying.notRestored(outcome.backup?.path);
		lines.push(`${outcome.status === 'interrupted' ? m.applying.interrupted : m.applying.failed(m.steps(writtenSet(state, lang))[outcome.step])} ${how}`, ...outcome.restoreProblems.map(problem => problem[lang]));
		if (!restored && outcome.backup) {
			lines.push(`  ${rollbackCommand(context, outcome.backup.path)}`);
		}

		if (state.applied === undefined) {
			return lines.join('\n');
		}
	}

	if (state.applied === undefined && state.screen.name !== 'summary' && state.mail.report === undefined) {
		return m.quitNow;
	}

	const after = afterwards(state, context);
	lines.push(after.verdict === 'leaves' ? `✔ ${m.summary.verdict.leaves}` : `! ${after.verdict === 'stuck' ? m.summary.verdict.stuck(after.applied) : m.summary.verdict.untested(after.applied)}`);
	const command = (label: string, text: string) => lines.push(`${label}${m.colonEnd}`, `  ${text}`);
	if (after.verdict === 'stuck' && state.mail.report) {
		lines.push(...formatDeliveryReport(state.mail.report, lang));
	}

	if (after.queue && !after.sandboxDir) {
		command(`${m.summary.queue}${m.parenthesized(m.summary.queueList)}`, after.queue.list);
		command(m.summary.queueFlush, after.queue.flush);
		if (after.queue.remove) {
			command(m.summary.queueRemove, after.queue.remove);
		}
	}

	if (after.log && !after.sandboxDir) {
		lines.push(`${m.summary.log}${m.colon}${after.log}`);
	}

	if (after.backup && after.rollback) {
		lines.push(`${m.summary.backup}${m.colon}${after.backup}`);
		command(m.summary.rollback, after.rollback);
	}

	if (after.sandboxDir) {
		lines.push(m.summary.sandboxGone(after.sandboxDir));
		command(m.summary.onRealServer, after.apply);
	} else {
		command(m.summary.script, after.apply);
		command(m.summary.verify, after.verify);
		if (after.verifyRoot) {
			lines.push(`  ${after.verifyRoot}`);
		}
	}

	return lines.join('\n');
}
