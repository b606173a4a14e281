import type {Lang} from '../i18n/lang.js';

/** Options every command takes (DESIGN.md: global options). */
export interface GlobalOptions {
	readonly configDir: string | undefined;
	readonly sandbox: boolean;
	readonly lang: Lang;
}

/** Exit codes of the command-line contract. */
export const exitCode = {ok: 0, failed: 1, usage: 2} as const;
