import type {ApplyOutcome, StepEvent, StepName} from '../../apply/transaction.js';
import {settings} from '../../settings/catalogue.js';
import type {DeliveryReport, TrackEvent} from '../../verify/types.js';
import type {Preflight, Prepared} from './engine.js';

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

export interface MailState {
	readonly to: string;
	readonly status: 'editing' | 'sending' | 'done' | 'error';
	readonly events: readonly TrackEvent[];
	readonly report: DeliveryReport | undefined;
	readonly message: string | undefined;
}

export interface WizardState {
	readonly screen: Screen;
	readonly preflight: Loadable<Preflight> | {readonly status: 'installing'; readonly lines: readonly string[]};
	/** The value typed per parameter, kept when going back and forth. */
	readonly answers: Readonly<Record<string, string>>;
	readonly prepared: Loadable<Prepared> | {readonly status: 'idle'};
	readonly steps: Readonly<Partial<Record<StepName, StepEvent>>>;
	readonly outcome: ApplyOutcome | undefined;
	readonly mail: MailState;
	/** Ctrl-C during the transaction: quit once it has finished or rolled back. */
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

export function initialState(): WizardState {
	return {
		screen: {name: 'preflight'},
		preflight: {status: 'loading'},
		answers: {},
		prepared: {status: 'idle'},
		steps: {},
		outcome: undefined,
		mail: {to: '', status: 'editing', events: [], report: undefined, message: undefined},
		quitting: false,
	};
}

/** Nothing needs applying: the review offers the test mail instead. */
export function hasNothingToChange(state: WizardState): boolean {
	return state.prepared.status === 'ready' && state.prepared.data.plan.changes.length === 0;
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
			const mailTo = preflight.installed && preflight.sandbox && state.mail.to === '' ? 'ops@example.org' : state.mail.to;
			return {...state, preflight: {status: 'ready', data: preflight}, answers, mail: {...state.mail, to: mailTo}};
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
			return state.preflight.status === 'ready' && state.preflight.data.installed ? {...state, screen: {name: 'setting', index: 0}} : state;
		}

		case 'edit': {
			return {...state, answers: {...state.answers, [action.name]: action.value}};
		}

		case 'accept': {
			if (state.screen.name !== 'setting') {
				return state;
			}

			const next = state.screen.index + 1;
			return next < settingCount
				? {...state, screen: {name: 'setting', index: next}}
				: {...state, screen: {name: 'review'}, prepared: {status: 'loading'}};
		}

		case 'back': {
			switch (state.screen.name) {
				case 'setting': {
					return state.screen.index === 0 ? {...state, screen: {name: 'preflight'}} : {...state, screen: {name: 'setting', index: state.screen.index - 1}};
				}

				case 'review': {
					return {...state, screen: {name: 'setting', index: settingCount - 1}, prepared: {status: 'idle'}};
				}

				case 'applying': {
					// Only a finished, failed transaction can go back; a fresh preview is made.
					return state.outcome && state.outcome.status !== 'applied' ? {...state, screen: {name: 'review'}, prepared: {status: 'loading'}, steps: {}, outcome: undefined} : state;
				}

				default: {
					return state;
				}
			}
		}

		case 'prepared': {
			return {...state, prepared: {status: 'ready', data: action.prepared}};
		}

		case 'prepareFailed': {
			return {...state, prepared: {status: 'error', message: action.message}};
		}

		case 'apply': {
			return state.prepared.status === 'ready' && !hasNothingToChange(state) ? {...state, screen: {name: 'applying'}, steps: {}, outcome: undefined} : state;
		}

		case 'step': {
			return {...state, steps: {...state.steps, [action.event.step]: action.event}};
		}

		case 'applied': {
			return {...state, outcome: action.outcome};
		}

		case 'toTestMail': {
			return {...state, screen: {name: 'testMail'}, mail: {...state.mail, status: 'editing', events: [], report: undefined, message: undefined}};
		}

		case 'mailEdit': {
			return {...state, mail: {...state.mail, to: action.to}};
		}

		case 'mailSend': {
			return {...state, mail: {...state.mail, status: 'sending', events: [], report: undefined, message: undefined}};
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
