import type {Lang} from '../i18n/lang.js';

/** Options every command takes (DESIGN.md: global options), and the run's interruption. */
export interface GlobalOptions {
	readonly configDir: string | undefined;
	readonly sandbox: boolean;
	readonly lang: Lang;
	/**
	 * Aborted when SIGINT, SIGTERM or SIGHUP arrives, with an InterruptedError as reason:
	 * running programs end, a transaction finishes or rolls back, the command leaves.
	 */
	readonly interrupt: AbortSignal;
}

export {exitCode} from '../errors.js';
