import {useApp} from 'ink';
import {useKeys} from './input/use-keys.js';
import {useEffect, useReducer, useRef} from 'react';
import {signalExitCode} from '../errors.js';
import type {Lang} from '../i18n/lang.js';
import {interruptionOf} from '../interrupt.js';
import {type CommandContext, farewell, writtenSet} from './wizard/afterwards.js';
import {risksOf} from '../plan/risks.js';
import {Applying} from './Applying/Applying.js';
import {Preflight} from './Preflight/Preflight.js';
import {Review} from './Review/Review.js';
import {LoginStep} from './LoginStep/LoginStep.js';
import {RootMailStep} from './RootMail/RootMailStep.js';
import {SettingStep} from './SettingStep/SettingStep.js';
import {rootMailAnswer} from '../rootmail/answers.js';
import {answersBefore} from '../settings/catalogue.js';
import {Summary} from './Summary/Summary.js';
import {TestMail} from './TestMail/TestMail.js';
import type {WizardEngine} from './wizard/engine.js';
import {errorMessage, useTask} from './wizard/use-task.js';
import {loginAccess, probeSettingsOf, safeLoginAccess, senderOffer} from './wizard/login.js';
import {type Action, addressAnswerProblem, exitCodeOf, missingSender, initialState, loginStepId, mustFinishFirst, reduce, stepNumberOf, stepProgress} from './wizard/state.js';

export interface AppProps {
	/** Loaded after the first frame: reading Postfix must not delay it. */
	readonly loadEngine: () => Promise<WizardEngine>;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** How the user runs this program, and the --config-dir given: the commands printed carry both. */
	readonly program: string;
	readonly configDir: string | undefined;
	/** SIGINT, SIGTERM or SIGHUP from outside: handled as Ctrl-C is. */
	readonly interrupt?: AbortSignal;
	/** The exit code the wizard ends with (0 done, 1 failed). */
	readonly onExit: (code: number, farewell?: string) => void;
}

export function App({loadEngine, lang, sandboxMode, program, configDir, interrupt, onExit}: AppProps) {
	const {exit} = useApp();
	const commands: CommandContext = {program, configDir, sandboxMode};
	const [state, dispatch] = useReducer(reduce, undefined, initialState);
	const engine = useRef<Promise<WizardEngine> | undefined>(undefined);
	const loaded = useRef<WizardEngine | undefined>(undefined);
	const applying = useRef<AbortController | undefined>(undefined);
	/** The signal (or Ctrl-C) to leave with once the running work has finished or rolled back. */
	const quitWhenDone = useRef<NodeJS.Signals | undefined>(undefined);
	const getEngine = async () => {
		engine.current ??= loadEngine().then(ready => {
			loaded.current = ready;
			return ready;
		});
		return engine.current;
	};

	/** The farewell is printed below the last frame, once Ink has let go of the terminal. */
	const leave = (code: number, farewell?: string) => {
		onExit(code, farewell);
		exit();
	};

	// The one place quitting is handled (Ctrl-C, or a signal from outside): before applying
	// nothing has changed; during it, the transaction is told to stop, and finishes or rolls
	// back before we leave; a package manager at work is let finish.
	// Leaving this way is an interruption: exit 128 + N (130 for Ctrl-C), as DESIGN.md says.
	const quit = (signal: NodeJS.Signals) => {
		if (mustFinishFirst(state)) {
			quitWhenDone.current = signal;
			dispatch({type: 'quitRequested'});
			applying.current?.abort();
			return;
		}

		leave(signalExitCode(signal), farewell(state, commands, lang));
	};

	/**
	 * A package manager at work (Postfix on the preflight, the SASL plugins on the review):
	 * its output shown as it comes, and let finish even on Ctrl-C, which then leaves.
	 */
	const runPackageManager = (
		install: (engine: WizardEngine, onOutput: (line: string) => void) => Promise<void>,
		on: {readonly started: Action; readonly output: (line: string) => Action; readonly done: Action; readonly failed: (message: string) => Action},
	) => {
		dispatch(on.started);
		void (async () => {
			try {
				await install(await getEngine(), line => dispatch(on.output(line)));
				dispatch(on.done);
			} catch (error) {
				dispatch(on.failed(errorMessage(error, lang)));
			}

			if (quitWhenDone.current) {
				leave(signalExitCode(quitWhenDone.current));
			}
		})();
	};

	const quitRef = useRef(quit);
	quitRef.current = quit;
	useKeys((input, key) => {
		if (key.ctrl && input === 'c') {
			quit('SIGINT');
		}
	});

	useEffect(() => {
		if (!interrupt) {
			return;
		}

		const onAbort = () => quitRef.current(interruptionOf(interrupt)?.signal ?? 'SIGINT');
		if (interrupt.aborted) {
			onAbort();
			return;
		}

		interrupt.addEventListener('abort', onAbort, {once: true});
		return () => interrupt.removeEventListener('abort', onAbort);
	}, [interrupt]);

	useTask(
		state.preflight.status === 'loading',
		async signal => (await getEngine()).preflight(signal),
		preflight => dispatch({type: 'preflightLoaded', preflight}),
		message => dispatch({type: 'preflightFailed', message}),
		lang,
	);
	useTask(
		state.screen.name === 'review' && state.prepared.status === 'loading',
		async signal => (await getEngine()).prepare(new Map(Object.entries(state.answers)), signal, state.login && (state.answers['relayhost'] ?? '').trim() !== '' ? loginAccess(state.login, state.answers['relayhost'] ?? '') : undefined),
		prepared => dispatch({type: 'prepared', prepared}),
		message => dispatch({type: 'prepareFailed', message}),
		lang,
	);
	useTask(
		state.screen.name === 'review' && state.relay.status === 'loading',
		async signal => (await getEngine()).probeRelay(state.answers['relayhost'] ?? '', signal, probeSettingsOf(state.login && safeLoginAccess(state.login, state.answers['relayhost'] ?? ''))),
		probe => dispatch({type: 'relayProbed', probe}),
		message => dispatch({type: 'relayFailed', message}),
		lang,
	);
	useTask(
		state.mail.status === 'sending',
		async signal => (await getEngine()).sendTestMail(state.mail.to.trim(), event => dispatch({type: 'mailEvent', event}), signal),
		report => dispatch({type: 'mailDone', report}),
		message => dispatch({type: 'mailFailed', message}),
		lang,
	);
	useTask(
		state.mail.root.status === 'sending',
		async signal => (await getEngine()).sendTestMail('root', () => {}, signal),
		report => dispatch({type: 'rootMailDone', report}),
		message => dispatch({type: 'rootMailFailed', message}),
		lang,
	);

	const startApply = state.screen.name === 'applying' && state.outcome === undefined && Object.keys(state.steps).length === 0;
	useEffect(() => {
		if (!startApply || state.prepared.status !== 'ready' || applying.current) {
			return;
		}

		const controller = new AbortController();
		applying.current = controller;
		void (async () => {
			const outcome = await (await getEngine()).apply(state.prepared.status === 'ready' ? state.prepared.data.plan : (undefined as never), event => dispatch({type: 'step', event}), controller.signal)
				.catch((error: unknown) => ({status: 'failed' as const, step: 'write' as const, reason: {en: errorMessage(error, 'en'), zh: errorMessage(error, 'zh')}, rolledBack: false, restoreProblems: [], backup: undefined}));
			applying.current = undefined;
			dispatch({type: 'applied', outcome});
			if (quitWhenDone.current) {
				// Ctrl-C while applying: the verdict of the transaction, and what to do now, in words.
				const ended = reduce(state, {type: 'applied', outcome});
				leave(signalExitCode(quitWhenDone.current), farewell(ended, commands, lang));
			}
		})();
	}, [startApply]);

	const preflight = state.preflight.status === 'ready' && state.preflight.data.installed ? state.preflight.data : undefined;
	switch (state.screen.name) {
		case 'preflight': {
			return (
				<Preflight
					state={state.preflight}
					lang={lang}
					sandboxMode={sandboxMode}
					stepNumberOf={id => stepNumberOf(state, id)}
					onBegin={() => dispatch({type: 'begin'})}
					onTestMail={() => dispatch({type: 'toTestMail'})}
					onInstall={() => runPackageManager(
						async (engine, onOutput) => engine.installPostfix(onOutput),
						{started: {type: 'installStarted'}, output: line => ({type: 'installOutput', line}), done: {type: 'reloadPreflight'}, failed: message => ({type: 'preflightFailed', message})},
					)}
				/>
			);
		}

		case 'step': {
			const progress = stepProgress(state);
			const setting = progress?.step.setting;
			if (progress?.step.id === loginStepId && state.login) {
				return (
					<LoginStep
						login={state.login}
						relayhost={state.answers['relayhost'] ?? ''}
						step={progress.number}
						total={progress.total}
						lang={lang}
						sandboxMode={sandboxMode}
						onEdit={change => dispatch({type: 'loginEdit', change})}
						onMove={direction => dispatch({type: 'loginMove', direction})}
						onProvider={direction => dispatch({type: 'loginProvider', direction})}
						onToggleVerify={() => dispatch({type: 'loginVerify'})}
					/>
				);
			}

			if (progress && !setting && (progress.step.id === rootMailAnswer.rootTo || progress.step.id === rootMailAnswer.sendAs)) {
				return (
					<RootMailStep
						key={progress.step.id}
						id={progress.step.id}
						step={progress.number}
						total={progress.total}
						answers={state.answers}
						problem={addressAnswerProblem(state, progress.step.id)}
						rootProposal={preflight?.rootProposal}
						facts={preflight?.originFacts}
						senderOffer={senderOffer(state.login, state.answers['relayhost'] ?? '')}
						lang={lang}
						sandboxMode={sandboxMode}
						onChange={(name, value) => dispatch({type: 'edit', name, value})}
						onAccept={() => dispatch({type: 'accept'})}
						onBack={() => dispatch({type: 'back'})}
					/>
				);
			}

			if (!progress || !setting) {
				// Steps with a screen of their own (issue 7's login, issue 8's mail for root) are rendered here by id.
				throw new Error(`The wizard has no screen for the step "${state.screen.id}".`);
			}

			return (
				<SettingStep
					key={setting.name}
					setting={setting}
					step={progress.number}
					total={progress.total}
					value={state.answers[setting.name] ?? ''}
					current={preflight?.current.get(setting.name)}
					postfixDefault={preflight?.defaults.get(setting.name)}
					recommended={preflight?.recommended.get(setting.name)}
					facts={preflight?.originFacts}
					earlier={answersBefore(setting.name, state.answers)}
					lang={lang}
					sandboxMode={sandboxMode}
					onChange={value => dispatch({type: 'edit', name: setting.name, value})}
					onAccept={() => dispatch({type: 'accept'})}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
		}

		case 'review': {
			return (
				<Review
					prepared={state.prepared}
					relay={state.relay}
					risks={risksOf(new Map(Object.entries(state.answers)))}
					answers={state.answers}
					senderNeeded={missingSender(state)?.provider.label[lang]}
					lang={lang}
					sandboxMode={sandboxMode}
					plugins={state.plugins}
					canInstallPlugins={preflight?.isRoot === true}
					onApply={() => dispatch({type: 'apply'})}
					onBack={() => dispatch({type: 'back'})}
					onTestMail={() => dispatch({type: 'toTestMail'})}
					onInstallPlugins={() => runPackageManager(
						async (engine, onOutput) => engine.installSaslPlugins(onOutput),
						{started: {type: 'pluginInstallStarted'}, output: line => ({type: 'pluginInstallOutput', line}), done: {type: 'pluginsInstalled'}, failed: message => ({type: 'pluginInstallFailed', message})},
					)}
				/>
			);
		}

		case 'applying': {
			return (
				<Applying
					steps={state.steps}
					outcome={state.outcome}
					quitting={state.quitting}
					lang={lang}
					files={writtenSet(state, lang)}
					sandboxMode={sandboxMode}
					commands={commands}
					onContinue={() => (state.outcome?.status === 'applied' ? dispatch({type: 'toTestMail'}) : leave(exitCodeOf(state), farewell(state, commands, lang)))}
					onBack={() => dispatch({type: 'back'})}
				/>
			);
		}

		case 'testMail': {
			return (
				<TestMail
					mail={state.mail}
					lang={lang}
					sandboxMode={sandboxMode}
					onChange={to => dispatch({type: 'mailEdit', to})}
					onSend={() => dispatch({type: 'mailSend'})}
					onDone={() => dispatch({type: 'toSummary'})}
				/>
			);
		}

		case 'summary': {
			return (
				<Summary
					state={state}
					lang={lang}
					commands={commands}
					sinkMessages={loaded.current?.sinkMessages() ?? []}
					onQuit={() => leave(exitCodeOf(state), farewell(state, commands, lang))}
					onRetryMail={() => dispatch({type: 'retryMail'})}
					onToRelay={() => dispatch({type: 'toRelayStep'})}
					savePlaybook={async signal => (await getEngine()).exportPlaybook(signal)}
				/>
			);
		}
	}
}
