import {InterruptedError} from './errors.js';

/** The signals that end a run: Ctrl-C, `kill`, a closed terminal. */
export const endingSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface Interruption {
	/** Aborted by the first signal, with an InterruptedError naming it as the reason. */
	readonly signal: AbortSignal;
	/** Stop listening (the default handlers, which end the process, take over again). */
	release(): void;
}

/**
 * From here on a signal does not end the process: it aborts `signal`, and whatever
 * runs (a program, the transaction, the wizard) finishes or rolls back and leaves with
 * 128 + N. Later signals change nothing: a rollback in progress must not be cut short,
 * and every wait has a deadline.
 */
export function catchSignals(): Interruption {
	const controller = new AbortController();
	const onSignal = (name: NodeJS.Signals) => {
		if (!controller.signal.aborted) {
			controller.abort(new InterruptedError(name));
		}
	};

	for (const name of endingSignals) {
		process.on(name, onSignal);
	}

	return {
		signal: controller.signal,
		release() {
			for (const name of endingSignals) {
				process.off(name, onSignal);
			}
		},
	};
}

/** The interruption behind an aborted signal, if a signal (not something else) aborted it. */
export function interruptionOf(signal: AbortSignal | undefined): InterruptedError | undefined {
	return signal?.aborted && signal.reason instanceof InterruptedError ? signal.reason : undefined;
}

/** What an aborted run throws: the interruption behind the signal, or Ctrl-C's when something else stopped it. */
export function stopOf(signal: AbortSignal | undefined): InterruptedError {
	return interruptionOf(signal) ?? new InterruptedError('SIGINT');
}
