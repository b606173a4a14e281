import {useEffect} from 'react';

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one engine call each time `active` turns true, and reports its result unless the
 * screen moved on first: leaving (or the state that started it changing) aborts the call
 * through its signal, and a late answer is dropped rather than applied to the wrong screen.
 */
export function useTask<T>(active: boolean, run: (signal: AbortSignal) => Promise<T>, onDone: (value: T) => void, onError: (message: string) => void): void {
	useEffect(() => {
		if (!active) {
			return;
		}

		const controller = new AbortController();
		run(controller.signal).then(
			value => {
				if (!controller.signal.aborted) {
					onDone(value);
				}
			},
			(error: unknown) => {
				if (!controller.signal.aborted) {
					onError(errorMessage(error));
				}
			},
		);
		return () => controller.abort();
	}, [active]);
}
