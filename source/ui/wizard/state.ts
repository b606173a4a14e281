import type {ApplyOutcome, StepEvent, StepName} from '../../apply/transaction.js';
import {changesNothing} from '../../plan/plan.js';
import {exitCode} from '../../errors.js';
import {rootMailAnswer} from '../../rootmail/answers.js';
import {type OwnNames, rootAddressProblem, senderAddressProblem} from '../../rootmail/own-address.js';
import {resolveOrigin} from '../../settings/origin.js';
import type {SyntaxProblem} from '../../settings/syntax.js';
import {settings, validateSetting} from '../../settings/catalogue.js';
import type {Setting} from '../../settings/types.js';
import type {DeliveryReport, TrackEvent} from '../../verify/types.js';
import type {InstalledPreflight, Preflight, Prepared, RelayProbe} from './engine.js';
import {type LoginAnswers, type SenderOffer, cycleProvider, initialLogin, loginProblem, moveField, relayhostFor, senderOffer} from './login.js';

export type Screen =
	| {readonly name: 'preflight'}
	/** A step of the walk (wizardSteps), by its id: a setting's name, or a step's own name. */
	| {readonly name: 'step'; readonly id: string}
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

/** Installing the SASL client plugins a login needs, offered on the review. */
export type PluginInstallState =
	| {readonly status: 'idle'}
	| {readonly status: 'installing'; readonly lines: readonly string[]}
	| {readonly status: 'error'; readonly message: string};

export interface MailState {
	readonly to: string;
	readonly status: 'editing' | 'sending' | 'done' | 'error';
	readonly events: readonly TrackEvent[];
	readonly report: DeliveryReport | undefined;
	readonly message: string | undefined;
	/** The same test sent to `root`, as cron's mail goes, once root's mail has an address. */
	readonly root: {readonly status: 'none' | 'sending' | 'done' | 'error'; readonly report?: DeliveryReport; readonly message?: string};
}

export interface WizardState {
	readonly screen: Screen;
	readonly preflight: PreflightState;
	/** The value typed per parameter, kept when going back and forth. */
	readonly answers: Readonly<Record<string, string>>;
	/** The "Login and encryption" step's answers (set once the preflight is read). */
	readonly login: LoginAnswers | undefined;
	readonly prepared: {readonly status: 'idle'} | Loadable<Prepared>;
	/** The relay preflight, run beside the preparation; it warns, it never blocks. */
	readonly relay: RelayState;
	readonly plugins: PluginInstallState;
	readonly steps: Readonly<Partial<Record<StepName, StepEvent>>>;
	readonly outcome: ApplyOutcome | undefined;
	/**
	 * The first transaction of this run that applied, kept when the walk starts again from
	 * the relay: its backup is main.cf as it was before the wizard, what undoing goes back to.
	 */
	readonly applied: Extract<ApplyOutcome, {status: 'applied'}> | undefined;
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
	/** A typed value of the login step (the region, username or password field). */
	| {readonly type: 'loginEdit'; readonly change: Partial<Pick<LoginAnswers, 'region' | 'username' | 'password'>>}
	/** Enter (1) or Esc (-1) in the login step. */
	| {readonly type: 'loginMove'; readonly direction: 1 | -1}
	| {readonly type: 'loginProvider'; readonly direction: 1 | -1}
	| {readonly type: 'loginVerify'}
	| {readonly type: 'accept'}
	| {readonly type: 'back'}
	| {readonly type: 'prepared'; readonly prepared: Prepared}
	| {readonly type: 'prepareFailed'; readonly message: string}
	| {readonly type: 'relayProbed'; readonly probe: RelayProbe}
	| {readonly type: 'relayFailed'; readonly message: string}
	/** On the review: y to install the SASL plugins the login needs; their output; done (the review is prepared again) or failed. */
	| {readonly type: 'pluginInstallStarted'}
	| {readonly type: 'pluginInstallOutput'; readonly line: string}
	| {readonly type: 'pluginsInstalled'}
	| {readonly type: 'pluginInstallFailed'; readonly message: string}
	| {readonly type: 'apply'}
	| {readonly type: 'step'; readonly event: StepEvent}
	| {readonly type: 'applied'; readonly outcome: ApplyOutcome}
	| {readonly type: 'toTestMail'}
	| {readonly type: 'mailEdit'; readonly to: string}
	| {readonly type: 'mailSend'}
	| {readonly type: 'mailEvent'; readonly event: TrackEvent}
	| {readonly type: 'mailDone'; readonly report: DeliveryReport}
	| {readonly type: 'mailFailed'; readonly message: string}
	| {readonly type: 'rootMailDone'; readonly report: DeliveryReport}
	| {readonly type: 'rootMailFailed'; readonly message: string}
	| {readonly type: 'toSummary'}
	/** From the summary: another test mail, with the settings as they are. */
	| {readonly type: 'retryMail'}
	/** From the summary, when mail does not leave: back to the relay step, answers kept, to apply again. */
	| {readonly type: 'toRelayStep'}
	| {readonly type: 'quitRequested'};

/**
 * One step of the wizard's walk. Most are catalogue settings, edited as text by SettingStep;
 * others are screens of their own (a relay login, who reads this machine's mail), rendered
 * by the App for their id and keeping what they need in the state.
 */
export interface WizardStep {
	/** The setting's name, or the step's own name (e.g. 'relay-login'). */
	readonly id: string;
	/** The catalogue setting the step edits; undefined for a screen of its own. */
	readonly setting: Setting | undefined;
	/** Whether the walk visits the step, given the answers so far (undefined: always). */
	readonly applies?: (state: WizardState) => boolean;
	/** Enter may go on: the step's answer is valid. */
	readonly canAccept: (state: WizardState) => boolean;
}

function settingStep(setting: Setting): WizardStep {
	// myorigin is judged on what it resolves to ($mydomain, /etc/mailname), as the machine says.
	return {id: setting.name, setting, canAccept: state => validateSetting(setting.name, state.answers[setting.name] ?? '', installedPreflight(state)?.originFacts).ok};
}

/**
 * This machine's own names as the walk has them: myhostname as read, and what the myorigin
 * answer resolves to. Undefined until the preflight has read them.
 */
export function ownNamesOf(state: WizardState): OwnNames | undefined {
	const facts = installedPreflight(state)?.originFacts;
	const myhostname = facts?.parameters?.get('myhostname');
	if (facts === undefined || myhostname === undefined) {
		return undefined;
	}

	const resolved = resolveOrigin(state.answers['myorigin'] ?? '', facts);
	return {origin: resolved.ok ? resolved.domain.trim().toLowerCase() : undefined, myhostname};
}

/** Why the address typed in root's-mail or send-as step cannot be taken (empty skips the step). */
export function addressAnswerProblem(state: WizardState, id: string): SyntaxProblem | undefined {
	const value = (state.answers[id] ?? '').trim();
	const check = id === rootMailAnswer.sendAs ? senderAddressProblem : rootAddressProblem;
	return value === '' ? undefined : check(value, ownNamesOf(state));
}

/** The relay accepts only verified senders and "Send as" was left empty: the review says so. */
export function missingSender(state: WizardState): SenderOffer | undefined {
	const offer = senderOffer(state.login, state.answers['relayhost'] ?? '');
	return offer && (state.answers[rootMailAnswer.sendAs] ?? '').trim() === '' ? offer : undefined;
}

/** An optional address step: empty skips it, anything else must reach a mailbox elsewhere. */
function addressStep(id: string): WizardStep {
	return {id, setting: undefined, canAccept: state => addressAnswerProblem(state, id) === undefined};
}

/**
 * Leaving the login step for a relay that sends only as the login (Gmail, Microsoft 365):
 * that address becomes the "Send as" answer, unless the user has answered it already.
 */
function proposedSender(state: WizardState): Record<string, string> {
	const offer = senderOffer(state.login, state.answers['relayhost'] ?? '');
	return offer?.proposal !== undefined && state.answers[rootMailAnswer.sendAs] === undefined ? {[rootMailAnswer.sendAs]: offer.proposal} : {};
}

/** The id of issue 7's step: provider, login, password, encryption. */
export const loginStepId = 'relay-login';

/**
 * Steps that are not catalogue settings, by the setting they follow: issue 7's "Login and
 * encryption" goes after relayhost, issue 8's "Who reads this machine's mail" after myorigin.
 */
const stepsAfter: Readonly<Record<string, readonly WizardStep[]>> = {
	relayhost: [{
		id: loginStepId,
		setting: undefined,
		// Direct delivery (an empty relayhost) has no relay to log in to.
		applies: state => (state.answers['relayhost'] ?? '').trim() !== '',
		canAccept: state => state.login !== undefined && loginProblem(state.login, state.answers['relayhost'] ?? '') === undefined,
	}],
	myorigin: [addressStep(rootMailAnswer.rootTo), addressStep(rootMailAnswer.sendAs)],
};

/** The whole walk, in order; a step whose `applies` says no is skipped and not counted. */
export const wizardSteps: readonly WizardStep[] = settings.flatMap(setting => [settingStep(setting), ...(stepsAfter[setting.name] ?? [])]);

/** The steps this walk visits, given the answers so far. */
export function activeSteps(state: WizardState): readonly WizardStep[] {
	return wizardSteps.filter(step => step.applies?.(state) ?? true);
}

/** Where the walk stands: the step on screen, its number among the steps visited, and how many there are. */
export function stepProgress(state: WizardState): {readonly step: WizardStep; readonly number: number; readonly total: number} | undefined {
	if (state.screen.name !== 'step') {
		return undefined;
	}

	const {id} = state.screen;
	const step = wizardSteps.find(candidate => candidate.id === id);
	if (!step) {
		return undefined;
	}

	const active = activeSteps(state);
	const before = wizardSteps.slice(0, wizardSteps.indexOf(step)).filter(candidate => active.includes(candidate)).length;
	return {step, number: before + 1, total: active.length};
}

/** The number the walk gives the step that edits this parameter (for "Step 3 (inet_interfaces) proposes …"). */
export function stepNumberOf(state: WizardState, id: string): number | undefined {
	const index = activeSteps(state).findIndex(step => step.id === id);
	return index === -1 ? undefined : index + 1;
}

/** The next (or previous) step the walk visits from the one on screen; undefined past either end. */
function neighbour(state: WizardState, direction: 1 | -1): WizardStep | undefined {
	const id = state.screen.name === 'step' ? state.screen.id : undefined;
	const from = wizardSteps.findIndex(step => step.id === id);
	for (let index = from + direction; index >= 0 && index < wizardSteps.length; index += direction) {
		const step = wizardSteps[index]!;
		if (step.applies?.(state) ?? true) {
			return step;
		}
	}

	return undefined;
}

/** The recipient proposed in --sandbox, where the sink takes any address. */
export const sandboxRecipient = 'ops@example.org';

export function initialState(): WizardState {
	return {
		screen: {name: 'preflight'},
		preflight: {status: 'loading'},
		answers: {},
		login: undefined,
		prepared: {status: 'idle'},
		relay: {status: 'idle'},
		plugins: {status: 'idle'},
		steps: {},
		outcome: undefined,
		applied: undefined,
		mail: {to: '', status: 'editing', events: [], report: undefined, message: undefined, root: {status: 'none'}},
		quitting: false,
	};
}

export function installedPreflight(state: WizardState): InstalledPreflight | undefined {
	return state.preflight.status === 'ready' && state.preflight.data.installed ? state.preflight.data : undefined;
}

/** Nothing needs applying: the review offers the test mail instead. */
export function hasNothingToChange(state: WizardState): boolean {
	return state.prepared.status === 'ready' && changesNothing(state.prepared.data.plan);
}

/** The answer to the step on screen is valid: Enter may go on. */
export function canAccept(state: WizardState): boolean {
	return stepProgress(state)?.step.canAccept(state) ?? false;
}

/** Something runs that must end by itself: the transaction, or the package manager. */
export function mustFinishFirst(state: WizardState): boolean {
	return (state.screen.name === 'applying' && state.outcome === undefined) || state.preflight.status === 'installing' || state.plugins.status === 'installing';
}

/** The prepared login cannot work here yet: the SASL client plugins are missing (the review offers to install them). */
export function missingSaslPlugins(state: WizardState): Prepared['saslPluginsMissing'] {
	return state.prepared.status === 'ready' ? state.prepared.data.saslPluginsMissing : undefined;
}

/**
 * The exit code when the wizard ends now: 1 once a transaction failed; 3 when the test
 * mail was tried and did not reach the relay; else 0.
 */
export function exitCodeOf(state: WizardState): number {
	if (state.outcome?.status === 'failed' || state.outcome?.status === 'interrupted') {
		return exitCode.failed;
	}

	const mailFailed = state.mail.status === 'error' || (state.mail.status === 'done' && state.mail.report?.status !== 'sent');
	return mailFailed ? exitCode.mailNotDelivered : exitCode.ok;
}

/** The review screen, prepared afresh; the relay is knocked at when there is one. */
function toReview(state: WizardState): WizardState {
	const relayhost = (state.answers['relayhost'] ?? '').trim();
	return {...state, screen: {name: 'review'}, prepared: {status: 'loading'}, relay: relayhost === '' ? {status: 'idle'} : {status: 'loading'}, plugins: {status: 'idle'}};
}

/**
 * The whole wizard as a pure function: screens, answers and progress. Effects (reading
 * Postfix, applying, sending) live in the App and report back with actions.
 */
export function reduce(state: WizardState, action: Action): WizardState {
	const next = step(state, action);
	// Arriving at the login step, from either side, starts at its first field: Esc then goes on back.
	const arrived = next.screen.name === 'step' && next.screen.id === loginStepId && !(state.screen.name === 'step' && state.screen.id === loginStepId);
	return arrived && next.login ? {...next, login: {...next.login, field: 'provider'}} : next;
}

function step(state: WizardState, action: Action): WizardState {
	switch (action.type) {
		case 'preflightLoaded': {
			const {preflight} = action;
			const answers = preflight.installed && Object.keys(state.answers).length === 0
				? {...Object.fromEntries(preflight.proposals), ...(preflight.rootProposal ? {[rootMailAnswer.rootTo]: preflight.rootProposal} : {})}
				: state.answers;
			const to = preflight.installed && preflight.sandbox && state.mail.to === '' ? sandboxRecipient : state.mail.to;
			const login = state.login ?? (preflight.installed
				? initialLogin({
					relayhost: answers['relayhost'] ?? '',
					loginInForce: preflight.login?.inForce === true,
					...(preflight.sandbox ? {sandbox: preflight.sandbox.login ? {login: preflight.sandbox.login} : {}} : {}),
				})
				: undefined);
			return {...state, preflight: {status: 'ready', data: preflight}, answers, login, mail: {...state.mail, to}};
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
			const first = activeSteps(state)[0];
			return installedPreflight(state) && state.screen.name === 'preflight' && first ? {...state, screen: {name: 'step', id: first.id}} : state;
		}

		case 'edit': {
			return {...state, answers: {...state.answers, [action.name]: action.value}};
		}

		case 'loginEdit': {
			return state.login ? {...state, login: {...state.login, ...action.change}} : state;
		}

		case 'loginMove': {
			if (!state.login) {
				return state;
			}

			const moved = moveField(state.login, state.answers['relayhost'] ?? '', action.direction);
			const next = {...state, login: moved.login};
			return moved.leave ? step(next, {type: moved.leave}) : next;
		}

		case 'loginProvider': {
			return state.login ? {...state, login: {...cycleProvider(state.login, action.direction), field: state.login.field}} : state;
		}

		case 'loginVerify': {
			return state.login ? {...state, login: {...state.login, verify: !state.login.verify}} : state;
		}

		case 'accept': {
			if (!canAccept(state)) {
				return state;
			}

			// The provider chosen decides the relayhost (SendGrid's, SES's in its region…).
			const accepted = state.screen.name === 'step' && state.screen.id === loginStepId && state.login
				? {...state, answers: {...state.answers, relayhost: relayhostFor(state.login, state.answers['relayhost'] ?? ''), ...proposedSender(state)}}
				: state;
			const next = neighbour(accepted, 1);
			return next ? {...accepted, screen: {name: 'step', id: next.id}} : toReview(accepted);
		}

		case 'back': {
			switch (state.screen.name) {
				case 'step': {
					const previous = neighbour(state, -1);
					return {...state, screen: previous ? {name: 'step', id: previous.id} : {name: 'preflight'}};
				}

				case 'review': {
					const last = activeSteps(state).at(-1);
					return last ? {...state, screen: {name: 'step', id: last.id}, prepared: {status: 'idle'}, relay: {status: 'idle'}} : state;
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

		case 'pluginInstallStarted': {
			return state.screen.name === 'review' && missingSaslPlugins(state) && state.plugins.status !== 'installing' ? {...state, plugins: {status: 'installing', lines: []}} : state;
		}

		case 'pluginInstallOutput': {
			return state.plugins.status === 'installing' ? {...state, plugins: {status: 'installing', lines: [...state.plugins.lines, action.line].slice(-5)}} : state;
		}

		case 'pluginsInstalled': {
			// The review is prepared again: the check runs anew, and y applies once the plugins are there.
			return state.screen.name === 'review' ? {...state, plugins: {status: 'idle'}, prepared: {status: 'loading'}} : {...state, plugins: {status: 'idle'}};
		}

		case 'pluginInstallFailed': {
			return {...state, plugins: {status: 'error', message: action.message}};
		}

		case 'apply': {
			// A login Postfix cannot send (no SASL plugins) is not applied: the review offers the package first.
			return state.screen.name === 'review' && state.prepared.status === 'ready' && !hasNothingToChange(state) && !missingSaslPlugins(state) && state.plugins.status !== 'installing'
				? {...state, screen: {name: 'applying'}, steps: {}, outcome: undefined}
				: state;
		}

		case 'step': {
			return {...state, steps: {...state.steps, [action.event.step]: action.event}};
		}

		case 'applied': {
			return {...state, outcome: action.outcome, applied: state.applied ?? (action.outcome.status === 'applied' ? action.outcome : undefined)};
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
			return state.mail.status === 'sending' ? state : {...state, mail: {...state.mail, status: 'sending', events: [], report: undefined, message: undefined, root: {status: 'none'}}};
		}

		case 'mailEvent': {
			return {...state, mail: {...state.mail, events: [...state.mail.events, action.event]}};
		}

		case 'mailDone': {
			// Cron's mail goes to `root`: send it there too, so the screen shows where it arrives.
			const root = (state.answers[rootMailAnswer.rootTo] ?? '').trim() === '' ? state.mail.root : {status: 'sending' as const};
			return {...state, mail: {...state.mail, status: 'done', report: action.report, root}};
		}

		case 'rootMailDone': {
			return {...state, mail: {...state.mail, root: {status: 'done', report: action.report}}};
		}

		case 'rootMailFailed': {
			return {...state, mail: {...state.mail, root: {status: 'error', message: action.message}}};
		}

		case 'mailFailed': {
			return {...state, mail: {...state.mail, status: 'error', message: action.message}};
		}

		case 'toSummary': {
			return {...state, screen: {name: 'summary'}};
		}

		case 'retryMail': {
			return state.screen.name === 'summary' ? {...state, screen: {name: 'testMail'}, mail: {...state.mail, status: 'editing', events: [], report: undefined, message: undefined}} : state;
		}

		case 'toRelayStep': {
			// A new walk from the relay on: the next review prepares a fresh plan against main.cf as it now is.
			// The last test mail's verdict stands until another is sent.
			return state.screen.name === 'summary' && wizardSteps.some(step => step.id === 'relayhost')
				? {...state, screen: {name: 'step', id: 'relayhost'}, prepared: {status: 'idle'}, relay: {status: 'idle'}, steps: {}, outcome: undefined}
				: state;
		}

		case 'quitRequested': {
			return {...state, quitting: true};
		}
	}
}
