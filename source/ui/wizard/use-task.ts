import {useEffect} from 'react';
import {WizardError, reasonOf} from '../../errors.js';
import type {Lang} from '../../i18n/lang.js';

/**
 * What went wrong, in the user's language: the tool's own errors carry their sentence and
 * details (each refused value with its rule) in both; an OS error is said in words; anything
 * else says what it says.
 */
export function errorMessage(error: unknown, lang: Lang): string {
	if (error instanceof WizardError) {
		return [error.text[lang], ...error.details(lang).map(line => line.trim()), ...(error.hint ? [error.hint[lang]] : [])].join('\n');
	}

	return reasonOf(error)[lang];
}

/**
 * Runs one engine call each time `active` turns true, and reports its result unless the
 * screen moved on first: leaving (or the state that started it changing) aborts the call
 * through its signal, and a late answer is dropped rather than applied to the wrong screen.
 */
export function useTask<T>(active: boolean, run: (signal: AbortSignal) => Promise<T>, onDone: (value: T) => void, onError: (message: string) => void, lang: Lang): void {
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
					onError(errorMessage(error, lang));
				}
			},
		);
		return () => controller.abort();
	}, [active]);
}
