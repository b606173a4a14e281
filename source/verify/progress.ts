import type {Lang, Messages} from '../i18n/lang.js';
import type {CheckResult, VerifyReport} from './checks.js';
import type {StageProgress, VerifyStage, VerifyStageId} from './stages.js';

// The live checklist's state, pure: the terminal view draws it, and a stopped run (on a
// terminal or not) says from it what it was waiting for.

/** How a run was stopped early: a signal (Ctrl-C arrives as a key in raw mode), or `q`. */
export type StopReason = NodeJS.Signals | 'q';

/** What was running when the run was stopped, and since when. */
export interface Stopped {
	readonly reason: StopReason;
	readonly during: StageProgress | undefined;
	readonly seconds: number;
}

export interface VerifyState {
	readonly stages: readonly VerifyStage[];
	/** The stage running now and what it does; undefined before the first and after the last. */
	readonly current: StageProgress | undefined;
	/** When the current stage began (ms since the epoch), for how long it has been waited for. */
	readonly since: number;
	/** Each check as it arrived, with the stage it came from. */
	readonly checks: readonly {readonly stage: VerifyStageId; readonly check: CheckResult}[];
	readonly done: VerifyReport | undefined;
	readonly stopped: Stopped | undefined;
}

export function initialVerifyState(stages: readonly VerifyStage[], now = Date.now()): VerifyState {
	return {stages, current: undefined, since: now, checks: [], done: undefined, stopped: undefined};
}

/** Pure: the state after one event of the run. */
export function verifyReducer(state: VerifyState, event:
	| {readonly type: 'stage'; readonly stage: StageProgress; readonly now: number}
	| {readonly type: 'check'; readonly check: CheckResult}
	| {readonly type: 'done'; readonly report: VerifyReport}
	| {readonly type: 'stop'; readonly reason: StopReason; readonly now: number}): VerifyState {
	if (state.stopped && event.type !== 'stop') {
		// After a stop the screen stays as it was: what arrives while the run winds down changes nothing.
		return state;
	}

	switch (event.type) {
		case 'stage': {
			return {...state, current: event.stage, since: state.current?.id === event.stage.id ? state.since : event.now};
		}

		case 'check': {
			return {...state, checks: [...state.checks, {stage: state.current?.id ?? state.stages[0]?.id ?? 'settings', check: event.check}]};
		}

		case 'done': {
			return {...state, current: undefined, done: event.report};
		}

		case 'stop': {
			return state.stopped || state.done ? state : {...state, stopped: {reason: event.reason, during: state.current, seconds: Math.max(0, Math.round((event.now - state.since) / 1000))}};
		}
	}
}

const en = {
	stopped: (how: string, doing: string, seconds: number) => `Stopped (${how}) while ${doing}${seconds > 0 ? ` (${seconds} s)` : ''}.`,
	stoppedBefore: (how: string) => `Stopped (${how}) before the first check.`,
	notChecked: (titles: string) => `Not checked: ${titles}.`,
	list: ', ',
};

const zh: typeof en = {
	stopped: (how: string, doing: string, seconds: number) => `已停止（${how}），当时${doing}${seconds > 0 ? `（${seconds} 秒）` : ''}。`,
	stoppedBefore: (how: string) => `已停止（${how}），尚未开始任何检查。`,
	notChecked: (titles: string) => `未检查：${titles}。`,
	list: '、',
};

/** Typed per language: a word missing in Chinese fails the type check. */
const words: Messages<typeof en> = {en, zh};

function stopName(reason: StopReason): string {
	return reason === 'q' ? 'q' : reason === 'SIGINT' ? 'Ctrl-C' : reason;
}

/** The stages that never ran (nothing came from them) when the run was stopped. */
export function notChecked(state: VerifyState): readonly VerifyStage[] {
	const reached = state.stopped?.during ? state.stages.findIndex(stage => stage.id === state.stopped!.during!.id) : -1;
	return state.stages.filter((stage, index) => index >= reached && !state.checks.some(entry => entry.stage === stage.id));
}

/** What the stopped run was doing, in one sentence, and which checks it never reached. */
export function stoppedLines(state: VerifyState, lang: Lang): string[] {
	const w = words[lang];
	const {stopped} = state;
	if (!stopped) {
		return [];
	}

	const how = stopName(stopped.reason);
	const first = stopped.during ? w.stopped(how, stopped.during.doing[lang], stopped.seconds) : w.stoppedBefore(how);
	const missing = notChecked(state).map(stage => stage.title[lang]);
	return missing.length > 0 ? [first, w.notChecked(missing.join(w.list))] : [first];
}
