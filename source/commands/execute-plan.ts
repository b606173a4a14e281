import {nameSet} from '../plan/set-name.js';
import {createInterface} from 'node:readline/promises';
import type {BackupNaming} from '../apply/backup.js';
import type {StagedPlan} from '../apply/stage.js';
import {type ApplyOutcome, type StepEvent, applyStagedPlan} from '../apply/transaction.js';
import type {PostfixTarget} from '../postfix/target.js';
import type {Lang} from '../i18n/lang.js';
import {formatDiff, rollbackCommand} from './format.js';
import {programName} from './invocation.js';
import {localizeDiff} from '../plan/diff-words.js';
import {applyMessages} from './messages.js';

export interface ExecuteOptions {
	readonly lang: Lang;
	readonly json: boolean;
	readonly yes: boolean;
	readonly dryRun: boolean;
	readonly restart: boolean;
	readonly backup: BackupNaming;
	readonly signal: AbortSignal;
	/** --sandbox: the backup goes with the instance, so there is no undo command to print. */
	readonly sandbox?: boolean;
}

/** How the headless commands end a plan: previewed, declined, refused for lack of a TTY, or run. */
export type Execution =
	| {readonly status: 'dry-run' | 'declined' | 'needs-yes'}
	| {readonly status: 'ran'; readonly outcome: ApplyOutcome};

async function confirm(question: string): Promise<boolean> {
	const rl = createInterface({input: process.stdin, output: process.stdout});
	try {
		return /^y(es)?$/i.test((await rl.question(question)).trim());
	} finally {
		rl.close();
	}
}

/**
 * Shared by `apply` and `rollback`: print the diff, ask unless --yes (and refuse to
 * guess without a terminal), then run the transaction, printing each step.
 */
export async function executePlan(target: PostfixTarget, plan: StagedPlan, options: ExecuteOptions): Promise<Execution> {
	const m = applyMessages[options.lang];
	const say = (line: string) => {
		if (!options.json) {
			console.log(line);
		}
	};

	say(formatDiff(localizeDiff(plan.diff, options.lang), process.stdout.isTTY === true && !options.json).trimEnd());
	if (options.dryRun) {
		say(m.dryRunNote);
		return {status: 'dry-run'};
	}

	if (!options.yes) {
		if (!process.stdin.isTTY || options.json) {
			console.error(m.needsYes);
			return {status: 'needs-yes'};
		}

		if (!(await confirm(m.askApply(plan.mainCf, plan.staged.length)))) {
			say(m.declined);
			return {status: 'declined'};
		}
	}

	const steps = m.step(nameSet('main.cf', plan.staged.map(file => file.path), options.lang));
	const onStep = (event: StepEvent) => {
		if (event.state !== 'running') {
			const mark = event.state === 'done' ? '✔' : event.state === 'skipped' ? '-' : '✖';
			const detail = event.detail && event.state !== 'failed' ? `: ${event.detail.split('\n')[0]}` : '';
			say(`${mark} ${steps[event.step] ?? event.step}${detail}`);
		}
	};

	const outcome = await applyStagedPlan(target, plan, {backup: options.backup, service: options.restart, signal: options.signal, onStep});
	if (outcome.status === 'applied') {
		say(m.applied(plan.mainCf));
		if (outcome.backup) {
			say(m.backupAt(outcome.backup.path));
			say(options.sandbox ? m.sandboxGone : m.rollbackHint(rollbackCommand(programName(), outcome.backup.path, target.isDefault ? undefined : target.configDir)));
		}

		say(m.service[outcome.service] ?? outcome.service);
	} else if (outcome.status === 'unchanged') {
		say(m.nothingToChange);
	} else {
		console.error(outcome.status === 'interrupted' ? m.interrupted : m.failed(steps[outcome.step] ?? outcome.step, outcome.reason[options.lang]));
		outcome.restoreProblems.forEach(problem => console.error(problem[options.lang]));
		console.error(outcome.restoreProblems.length > 0 ? m.notRestored(outcome.backup?.path) : outcome.rolledBack ? m.rolledBack : m.notRolledBack);
	}

	return {status: 'ran', outcome};
}

/** What an execution means for the exit code and the --json report. */
export function executionSummary(execution: Execution, lang: Lang): {code: 0 | 1 | 2; fields: Record<string, unknown>} {
	if (execution.status !== 'ran') {
		return {code: execution.status === 'needs-yes' ? 2 : 0, fields: {status: execution.status}};
	}

	const {outcome} = execution;
	switch (outcome.status) {
		case 'applied': {
			return {code: 0, fields: {status: 'applied', backup: outcome.backup?.path, serviceResult: outcome.service}};
		}

		case 'unchanged': {
			return {code: 0, fields: {status: 'unchanged'}};
		}

		default: {
			return {code: 1, fields: {status: outcome.status, step: outcome.step, reason: outcome.reason[lang], rolledBack: outcome.rolledBack, restoreProblems: outcome.restoreProblems.map(problem => problem[lang]), backup: outcome.backup?.path}};
		}
	}
}
