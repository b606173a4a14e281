import type {ApplyOutcome, StepEvent, StepName} from '../../apply/transaction.js';
import {settings, validateSetting} from '../../settings/catalogue.js';
import type {DeliveryReport, TrackEvent} from '../../verify/types.js';
import type {InstalledPreflight, Preflight, Prepared, RelayProbe} from './engine.js';

export type Screen =
	| {readonly name: 'preflight'}
	| {readonly name: 'setting'; readonly index: number}
	| {readonly name: 'review'}
	| {readonly name: 'applying'}
	| {readonly name: 'testMail'}
	| {readonly name: 'summary'};

export type Loadable<T> =
	| {readonly status: 'loading'}
	| {readonly status: 'ready'; readonly data: T}
	| {readonly status: 'error'; readonly message: string};

export type PreflightState = Loadable<Preflight> | {readonly status: 'installing'; readonly lines: readonly string[]};

export type RelayState = {readonly status: 'idle'} | Loadable<RelayProbe>;

export interface MailState {
	readonly to: string;
	readonly status: 'editing' | 'sending' | 'done' | 'error';
	readonly events: readonly TrackEvent[];
	readonly report: DeliveryReport | undefined;
	readonly message: string | undefined;
}

export interface WizardState {
	readonly screen: Screen;
	readonly preflight: PreflightState;
	/** The value typed per parameter, kept when going back and forth. */
	readonly answers: Readonly<Record<string, string>>;
	readonly prepared: {readonly status: 'idle'} | Loadable<Prepared>;
	/** The relay preflight, run beside the preparation; it warns, it never blocks. */
	readonly relay: RelayState;
	readonly steps: Readonly<Partial<Record<StepName, StepEvent>>>;
	readonly outcome: ApplyOutcome | undefined;
	readonly mail: MailState;
	/** Ctrl-C while something must not be cut short (the transaction, the package manager): leave once it ends. */
	readonly quitting: boolean;
}

export type Action =
	| {readonly type: 'preflightLoaded'; readonly preflight: Preflight}
	| {readonly type: 'preflightFailed'; readonly message: string}
	| {readonly type: 'installStarted'}
	| {readonly type: 'installOutput'; readonly line: string}
	| {readonly type: 'reloadPreflight'}
	| {readonly type: 'begin'}
	| {readonly type: 'edit'; readonly name: string; readonly value: string}
	| {readonly type: 'accept'}
	| {readonly type: 'back'}
	| {readonly type: 'prepared'; readonly prepared: Prepared}
	| {readonly type: 'prepareFailed'; readonly message: string}
	| {readonly type: 'relayProbed'; readonly probe: RelayProbe}
	| {readonly type: 'relayFailed'; readonly message: string}
	| {readonly type: 'apply'}
	| {readonly type: 'step'; readonly event: StepEvent}
	| {readonly type: 'applied'; readonly outcome: ApplyOutcome}
	| {readonly type: 'toTestMail'}
	| {readonly type: 'mailEdit'; readonly to: string}
	| {readonly type: 'mailSend'}
	| {readonly type: 'mailEvent'; readonly event: TrackEvent}
	| {readonly type: 'mailDone'; readonly report: DeliveryReport}
	| {readonly type: 'mailFailed'; readonly message: string}
	| {readonly type: 'toSummary'}
	| {readonly type: 'quitRequested'};

export const settingCount = settings.length;

/** The recipient proposed in --sandbox, where the sink takes any address. */
export const sandboxRecipient = 'ops@example.org';

export function initialState(): WizardState {
	return {
		screen: {name: 'preflight'},
		preflight: {status: 'loading'},
		answers: {},
		prepared: {status: 'idle'},
		relay: {status: 'idle'},
		steps: {},
		outcome: undefined,
		mail: {to: '', status: 'editing', events: [], report: undefined, message: undefined},
		quitting: false,
	};
}

export function installedPreflight(state: WizardState): InstalledPreflight | undefined {
	return state.preflight.status === 'ready' && state.preflight.data.installed ? state.preflight.data : undefined;
}

/** Nothing needs applying: the review offers the test mail instead. */
export function hasNothingToChange(state: WizardState): boolean {
	return state.prepared.status === 'ready' && state.prepared.data.plan.changes.length === 0;
}

/** The answer to the setting on screen is valid: Enter may go on. */
export function canAccept(state: WizardState): boolean {
	if (state.screen.name !== 'setting') {
		return false;
	}

	const setting = settings[state.screen.index];
	return setting !== undefined && validateSetting(setting.name, state.answers[setting.name] ?? '').ok;
}

/** Something runs that must end by itself: the transaction, or the package manager. */
export function mustFinishFirst(state: WizardState): boolean {
	return (state.screen.name === 'applying' && state.outcome === undefined) || state.preflight.status === 'installing';
}

/** The exit code when the wizard ends now: 1 once a transaction failed, else 0. */
export function exitCodeOf(state: WizardState): number {
	return state.outcome?.status === 'failed' || state.outcome?.status === 'interrupted' ? 1 : 0;
}

/** The review screen, prepared afresh; the relay is knocked at when there is one. */
function toReview(state: WizardState): WizardState {
	const relayhost = (state.answers['relayhost'] ?? '').trim();
	return {...state, screen: {name: 'review'}, prepared: {status: 'loading'}, relay: relayhost === '' ? {status: 'idle'} : {status: 'loading'}};
}

/**
 * The whole wizard as a pure function: screens, answers and progress. Effects (reading
 * Postfix, applying, sending) live in the App and report back with actions.
 */
export function reduce(state: WizardState, action: Action): WizardState {
	switch (action.type) {
		case 'preflightLoaded': {
			const {preflight} = action;
			const answers = preflight.installed && Object.keys(state.answers).length === 0 ? Object.fromEntries(preflight.proposals) : state.answers;
			const to = preflight.installed && preflight.sandbox && state.mail.to === '' ? sandboxRecipient : state.mail.to;
			return {...state, preflight: {status: 'ready', data: preflight}, answers, mail: {...state.mail, to}};
		}

		case 'preflightFailed': {
			return {...state, preflight: {status: 'error', message: action.message}};
		}

		case 'installStarted': {
			return {...state, preflight: {status: 'installing', lines: []}};
		}

		case 'installOutput': {
			const lines = state.preflight.status === 'installing' ? [...state.preflight.lines, action.line].slice(-5) : [action.line];
			return {...state, preflight: {status: 'installing', lines}};
		}

		case 'reloadPreflight': {
			return {...state, preflight: {status: 'loading'}};
		}

		case 'begin': {
			return installedPreflight(state) && state.screen.name === 'preflight' ? {...state, screen: {name: 'setting', index: 0}} : state;
		}

		case 'edit': {
			return {...state, answers: {...state.answers, [action.name]: action.value}};
		}

		case 'accept': {
			if (state.screen.name !== 'setting' || !canAccept(state)) {
				return state;
			}

			const next = state.screen.index + 1;
			return next < settingCount
				? {...state, screen: {name: 'setting', index: next}}
				: toReview(state);
		}

		case 'back': {
			switch (state.screen.name) {
				case 'setting': {
					return state.screen.index === 0 ? {...state, screen: {name: 'preflight'}} : {...state, screen: {name: 'setting', index: state.screen.index - 1}};
				}

				case 'review': {
					return {...state, screen: {name: 'setting', index: settingCount - 1}, prepared: {status: 'idle'}, relay: {status: 'idle'}};
				}

				case 'applying': {
					// Only a transaction that failed and left main.cf as it was goes back; the preview is made afresh.
					return state.outcome && state.outcome.status !== 'applied' && state.outcome.status !== 'unchanged'
						? toReview({...state, steps: {}, outcome: undefined})
						: state;
				}

				default: {
					return state;
				}
			}
		}

		case 'prepared': {
			return state.screen.name === 'review' ? {...state, prepared: {status: 'ready', data: action.prepared}} : state;
		}

		case 'prepareFailed': {
			return state.screen.name === 'review' ? {...state, prepared: {status: 'error', message: action.message}} : state;
		}

		case 'relayProbed': {
			return state.screen.name === 'review' ? {...state, relay: {status: 'ready', data: action.probe}} : state;
		}

		case 'relayFailed': {
			return state.screen.name === 'review' ? {...state, relay: {status: 'error', message: action.message}} : state;
		}

		case 'apply': {
			return state.screen.name === 'review' && state.prepared.status === 'ready' && !hasNothingToChange(state)
				? {...state, screen: {name: 'applying'}, steps: {}, outcome: undefined}
				: state;
		}

		case 'step': {
			return {...state, steps: {...state.steps, [action.event.step]: action.event}};
		}

		case 'applied': {
			return {...state, outcome: action.outcome};
		}

		case 'toTestMail': {
			const allowed = (state.screen.name === 'review' && hasNothingToChange(state))
				|| (state.screen.name === 'applying' && state.outcome?.status === 'applied')
				|| (state.screen.name === 'preflight' && installedPreflight(state)?.upToDate === true);
			return allowed ? {...state, screen: {name: 'testMail'}, mail: {...state.mail, status: 'editing', events: [], report: undefined, message: undefined}} : state;
		}

		case 'mailEdit': {
			return {...state, mail: {...state.mail, to: action.to}};
		}

		case 'mailSend': {
			return state.mail.status === 'sending' ? state : {...state, mail: {...state.mail, status: 'sending', events: [], report: undefined, message: undefined}};
		}

		case 'mailEvent': {
			return {...state, mail: {...state.mail, events: [...state.mail.events, action.event]}};
		}

		case 'mailDone': {
			return {...state, mail: {...state.mail, status: 'done', report: action.report}};
		}

		case 'mailFailed': {
			return {...state, mail: {...state.mail, status: 'error', message: action.message}};
		}

		case 'toSummary': {
			return {...state, screen: {name: 'summary'}};
		}

		case 'quitRequested': {
			return {...state, quitting: true};
		}
	}
}
