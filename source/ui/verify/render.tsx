import {render, useStdin} from 'ink';
import type {Lang} from '../../i18n/lang.js';
import {InterruptedError} from '../../errors.js';
import {interruptionOf} from '../../interrupt.js';
import type {CheckResult, VerifyReport} from '../../verify/checks.js';
import type {StageProgress, VerifyStage} from '../../verify/stages.js';
import {useKeys} from '../input/use-keys.js';
import {type StopReason, type Stopped, type VerifyState, initialVerifyState, stoppedLines, verifyReducer} from '../../verify/progress.js';
import {VerifyView} from './VerifyView.js';

/** What the run is told: each check and each stage as it comes, and when to stop. */
export interface VerifyHandlers {
	readonly onCheck: (check: CheckResult) => void;
	readonly onStage: (stage: StageProgress) => void;
	/** Aborted by Ctrl-C, q, or a signal from outside. */
	readonly signal: AbortSignal;
}

export interface VerifyOutcome {
	/** The finished report; undefined when the run was stopped. */
	readonly report: VerifyReport | undefined;
	readonly stopped: Stopped | undefined;
	/** What the stopped run was waiting for, as printed. */
	readonly stoppedLines: readonly string[];
}

type Event = Parameters<typeof verifyReducer>[1];

/** Ink's part: the checklist, and q / Ctrl-C, where the terminal gives keys (raw mode). */
function VerifyScreen({state, lang, onStop}: {
	readonly state: VerifyState;
	readonly lang: Lang;
	readonly onStop: (reason: StopReason) => void;
}) {
	const {isRawModeSupported} = useStdin();
	useKeys((input, key) => {
		if (key.ctrl && input === 'c') {
			onStop('SIGINT');
		} else if (input === 'q' && !key.ctrl && !key.meta) {
			onStop('q');
		}
	}, {isActive: isRawModeSupported && state.done === undefined && state.stopped === undefined});
	return <VerifyView state={state} lang={lang} />;
}

/**
 * Draws the checklist at once, every stage pending, before `run` has read anything (or
 * started a sandbox), and fills it in as `run` reports. Stopping (q, Ctrl-C, a signal) says
 * what the run was waiting for, aborts it, and waits for it to wind down (its programs ended).
 */
export async function renderVerify(stages: readonly VerifyStage[], run: (handlers: VerifyHandlers) => Promise<VerifyReport>, options: {readonly lang: Lang; readonly interrupt: AbortSignal}): Promise<VerifyOutcome> {
	let state = initialVerifyState(stages);
	// Each event redraws at once (rerender is synchronous), so the last frame is on screen before unmount.
	let redraw = () => {};
	const send = (event: Event) => {
		state = verifyReducer(state, event);
		redraw();
	};

	const controller = new AbortController();
	const stop = (reason: StopReason) => {
		if (controller.signal.aborted || state.done) {
			return;
		}

		send({type: 'stop', reason, now: Date.now()});
		controller.abort(reason === 'q' ? new Error('stopped with q') : new InterruptedError(reason));
	};

	const onInterrupt = () => stop(interruptionOf(options.interrupt)?.signal ?? 'SIGINT');
	options.interrupt.addEventListener('abort', onInterrupt, {once: true});
	const screen = () => <VerifyScreen state={state} lang={options.lang} onStop={stop} />;
	const app = render(screen(), {exitOnCtrlC: false});
	redraw = () => app.rerender(screen());
	if (options.interrupt.aborted) {
		onInterrupt();
	}

	try {
		const report = await run({
			onCheck: check => send({type: 'check', check}),
			onStage: stage => send({type: 'stage', stage, now: Date.now()}),
			signal: AbortSignal.any([options.interrupt, controller.signal]),
		}).catch((error: unknown) => {
			if (state.stopped) {
				// Stopped: whatever the run threw on its way out is the stop itself.
				return undefined;
			}

			throw error;
		});
		if (report && !state.stopped) {
			send({type: 'done', report});
		}

		return {report: state.stopped ? undefined : report, stopped: state.stopped, stoppedLines: stoppedLines(state, options.lang)};
	} finally {
		options.interrupt.removeEventListener('abort', onInterrupt);
		app.unmount();
		await app.waitUntilExit();
	}
}
