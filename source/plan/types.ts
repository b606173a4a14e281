import type {ServiceAction} from '../settings/types.js';

/** One parameter whose value in force differs from the one asked for. */
export interface Change {
	readonly name: string;
	/** The value in force now, as main.cf or Postfix's default spells it. */
	readonly from: string;
	/** True when `from` is written in main.cf, false when it is Postfix's default. */
	readonly fromExplicit: boolean;
	/** The value in force afterwards; for a removal, Postfix's default. */
	readonly to: string;
	/** True when the parameter is taken out of main.cf (`postconf -X`), leaving the default. */
	readonly removed?: boolean;
}

/** What Postfix must do once main.cf is written. */
export type PlanService = ServiceAction | 'none';

/**
 * A file beside main.cf that the plan writes or removes (sasl_passwd, a canonical map…),
 * in the same transaction as main.cf: staged, backed up, written and rolled back together.
 */
export interface FileEdit {
	/** Absolute, inside the config dir. */
	readonly path: string;
	/** The new bytes; undefined removes the file (and its built map). */
	readonly content: Buffer | undefined;
	/** e.g. 0o600 for secrets, 0o644 otherwise; a built map gets the same. */
	readonly mode: number;
	/** Never shown: the diff uses `display`, backups are 0600. */
	readonly secret: boolean;
	/** Redacted text for the diff, e.g. "[smtp.example.com]:587 user:********". */
	readonly display?: string;
	/** A postmap type ('hash', 'lmdb', 'btree'): the built map is staged and written too. */
	readonly map?: string;
}

export interface Plan {
	readonly changes: readonly Change[];
	readonly service: PlanService;
	/** Files other than main.cf; empty when only main.cf changes. */
	readonly files: readonly FileEdit[];
}

/** The configuration a plan starts from, as postconf reports it. */
export interface CurrentConfig {
	/** Values in force (explicit or default) of the parameters asked about. */
	readonly values: ReadonlyMap<string, string>;
	/** Parameters main.cf sets explicitly (`postconf -n`). */
	readonly explicit: ReadonlyMap<string, string>;
	/** Postfix's built-in defaults of the parameters asked about. */
	readonly defaults: ReadonlyMap<string, string>;
	/** What postconf warned about while reading (duplicates, unknown parameters…). */
	readonly warnings: readonly string[];
}
