import {useApp, useInput} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import type {Lang} from '../i18n/lang.js';
import {settings} from '../settings/catalogue.js';
import {Applying} from './Applying/Applying.js';
import {Preflight} from './Preflight/Preflight.js';
import {Review} from './Review/Review.js';
import {SettingStep} from './SettingStep/SettingStep.js';
import {Summary} from './Summary/Summary.js';
import {TestMail} from './TestMail/TestMail.js';
import type {WizardEngine} from './wizard/engine.js';
import {initialState, reduce, settingCount} from './wizard/state.js';

export interface AppProps {
	/** Loaded after the first frame: reading Postfix must not delay it. */
	readonly loadEngine: () => Promise<WizardEngine>;
	readonly lang: Lang;
	readonly sandboxMode: boolean;
	/** The exit code the wizard ends with (0 done, 1 failed). */
	readonly onExit: (code: number) => void;
}

function message(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function App({loadEngine, lang, sandboxMode, onExit}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(reduce, undefined, initialState);
	const engine = useRef<Promise<WizardEngine> | undefined>(undefined);
	const loaded = useRef<WizardEngine | undefined>(undefined);
	const applying = useRef<AbortController | undefined>(undefined);
	const quitWhenDone = useRef(false);
	const getEngine = async () => {
		engine.current ??= loadEngine().then(ready => {
			loaded.current = ready;
			return ready;
		});
		return engine.current;
	};

	const leave = (code: number) => {
		onExit(code);
		exit();
	};

	// The one place Ctrl-C is handled: before applying nothing has changed; during it,
	// the transaction is told to stop, and finishes or rolls back before we leave.
	useInput((input, key) => {
		if (!(key.ctrl && input === 'c')) {
			return;
		}

		if (state.screen.name === 'applying' && !state.outcome) {
			quitWhenDone.current = true;
			dispatch({type: 'quitRequested'});
			applying.current?.abort();
			return;
		}

		leave(state.outcome?.status === 'failed' ? 1 : 0);
	});

	const preflightStatus = state.preflight.status;
	useEffect(() => {
		if (preflightStatus !== 'loading') {
			return;
		}

		let live = true;
		void (async () => {
			try {
				const preflight = await (await getEngine()).preflight();
				if (live) {
					dispatch({type: 'preflightLoaded', preflight});
				}
			} catch (error) {
				if (live) {
					dispatch({type: 'preflightFailed', message: message(error)});
				}
			}
		})();
		return () => {
			live = false;
		};
	}, [preflightStatus]);

	const preparing = state.screen.name === 'review' && state.prepared.status === 'loading';
	useEffect(() => {
		if (!preparing) {
			return;
		}

		const controller = new AbortController();
		void (async () => {
			try {
				const prepared = await (await getEngine()).prepare(new Map(Object.entries(state.answers)), controller.signal);
				if (!controller.signal.aborted) {
					dispatch({type: 'prepared', prepared});
				}
			} catch (error) {
				if (!controller.signal.aborted) {
					dispatch({type: 'prepareFailed', message: message(error)});
				}
			}
		})();
		return () => controller.abort();
	}, [preparing]);

	const startApply = state.screen.name === 'applying' && state.outcome === undefined && Object.keys(state.steps).length === 0;
	useEffect(() => {
		if (!startApply || state.prepared.status !== 'ready' || applying.current) {
			return;
		}

		const controller = new AbortController();
		applying.current = controller;
		void (async () => {
			const outcome = await (await getEngine()).apply(state.prepared.status === 'ready' ? state.prepared.data.plan : (undefined as never), event => dispatch({type: 'step', event}), controller.signal)
				.catch((error: unknown) => ({status: 'failed' as const, step: 'write' as const, reason: message(error), rolledBack: false, backup: undefined}));
			applying.current = undefined;
			dispatch({type: 'applied', outcome});
			if (quitWhenDone.current) {
				leave(outcome.status === 'applied' ? 0 : 1);
			}
		})();
	}, [startApply]);

	const sending = state.mail.status === 'sending';
	useEffect(() => {
		if (!sending) {
			return;
		}

		const controller = new AbortController();
		void (async () => {
			try {
				const report = await (await getEngine()).sendTestMail(state.mail.to.trim(), event => dispatch({type: 'mailEvent', event}), controller.signal);
				dispatch({type: 'mailDone', report});
			} catch (error) {
				if (!controller.signal.aborted) {
					dispatch({type: 'mailFailed', message: message(error)});
				}
			}
		})();
		return () => controller.abort();
	}, [sending]);

	const preflight = state.preflight.status === 'ready' && state.preflight.data.installed ? state.preflight.data : undefined;
	switch (state.screen.name) {
		case 'preflight': {
			return (
				<Preflight
					state={state.preflight}
					lang={lang}
					sandboxMode={sandboxMode}
					onBegin={() => dispatch({type: 'begin'})}
					onInstall={() => {
						dispatch({type: 'installStarted'});
						void (async () => {
							try {
								await (await getEngine()).installPostfix(line => dispatch({type: 'installOutput', line}));
								dispatch({type: 'reloadPreflight'});
							} catch (error) {
								dispatch({type: 'preflightFailed', message: message(error)});
							}
						})();
					}}
				/>
			);
		}

		case 'setting': {
			const setting = settings[state.screen.index]!;
			return (
				<SettingStep
					key={setting.name}
					setting={setting}
					step={state.screen.index + 1}
					total={settingCount}
					value={state.answers[setting.name] ?? ''}
					current={preflight?.current.get(setting.name)}
					postfixDefault={preflight?.defaults.get(setting.name)}
					recommended={preflight?.proposals.get(setting.name)}
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
					lang={lang}
					sandboxMode={sandboxMode}
					onApply={() => dispatch({type: 'apply'})}
					onBack={() => dispatch({type: 'back'})}
					onTestMail={() => dispatch({type: 'toTestMail'})}
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
					sandboxMode={sandboxMode}
					onContinue={() => (state.outcome?.status === 'applied' ? dispatch({type: 'toTestMail'}) : leave(1))}
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
			return <Summary state={state} lang={lang} sandboxMode={sandboxMode} sinkMessages={loaded.current?.sinkMessages() ?? []} onQuit={() => leave(0)} />;
		}
	}
}
